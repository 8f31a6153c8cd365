import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { FaceAnalysis } from 'openfaceio/vision';
import { similarity } from 'openfaceio/vision';
import { createNodeEngine, decodeImageFile } from '../../src/vision/index.js';
import { imagesIn, labelledFaces } from '../../../test/helpers/data.js';

// The node runs derived model files (scripts/derive-models.mjs) at optimisation level 'all'; these
// must give what the verified originals give at their levels (node-models.ts), on real faces,
// through the whole pipeline: same faces found, same embeddings (cosine ≥ 0.99999), same scores.
describe('derived model files agree with the verified originals', () => {
  const original = createNodeEngine({ models: 'original' });
  const fast = createNodeEngine({ models: 'fast' });
  after(() => Promise.all([original.dispose(), fast.dispose()]));
  const images = [...labelledFaces().map((f) => f.file), ...imagesIn('antispoof')];

  it(`on ${images.length} real images: same faces, embeddings cosine ≥ 0.99999, liveness / age / gender within rounding`, async () => {
    let faces = 0;
    let minCosine = 1;
    const delta = { liveness: 0, age: 0, maleness: 0, box: 0 };
    for (const file of images) {
      const px = await decodeImageFile(file);
      const options = { embedding: true, liveness: true, ageGender: true };
      const [a, b] = await Promise.all([original.analyze(px, options), fast.analyze(px, options)]);
      assert.equal(b.faces.length, a.faces.length, `${file}: faces found`);
      a.faces.forEach((fa: FaceAnalysis, i) => {
        const fb = b.faces[i]!;
        faces++;
        minCosine = Math.min(minCosine, similarity(fa.embedding!, fb.embedding!));
        delta.liveness = Math.max(delta.liveness, Math.abs(fa.liveness! - fb.liveness!));
        delta.age = Math.max(delta.age, Math.abs(fa.age! - fb.age!));
        delta.maleness = Math.max(delta.maleness, Math.abs(fa.maleness! - fb.maleness!));
        delta.box = Math.max(delta.box, ...(['x1', 'y1', 'x2', 'y2'] as const).map((k) => Math.abs(fa.box[k] - fb.box[k])));
      });
    }
    assert.ok(faces >= 50, `${faces} faces compared`);
    assert.ok(minCosine >= 0.99999, `min embedding cosine ${minCosine}`);
    // Measured on these 68 faces: min cosine 0.99999999, p(live) 1e-6, age 4e-5 years, maleness 1e-6, boxes 0.
    assert.ok(delta.liveness < 1e-3, `p(live) differs by ${delta.liveness}`);
    assert.ok(delta.age < 0.01, `age differs by ${delta.age} years`);
    assert.ok(delta.maleness < 1e-3, `maleness differs by ${delta.maleness}`);
    assert.ok(delta.box < 1e-3, `boxes differ by ${delta.box} px`);
  });
});
