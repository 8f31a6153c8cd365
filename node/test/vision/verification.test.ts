import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeImageFile } from '../../src/vision/index.js';
import { DEFAULT_MATCH_THRESHOLD, EMBEDDING_SIZE, primaryFace, similarity } from 'openfaceio/vision';
import { dataPath } from '../../../test/helpers/data.js';
import { testEngine } from '../helpers/engine.js';

const SAME = [
  ['fr_obama/obama_1.jpg', 'fr_obama/obama_3.jpg'],
  ['fr_biden/biden_1.jpg', 'fr_biden/biden_2.jpg'],
  ['fr_kit_harington/kit_1.jpg', 'fr_kit_harington/kit_3.jpg'],
  ['fr_rose_leslie/rose_1.jpg', 'fr_rose_leslie/rose_2.jpg'],
  ['fr_alex_lacamoire/alex_2.jpg', 'fr_alex_lacamoire/alex_3.jpg'],
  ['bbt_penny/penny1.png', 'bbt_penny/penny5.png'],
] as const;
const DIFFERENT = [
  ['fr_obama/obama_1.jpg', 'fr_biden/biden_2.jpg'],
  ['fr_kit_harington/kit_1.jpg', 'fr_rose_leslie/rose_1.jpg'],
  ['fr_alex_lacamoire/alex_2.jpg', 'fr_lin_manuel_miranda/lmm_1.png'],
  ['bbt_amy/amy1.png', 'bbt_penny/penny1.png'],
  ['bbt_howard/howard1.png', 'bbt_raj/raj1.png'],
  ['skimage_astronaut/astronaut.png', 'bbt_bernadette/bernadette2.png'],
] as const;

describe('verification on a fixed handful of faces/', () => {
  const engine = testEngine();
  const cache = new Map<string, Float32Array>();
  const embed = async (file: string): Promise<Float32Array> => {
    let e = cache.get(file);
    if (!e) {
      const face = primaryFace(await engine.analyze(await decodeImageFile(dataPath('faces', file)), { embedding: true }));
      assert.ok(face?.embedding, `a face in ${file}`);
      cache.set(file, (e = face.embedding));
    }
    return e;
  };

  it('embeddings are 512-d and unit length', async () => {
    const e = await embed('fr_obama/obama_1.jpg');
    assert.equal(e.length, EMBEDDING_SIZE);
    assert.ok(Math.abs(similarity(e, e) - 1) < 1e-5);
  });

  for (const [a, b] of SAME) {
    it(`same person above the threshold: ${a} ~ ${b}`, async () => {
      const s = similarity(await embed(a), await embed(b));
      assert.ok(s >= DEFAULT_MATCH_THRESHOLD, `similarity ${s.toFixed(3)}`);
    });
  }
  for (const [a, b] of DIFFERENT) {
    it(`different people below the threshold: ${a} ≁ ${b}`, async () => {
      const s = similarity(await embed(a), await embed(b));
      assert.ok(s < DEFAULT_MATCH_THRESHOLD, `similarity ${s.toFixed(3)}`);
    });
  }
});
