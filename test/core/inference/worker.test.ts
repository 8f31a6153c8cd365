// The production inference worker (src/core/inference/inference.worker.ts) in headless Chromium,
// driven through the inference actor (inference-actor.ts) on onnxruntime-web (WASM, 1 thread).
// Images are decoded once in node and served as raw RGBA; the page makes ImageBitmaps from them,
// as the widget does with camera frames.
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { decodeImageFile } from '../../../node/src/vision/index.js';
import type { Pixels } from '../../../src/vision/index.js';
import { dataPath } from '../../helpers/data.js';
import { openOrtWebPage, type OrtWebPage } from '../../helpers/ort-web-page.js';
import type { RawRgba } from './worker.shared.js';

const here = dirname(fileURLToPath(import.meta.url));
const srcInference = join(here, '../../../src/core/inference');

const IMAGES = {
  face: 'faces/fr_obama/obama_1.jpg',
  noFace: 'scenes/no-face/coffee.png',
  group: 'scenes/many-faces/bbt2.jpg',
} as const;
type ImageName = keyof typeof IMAGES;

/** The guidance hints that mean "one face, fix this" (any quality hint, or good). */
const SINGLE_FACE_KEYS = ['good', 'move-closer', 'move-back', 'center', 'too-dark', 'too-bright', 'hold-still', 'look-straight'];

function toRgba(px: Pixels): Uint8Array {
  const n = px.width * px.height;
  if (px.channels === 4) return new Uint8Array(px.data.buffer, px.data.byteOffset, n * 4);
  const rgba = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 3; c++) rgba[i * 4 + c] = px.data[i * 3 + c]!;
    rgba[i * 4 + 3] = 255;
  }
  return rgba;
}

describe('inference worker + actor (headless Chromium, onnxruntime-web WASM)', () => {
  const raw = {} as Record<ImageName, RawRgba>;
  let harness: OrtWebPage | undefined;
  const page = () => harness!.page.page;

  before(async () => {
    const files = new Map<string, Uint8Array>();
    for (const [name, image] of Object.entries(IMAGES) as [ImageName, string][]) {
      const px = await decodeImageFile(dataPath(image));
      raw[name] = { url: `/px/${name}.rgba`, width: px.width, height: px.height };
      files.set(raw[name].url, toRgba(px));
    }
    harness = await openOrtWebPage({
      entries: { 'worker.page': join(here, 'worker.page.ts'), 'inference.worker': join(srcInference, 'inference.worker.ts') },
      html: '<!doctype html><meta charset="utf-8"><title>inference worker</title><script type="module" src="/worker.page.js"></script>',
      files,
    });
    await page().waitForFunction(() => typeof window.inferenceInit === 'function');
    const { wasmPaths, modelBaseUrl } = harness;
    const init = await page().evaluate((o) => window.inferenceInit(o), { wasmPaths, modelBaseUrl, threads: 1 });
    assert.equal(init.backend, 'wasm');
  });

  after(async () => {
    await harness?.close();
  });

  test('a face photo: one face with box, keypoints, quality and liveness; guidance good or a quality hint', async (t) => {
    const r = await page().evaluate((img) => window.inferenceAnalyze(img), raw.face);
    assert.equal(r.widthAfter, 0, 'the bitmap was not transferred');
    const s = r.summary;
    assert.ok(s && s.main, 'no summary or no main face');
    assert.equal(s.faces, 1);
    assert.equal(s.width, raw.face.width);
    assert.equal(s.height, raw.face.height);
    const { box, keypoints, quality, liveness } = s.main;
    assert.ok(box.x1 >= 0 && box.x2 > box.x1 && box.x2 <= s.width && box.y2 > box.y1, `box ${JSON.stringify(box)}`);
    assert.ok(keypoints.leftEye.x < keypoints.rightEye.x, 'eyes out of order');
    for (const k of ['yaw', 'pitch', 'roll', 'sharpness', 'brightness', 'interocular'] as const) assert.ok(Number.isFinite(quality[k]), k);
    assert.ok(quality.interocular > 20);
    assert.ok(liveness >= 0 && liveness <= 1);
    assert.ok(s.main.livenessHint === 'live' || s.main.livenessHint === 'spoof');
    assert.ok(r.guidance && SINGLE_FACE_KEYS.includes(r.guidance), `guidance ${r.guidance}`);
    t.diagnostic(`guidance ${r.guidance}; issues [${quality.issues.join(', ')}]; liveness ${liveness.toFixed(3)}`);
  });

  test('a scene without a face: no-face', async () => {
    const r = await page().evaluate((img) => window.inferenceAnalyze(img), raw.noFace);
    assert.equal(r.summary?.faces, 0);
    assert.equal(r.summary?.main, null);
    assert.equal(r.guidance, 'no-face');
  });

  test('a group photo: many-faces', async (t) => {
    const r = await page().evaluate((img) => window.inferenceAnalyze(img), raw.group);
    assert.ok((r.summary?.faces ?? 0) > 1, `faces ${r.summary?.faces}`);
    assert.equal(r.guidance, 'many-faces');
    t.diagnostic(`${r.summary?.faces} faces`);
  });

  test('a second frame while one is in flight resolves null; the first still resolves', async () => {
    const [first, second] = await page().evaluate((img) => window.inferenceBusyPair(img), raw.face);
    assert.equal(first.summary?.faces, 1);
    assert.equal(second.summary, null);
    assert.equal(second.guidance, null);
    assert.equal(second.widthAfter, 0, 'the dropped frame was not closed');
    // The client is free again afterwards.
    const again = await page().evaluate((img) => window.inferenceAnalyze(img), raw.noFace);
    assert.equal(again.guidance, 'no-face');
  });

  test('dispose frees the engine; later calls reject', async () => {
    await page().evaluate(() => window.inferenceDispose());
    const message = await page().evaluate(
      (img) =>
        window.inferenceAnalyze(img).then(
          () => 'resolved',
          (e: Error) => e.message,
        ),
      raw.face,
    );
    assert.match(message, /disposed/);
  });

  test('no errors in the page or worker', () => {
    const errors = harness!.page.logs.filter((line) => line.startsWith('[error]') || line.startsWith('[pageerror]'));
    assert.deepEqual(errors, []);
  });
});
