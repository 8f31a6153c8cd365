/// <reference types="mocha" />
// The production inference worker (src/core/inference/inference.worker.ts) in the browser
// (web-test-runner), driven through the inference actor (inference-actor.ts) on onnxruntime-web
// (WASM, 1 thread) with the real models. The config's middleware serves ORT's dist files untouched
// at /ort/ and node/models at /models/. The fixture images are decoded by the browser
// (createImageBitmap), as the widget does with camera frames.
import { expect } from '@open-wc/testing';
import { hintFromSummary, type GuidanceHint } from '../../../src/core/camera/guidance.js';
import { createInferenceClient, type InferenceClient } from '../../../src/core/inference/inference-actor.js';
import type { FrameSummary } from '../../../src/core/inference/worker-protocol.js';
import { pageErrors } from '../../helpers/page-input.js';

const IMAGES = {
  face: 'faces/fr_obama/obama_1.jpg',
  noFace: 'scenes/no-face/coffee.png',
  group: 'scenes/many-faces/bbt2.jpg',
} as const;
type ImageName = keyof typeof IMAGES;

/** The guidance hints that mean "one face, fix this" (any quality hint, or good). */
const SINGLE_FACE_KEYS = ['good', 'move-closer', 'move-back', 'center', 'too-dark', 'too-bright', 'hold-still', 'look-straight'];

interface Analysis {
  summary: FrameSummary | null;
  /** hintFromSummary(summary); null when the frame was dropped. */
  guidance: GuidanceHint | null;
  /** The bitmap's width after analyze(): 0 once transferred to the worker (detached) or closed. */
  widthAfter: number;
}

describe('inference worker + actor (onnxruntime-web WASM)', () => {
  const files = {} as Record<ImageName, { blob: Blob; width: number; height: number }>;
  let worker: Worker;
  let client: InferenceClient;
  const workerErrors: string[] = [];

  const bitmapOf = (name: ImageName): Promise<ImageBitmap> =>
    createImageBitmap(files[name].blob, { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });

  async function analyze(bitmap: ImageBitmap): Promise<Analysis> {
    const pending = client.analyze(bitmap);
    const widthAfter = bitmap.width; // read synchronously after the call: transferred (or closed) by now
    const summary = await pending;
    return { summary, guidance: summary ? hintFromSummary(summary) : null, widthAfter };
  }

  before(async function () {
    this.timeout(180_000); // four ONNX sessions on a loaded two-core machine
    await pageErrors.watch();
    for (const [name, path] of Object.entries(IMAGES) as [ImageName, string][]) {
      const response = await fetch(new URL(`../../fixtures/${path}`, import.meta.url));
      if (!response.ok) throw new Error(`test/fixtures/${path}: HTTP ${response.status} (see test/fixtures/ATTRIBUTION.md)`);
      const blob = await response.blob();
      const probe = await createImageBitmap(blob);
      files[name] = { blob, width: probe.width, height: probe.height };
      probe.close();
    }
    const models = await fetch('/models/fr_detect.onnx', { method: 'HEAD' });
    if (!models.ok) throw new Error('node/models has no fr_detect.onnx: run `npm run models` (npm test does it first)');
    worker = new Worker(new URL('../../../src/core/inference/inference.worker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('error', (event) => workerErrors.push(`[worker error] ${event.message}`));
    worker.addEventListener('messageerror', () => workerErrors.push('[worker messageerror]'));
    client = createInferenceClient(worker);
    const init = await client.init({
      wasmPaths: new URL('/ort/', location.href).href,
      modelBaseUrl: new URL('/models/', location.href).href,
      threads: 1,
    });
    expect(init.backend).to.equal('wasm');
  });

  after(() => {
    worker?.terminate();
  });

  it('a face photo: one face with box, keypoints, quality and liveness; guidance good or a quality hint', async () => {
    const r = await analyze(await bitmapOf('face'));
    expect(r.widthAfter, 'the bitmap was not transferred').to.equal(0);
    const s = r.summary;
    if (!s?.main) throw new Error('no summary or no main face');
    expect(s.faces).to.equal(1);
    expect(s.width).to.equal(files.face.width);
    expect(s.height).to.equal(files.face.height);
    const { box, keypoints, quality, liveness } = s.main;
    expect(box.x1 >= 0 && box.x2 > box.x1 && box.x2 <= s.width && box.y2 > box.y1, `box ${JSON.stringify(box)}`).to.equal(true);
    expect(keypoints.leftEye.x < keypoints.rightEye.x, 'eyes out of order').to.equal(true);
    for (const k of ['yaw', 'pitch', 'roll', 'sharpness', 'brightness', 'interocular'] as const)
      expect(Number.isFinite(quality[k]), k).to.equal(true);
    expect(quality.interocular).to.be.greaterThan(20);
    expect(liveness >= 0 && liveness <= 1).to.equal(true);
    expect(s.main.livenessHint).to.be.oneOf(['live', 'spoof']);
    expect(r.guidance, `guidance ${r.guidance}`).to.be.oneOf(SINGLE_FACE_KEYS);
    console.log(`guidance ${r.guidance}; issues [${quality.issues.join(', ')}]; liveness ${liveness.toFixed(3)}`);
  });

  it('a scene without a face: no-face', async () => {
    const r = await analyze(await bitmapOf('noFace'));
    expect(r.summary?.faces).to.equal(0);
    expect(r.summary?.main).to.equal(null);
    expect(r.guidance).to.equal('no-face');
  });

  it('a group photo: many-faces', async () => {
    const r = await analyze(await bitmapOf('group'));
    expect(r.summary?.faces ?? 0, `faces ${r.summary?.faces}`).to.be.greaterThan(1);
    expect(r.guidance).to.equal('many-faces');
    console.log(`${r.summary?.faces} faces`);
  });

  it('a second frame while one is in flight resolves null; the first still resolves', async () => {
    const [a, b] = await Promise.all([bitmapOf('face'), bitmapOf('face')]);
    const [first, second] = await Promise.all([analyze(a), analyze(b)]);
    expect(first.summary?.faces).to.equal(1);
    expect(second.summary).to.equal(null);
    expect(second.guidance).to.equal(null);
    expect(second.widthAfter, 'the dropped frame was not closed').to.equal(0);
    // The client is free again afterwards.
    const again = await analyze(await bitmapOf('noFace'));
    expect(again.guidance).to.equal('no-face');
  });

  it('dispose frees the engine; later calls reject', async () => {
    await client.dispose();
    const bitmap = await bitmapOf('face');
    const message = await client.analyze(bitmap).then(
      () => 'resolved',
      (e: Error) => e.message,
    );
    expect(message).to.match(/disposed/);
  });

  it('no errors in the page or worker', async () => {
    expect([...workerErrors, ...(await pageErrors.take())]).to.deep.equal([]);
  });
});
