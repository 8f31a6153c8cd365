// Node vs browser parity of the vision engine on the same pixels: onnxruntime-node (CPU) on the
// server, onnxruntime-web (WASM, in a module worker, via pixelsFromImageBitmap) in headless
// Chromium. Each image is decoded ONCE in node (sharp) and the raw RGB bytes are served to the
// browser, so any difference comes from the engine or the runtime, never from two JPEG decoders.
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { after, before, describe, test, type TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createNodeEngine, createNodeRunner, decodeImageFile } from '../../src/vision/index.js';
import type { ImageAnalysis, ModelRunner, Pixels, VisionEngine } from 'openfaceio/vision';
import { alignmentTransform, detectorInput, embeddingInput } from 'openfaceio/vision';
import { dataPath } from '../../../test/helpers/data.js';
import { openOrtWebPage, type OrtWebPage } from '../../../test/helpers/ort-web-page.js';
import { unpackJson, type ParityRequest, type ParityResults, type RawImage } from './parity.shared.js';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Sizes 150² to 910×1137, JPEG and PNG, gray-scale and RGBA sources, one EXIF-rotated, one with
 * several faces, one found only by the detector's padded retry pass.
 */
const IMAGES = [
  'faces/fr_obama/obama_1.jpg', // 910×1137 JPEG
  'faces/bbt_amy/amy1.png', // 150×150 gray-scale PNG
  'faces/deepface_id01/img5.jpg', // 330×512
  'faces/fr_lin_manuel_miranda/lmm_1.png', // 704×612 RGBA PNG
  'faces/skimage_astronaut/astronaut.png', // 512×512
  'antispoof/silentface_image_T1.jpg', // 640×480, EXIF orientation 6
  'scenes/many-faces/bbt2.jpg', // 675×469, several faces
  'faces/bbt_leonard/leonard5.png', // frame-filling face: the padded retry pass (warpAffine) finds it
] as const;

const ANALYZE = { embedding: true, liveness: true, ageGender: true } as const;

// Tolerances (the brief): boxes and points within 0.5 px or 1e-3 relative; embeddings within 1e-3
// per value and cosine ≥ 0.9999; scores within 1e-3 relative (absolute below 1: probabilities, angles).
const PX_TOLERANCE = 0.5;
const REL_TOLERANCE = 1e-3;
const EMBEDDING_TOLERANCE = 1e-3;
const MIN_COSINE = 0.9999;

/** Largest difference seen per quantity, reported as diagnostics (the numbers behind the tolerances). */
const worst = new Map<string, number>();
const note = (what: string, diff: number): void => {
  worst.set(what, Math.max(worst.get(what) ?? 0, diff));
};

function near(what: string, node: number, web: number, tolerance: number, where: string): void {
  const diff = Math.abs(node - web);
  note(what, diff);
  assert.ok(diff <= tolerance, `${where} ${what}: node ${node} vs web ${web} (|Δ| ${diff} > ${tolerance})`);
}
const nearPx = (what: string, node: number, web: number, where: string): void =>
  near(what, node, web, Math.max(PX_TOLERANCE, REL_TOLERANCE * Math.abs(node)), where);
const nearRel = (what: string, node: number, web: number, where: string): void =>
  near(what, node, web, REL_TOLERANCE * Math.max(1, Math.abs(node)), where);

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length, 'lengths differ');
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0,
    na = 0,
    nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return dot / Math.sqrt(na * nb);
}

