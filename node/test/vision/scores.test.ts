import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeImageFile } from '../../src/vision/index.js';
import { dataPath } from '../../../test/helpers/data.js';
import { testEngine } from '../helpers/engine.js';

describe('liveness, age/gender and quality on real images', () => {
  const engine = testEngine();
  const only = async (...parts: string[]) => {
    const analysis = await engine.analyze(await decodeImageFile(dataPath(...parts)), { liveness: true, ageGender: true });
    assert.equal(analysis.faces.length, 1);
    return analysis.faces[0]!;
  };

  it('scores the bona fide anti-spoof sample live and the print and replay attacks not live', async () => {
    assert.ok((await only('antispoof', 'silentface_image_T1.jpg')).liveness! > 0.5);
    assert.ok((await only('antispoof', 'silentface_image_F1.jpg')).liveness! < 0.5, 'print attack');
    assert.ok((await only('antispoof', 'silentface_image_F2.jpg')).liveness! < 0.5, 'phone replay attack');
  });

  it('gives a plausible adult age and a gender for a clear portrait', async () => {
    const face = await only('faces', 'fr_obama', 'obama_1.jpg');
    assert.ok(face.age! > 18 && face.age! < 80, `age ${face.age}`);
    assert.equal(face.gender, 'male');
    assert.ok(face.maleness! >= 0 && face.maleness! <= 1);
  });

  it('finds a frontal, sharp, well-lit portrait free of quality issues', async () => {
    const face = await only('faces', 'fr_obama', 'obama_1.jpg');
    assert.deepEqual(face.quality.issues, []);
    assert.ok(Math.abs(face.quality.yaw) < 15 && Math.abs(face.quality.roll) < 10);
  });

  it('flags a strongly turned head as not frontal', async () => {
    // The print attack sample shows a face turned about 45° away.
    const face = await only('antispoof', 'silentface_image_F1.jpg');
    assert.ok(face.quality.issues.includes('not-frontal'), `yaw ${face.quality.yaw}`);
  });

  it('places the five keypoints where a face has them (eyes above nose above mouth)', async () => {
    const { keypoints: k, box } = await only('faces', 'fr_obama', 'obama_1.jpg');
    assert.ok(k.leftEye.x < k.rightEye.x && k.mouthLeft.x < k.mouthRight.x);
    assert.ok(Math.max(k.leftEye.y, k.rightEye.y) < k.nose.y && k.nose.y < Math.min(k.mouthLeft.y, k.mouthRight.y));
    for (const p of Object.values(k)) assert.ok(p.x > box.x1 && p.x < box.x2 && p.y > box.y1 && p.y < box.y2);
  });
});