function compareAnalyses(node: ImageAnalysis, web: ImageAnalysis, image: string): void {
  assert.equal(web.width, node.width);
  assert.equal(web.height, node.height);
  assert.equal(web.detections.length, node.detections.length, `${image}: detection count`);
  assert.equal(web.faces.length, node.faces.length, `${image}: face count`);
  assert.deepEqual(
    web.rejected.map((r) => r.reason),
    node.rejected.map((r) => r.reason),
    `${image}: rejections`,
  );
  node.detections.forEach((d, i) => {
    const w = web.detections[i]!;
    nearRel('detection score', d.score, w.score, `${image} detection ${i}`);
    for (const k of ['x1', 'y1', 'x2', 'y2'] as const) nearPx('box (px)', d.box[k], w.box[k], `${image} detection ${i}`);
  });
  node.faces.forEach((n, i) => {
    const w = web.faces[i]!;
    const where = `${image} face ${i}`;
    for (const k of ['x1', 'y1', 'x2', 'y2'] as const) nearPx('box (px)', n.box[k], w.box[k], where);
    n.landmarks.forEach((p, j) => {
      nearPx('landmark (px)', p.x, w.landmarks[j]!.x, `${where} landmark ${j}`);
      nearPx('landmark (px)', p.y, w.landmarks[j]!.y, `${where} landmark ${j}`);
    });
    for (const k of ['leftEye', 'rightEye', 'nose', 'mouthLeft', 'mouthRight'] as const) {
      nearPx('keypoint (px)', n.keypoints[k].x, w.keypoints[k].x, `${where} ${k}`);
      nearPx('keypoint (px)', n.keypoints[k].y, w.keypoints[k].y, `${where} ${k}`);
    }
    assert.ok(n.embedding && w.embedding, `${where}: embedding missing`);
    const embeddingDiff = maxAbsDiff(n.embedding, w.embedding);
    note('embedding value', embeddingDiff);
    assert.ok(embeddingDiff <= EMBEDDING_TOLERANCE, `${where}: embedding max |Δ| ${embeddingDiff}`);
    const cos = cosine(n.embedding, w.embedding);
    note('1 − cosine', 1 - cos);
    assert.ok(cos >= MIN_COSINE, `${where}: node/web embedding cosine ${cos}`);
    nearRel('faceness', n.faceness, w.faceness, where);
    assert.ok(n.liveness !== undefined && w.liveness !== undefined, `${where}: liveness missing`);
    nearRel('liveness', n.liveness, w.liveness, where);
    assert.ok(n.age !== undefined && w.age !== undefined && n.maleness !== undefined && w.maleness !== undefined, `${where}: age/gender missing`);
    nearRel('age (years)', n.age, w.age, where);
    nearRel('maleness', n.maleness, w.maleness, where);
    assert.equal(w.gender, n.gender, `${where}: gender`);
    for (const k of ['faceWidth', 'interocular', 'sharpness', 'brightness', 'yaw', 'pitch', 'roll'] as const) {
      nearRel(`quality.${k}`, n.quality[k], w.quality[k], where);
    }
    assert.deepEqual(w.quality.issues, n.quality.issues, `${where}: quality issues`);
  });
}

describe('vision engine parity: onnxruntime-node vs onnxruntime-web (headless Chromium, WASM, worker)', () => {
  const pixels: Pixels[] = [];
  const raw: RawImage[] = [];
  let engine: VisionEngine;
  let nodeRunner: ModelRunner;
  let harness: OrtWebPage | undefined;

  const call = async <T extends ParityRequest['type']>(type: T, input: Extract<ParityRequest, { type: T }>['in']): Promise<ParityResults[T]> =>
    unpackJson<ParityResults[T]>(
      await harness!.page.page.evaluate(({ t, i }) => window.parityCall(t, i), { t: type as ParityRequest['type'], i: input as ParityRequest['in'] }),
    );

  before(async () => {
    const files = new Map<string, Uint8Array>();
    for (const [i, image] of IMAGES.entries()) {
      const px = await decodeImageFile(dataPath(image));
      assert.equal(px.channels, 3);
      pixels.push(px);
      raw.push({ url: `/px/${i}.rgb`, width: px.width, height: px.height });
      files.set(`/px/${i}.rgb`, px.data as Uint8Array);
    }
    engine = createNodeEngine();
    // The node engine's own runner, for comparing raw model outputs.
    nodeRunner = createNodeRunner();
    harness = await openOrtWebPage({
      entries: { 'parity.page': join(here, 'parity.page.ts'), 'parity.worker': join(here, 'parity.worker.ts') },
      html: '<!doctype html><meta charset="utf-8"><title>parity</title><script type="module" src="/parity.page.js"></script>',
      files,
    });
    const init = await call('init', { wasmPaths: harness.wasmPaths, modelBaseUrl: harness.modelBaseUrl });
    assert.equal(init.backend, 'wasm');
  });

  after(async () => {
    await Promise.all([engine?.dispose(), nodeRunner?.dispose()]);
    await harness?.close();
  });

  for (const [i, image] of IMAGES.entries()) {
    test(`analyze(): ${image}`, async (t: TestContext) => {
      const node = await engine.analyze(pixels[i]!, ANALYZE);
      const web = await call('analyze', raw[i]!);
      // pixelsFromImageBitmap must hand the engine exactly the bytes node decoded.
      assert.equal(web.channels, 4);
      assert.equal(web.mismatches, 0, 'pixelsFromImageBitmap changed pixel values');
      assert.ok(node.faces.length > 0, `${image}: node found no face`);
      compareAnalyses(node, web.analysis, image);
      t.diagnostic(`${node.faces.length} face(s), ${node.detections.length} detection(s), ${node.rejected.length} rejected`);
    });
  }

  test('the detector sees the same input tensor and gives the same raw outputs', async (t: TestContext) => {
    const px = pixels[0]!;
    const input = detectorInput(px);
    const web = await call('detector', raw[0]!);
    // Pre-processing is plain JS on identical bytes (RGB in node, RGBA from the canvas in the browser): bit-identical.
    assert.equal(web.input.length, input.data.length);
    assert.equal(maxAbsDiff(input.data, web.input), 0, 'detector input differs');
    const [scores, boxes] = await nodeRunner.run('detect', input);
    assert.equal(web.outputs.length, 2);
    const scoreDiff = maxAbsDiff(scores!, web.outputs[0]!);
    const boxDiff = maxAbsDiff(boxes!, web.outputs[1]!);
    note('raw detector score', scoreDiff);
    note('raw detector box (0..1)', boxDiff);
    assert.ok(scoreDiff <= 1e-4, `detector scores max |Δ| ${scoreDiff}`);
    assert.ok(boxDiff <= 1e-4, `detector boxes max |Δ| ${boxDiff}`);
    t.diagnostic(
      `detector input identical (${input.data.length} values); raw outputs max |Δ| scores ${scoreDiff.toExponential(2)}, boxes ${boxDiff.toExponential(2)}`,
    );
  });

  test('fr_feature gives the same raw 512-d vector on the same input tensor', async (t: TestContext) => {
    const face = (await engine.analyze(pixels[0]!)).faces[0]!;
    const input = embeddingInput(pixels[0]!, alignmentTransform(face.keypoints));
    const [nodeOut] = await nodeRunner.run('feature', input);
    harness!.server.addPage(
      '/tensor/feature.f32',
      new Uint8Array(input.data.buffer, input.data.byteOffset, input.data.byteLength),
      'application/octet-stream',
    );
    const [webOut] = await call('run', { model: 'feature', url: '/tensor/feature.f32', dims: [...input.dims] });
    assert.equal(webOut!.length, 512);
    const diff = maxAbsDiff(nodeOut!, webOut!);
    note('raw fr_feature value', diff);
    assert.ok(diff <= 1e-3, `raw feature max |Δ| ${diff}`);
    assert.ok(cosine(nodeOut!, webOut!) >= MIN_COSINE);
    t.diagnostic(`raw fr_feature max |Δ| ${diff.toExponential(2)}, cosine ${cosine(nodeOut!, webOut!)}`);
  });

  test('no errors in the page or worker', (t: TestContext) => {
    const errors = harness!.page.logs.filter((line) => line.startsWith('[error]') || line.startsWith('[pageerror]'));
    assert.deepEqual(errors, []);
    for (const [what, diff] of worst) t.diagnostic(`max |node − web| ${what}: ${diff.toExponential(2)}`);
  });
});
