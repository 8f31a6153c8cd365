// Checks models/face_detection_short_range.tflite, written by scripts/tflite-metadata.mjs from the
// raw @mediapipe/face_detection model: (a) structurally, in Node, and (b) that MediaPipe's Tasks
// FaceDetector in headless Chromium accepts it and finds faces, while the raw file is rejected.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { closeAll, launchChromium, openPage, startStaticServer, type StaticServer } from '../../../test/helpers/browser.js';
import { DATA_DIR } from '../../../test/helpers/data.js';
import { packageDir } from '../../src/sdk-files.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const modelsDir = join(root, 'models');
const preparedPath = join(modelsDir, 'face_detection_short_range.tflite');
const rawPath = join(modelsDir, 'face_detection_short_range.raw.tflite');

// --- a minimal flatbuffer reader (little-endian; offsets are relative to where they are stored) ---

class Table {
  constructor(
    readonly view: DataView,
    readonly pos: number,
  ) {}
  /** Absolute position of field `slot`, or 0 when absent. */
  field(slot: number): number {
    const vtable = this.pos - this.view.getInt32(this.pos, true);
    const vtableSize = this.view.getUint16(vtable, true);
    if (4 + slot * 2 >= vtableSize) return 0;
    const rel = this.view.getUint16(vtable + 4 + slot * 2, true);
    return rel === 0 ? 0 : this.pos + rel;
  }
  private deref(pos: number): number {
    return pos + this.view.getUint32(pos, true);
  }
  table(slot: number): Table | null {
    const pos = this.field(slot);
    return pos === 0 ? null : new Table(this.view, this.deref(pos));
  }
  uint(slot: number, width: 1 | 4): number | null {
    const pos = this.field(slot);
    if (pos === 0) return null;
    return width === 1 ? this.view.getUint8(pos) : this.view.getUint32(pos, true);
  }
  string(slot: number): string | null {
    const bytes = this.bytes(slot);
    return bytes === null ? null : new TextDecoder().decode(bytes);
  }
  /** A vector of tables. */
  tables(slot: number): Table[] {
    const pos = this.field(slot);
    if (pos === 0) return [];
    const vec = this.deref(pos);
    const length = this.view.getUint32(vec, true);
    return Array.from({ length }, (_, i) => new Table(this.view, this.deref(vec + 4 + i * 4)));
  }
  /** A vector of bytes (also a string's bytes), as a view into the file. */
  bytes(slot: number): Uint8Array | null {
    const pos = this.field(slot);
    if (pos === 0) return null;
    const vec = this.deref(pos);
    const length = this.view.getUint32(vec, true);
    return new Uint8Array(this.view.buffer, this.view.byteOffset + vec + 4, length);
  }
  floats(slot: number): number[] {
    const pos = this.field(slot);
    if (pos === 0) return [];
    const vec = this.deref(pos);
    const length = this.view.getUint32(vec, true);
    return Array.from({ length }, (_, i) => this.view.getFloat32(vec + 4 + i * 4, true));
  }
}

/** The root table of a finished flatbuffer, after checking its 4-byte file identifier. */
function rootTable(bytes: Uint8Array, identifier: string): Table {
  assert.ok(bytes.byteLength >= 8, 'too short for a flatbuffer');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  assert.equal(new TextDecoder().decode(bytes.subarray(4, 8)), identifier, 'file identifier');
  const rootPos = view.getUint32(0, true);
  assert.ok(rootPos >= 8 && rootPos + 4 <= bytes.byteLength, `root offset ${rootPos} outside the buffer`);
  const vtable = rootPos - view.getInt32(rootPos, true);
  assert.ok(vtable >= 0 && vtable + 4 <= bytes.byteLength, `root vtable at ${vtable} outside the buffer`);
  return new Table(view, rootPos);
}

// Field slots from tensorflow/lite/schema/schema.fbs and metadata_schema.fbs.
const MODEL = { version: 0, operatorCodes: 1, subgraphs: 2, buffers: 4, metadata: 6 };
const BUFFER_DATA = 0;
const METADATA = { name: 0, buffer: 1 };

describe('face_detection_short_range.tflite (prepared with TFLite metadata)', () => {
  const prepared = new Uint8Array(readFileSync(preparedPath));
  const raw = new Uint8Array(readFileSync(rawPath));

  test('is a TFL3 flatbuffer whose original model bytes are a suffix', () => {
    const model = rootTable(prepared, 'TFL3');
    assert.equal(model.uint(MODEL.version, 4), 3, 'schema version');
    assert.ok(prepared.byteLength > raw.byteLength);
    assert.deepEqual(prepared.subarray(prepared.byteLength - raw.byteLength), raw);
    // The new root keeps the original graph: the same subgraphs/operator codes and every original
    // buffer, in order, plus the metadata buffer at the end.
    const original = rootTable(raw, 'TFL3');
    const shift = prepared.byteLength - raw.byteLength;
    assert.deepEqual(
      model.tables(MODEL.subgraphs).map((t) => t.pos),
      original.tables(MODEL.subgraphs).map((t) => t.pos + shift),
    );
    assert.equal(model.tables(MODEL.operatorCodes).length, original.tables(MODEL.operatorCodes).length);
    const buffers = model.tables(MODEL.buffers).map((b) => b.pos);
    assert.deepEqual(
      buffers.slice(0, -1),
      original.tables(MODEL.buffers).map((b) => b.pos + shift),
    );
  });

  test('has a TFLITE_METADATA entry holding an M001 ModelMetadata with mean/std 127.5 and RGB', () => {
    const model = rootTable(prepared, 'TFL3');
    const entries = model.tables(MODEL.metadata).filter((m) => m.string(METADATA.name) === 'TFLITE_METADATA');
    assert.equal(entries.length, 1, 'exactly one TFLITE_METADATA entry');
    const index = entries[0]!.uint(METADATA.buffer, 4);
    assert.ok(index !== null);
    const buffer = model.tables(MODEL.buffers)[index];
    assert.ok(buffer, `metadata buffer index ${index} out of range`);
    const data = buffer.bytes(BUFFER_DATA);
    assert.ok(data && data.byteLength > 8, 'metadata buffer has data');
    assert.equal(data.byteOffset % 16, 0, 'Buffer.data is force_align 16');

    const metadata = rootTable(data, 'M001'); // ModelMetadata
    assert.ok(metadata.string(0), 'ModelMetadata.name');
    const subgraphs = metadata.tables(3);
    assert.equal(subgraphs.length, 1);
    const inputs = subgraphs[0]!.tables(2); // SubGraphMetadata.input_tensor_metadata
    assert.equal(inputs.length, 1);
    const input = inputs[0]!;
    const content = input.table(3); // TensorMetadata.content
    assert.equal(content?.uint(0, 1), 2, 'content_properties_type = ImageProperties');
    assert.equal(content?.table(1)?.uint(0, 1), 1, 'ImageProperties.color_space = RGB');
    const units = input.tables(4); // TensorMetadata.process_units
    assert.equal(units.length, 1);
    assert.equal(units[0]!.uint(0, 1), 1, 'options_type = NormalizationOptions');
    const normalization = units[0]!.table(1);
    assert.ok(normalization);
    assert.deepEqual(normalization.floats(0), [127.5], 'mean');
    assert.deepEqual(normalization.floats(1), [127.5], 'std');
  });
});

// --- MediaPipe Tasks FaceDetector in headless Chromium ---

const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>tflite metadata check</title>
<script type="module">
  import { FaceDetector, FilesetResolver } from '/mp/vision_bundle.mjs';

  const loadImage = async (src) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    return img;
  };

  // Creates a detector for modelUrl and runs it on each image; resolves with plain JSON data.
  window.detectFaces = async (modelUrl, imageUrls) => {
    const fileset = await FilesetResolver.forVisionTasks(new URL('/mp/wasm', location.href).href);
    const detector = await FaceDetector.createFromOptions(fileset, {
      baseOptions: { modelAssetPath: modelUrl, delegate: 'CPU' },
      runningMode: 'IMAGE',
    });
    try {
      const results = [];
      for (const url of imageUrls) {
        const img = await loadImage(url);
        const { detections } = detector.detect(img);
        results.push({
          width: img.naturalWidth,
          height: img.naturalHeight,
          detections: detections.map((d) => ({ score: d.categories[0]?.score ?? 0, box: d.boundingBox })),
        });
      }
      return results;
    } finally {
      detector.close();
    }
  };
  window.pageReady = true;
</script>
`;

interface Box {
  originX: number;
  originY: number;
  width: number;
  height: number;
}
interface ImageResult {
  width: number;
  height: number;
  detections: Array<{ score: number; box: Box }>;
}
/** What PAGE puts on window (typed locally rather than by augmenting the global Window type). */
interface PageApi {
  detectFaces(modelUrl: string, imageUrls: string[]): Promise<ImageResult[]>;
  pageReady?: boolean;
}

/** Intersection over union of two boxes in pixels. */
function iou(a: Box, b: Box): number {
  const w = Math.max(0, Math.min(a.originX + a.width, b.originX + b.width) - Math.max(a.originX, b.originX));
  const h = Math.max(0, Math.min(a.originY + a.height, b.originY + b.height) - Math.max(a.originY, b.originY));
  const inter = w * h;
  return inter / (a.width * a.height + b.width * b.height - inter);
}

describe('MediaPipe FaceDetector (tasks-vision 0.10.35, headless Chromium)', () => {
  let server: StaticServer | undefined;
  let browser: Browser | undefined;

  before(async () => {
    server = await startStaticServer({
      routes: {
        '/mp/': packageDir('@mediapipe/tasks-vision', import.meta.url),
        '/models/': modelsDir,
        '/data/': DATA_DIR,
      },
      pages: { '/index.html': PAGE },
    });
    browser = await launchChromium();
  });
  after(() => closeAll(browser, server));

  /** Runs detectFaces in a fresh page, so a failed model load cannot affect another test. */
  async function detect(model: string, images: string[]): Promise<{ results?: ImageResult[]; error?: string; logs: string[] }> {
    const { page, logs, close } = await openPage(browser!, server!.url('/index.html'));
    try {
      await page.waitForFunction(() => (window as unknown as PageApi).pageReady === true);
      return await page
        .evaluate(([m, i]) => (window as unknown as PageApi).detectFaces(m, i), [
          server!.url(`/models/${model}`),
          images.map((p) => server!.url(p)),
        ] as const)
        .then(
          (results) => ({ results, logs }),
          (error: unknown) => ({ error: error instanceof Error ? error.message : String(error), logs }),
        );
    } finally {
      await close();
    }
  }

  test('the prepared model finds exactly one face in a portrait and none in a coffee scene', async () => {
    const { results, error, logs } = await detect('face_detection_short_range.tflite', [
      '/data/faces/fr_obama/obama_1.jpg',
      '/data/scenes/no-face/coffee.png',
    ]);
    assert.equal(error, undefined, `detector failed: ${error}\n${logs.join('\n')}`);
    assert.ok(results);
    const [portrait, scene] = results;
    assert.ok(portrait && scene);

    assert.equal(portrait.detections.length, 1, JSON.stringify(portrait.detections));
    const face = portrait.detections[0]!;
    assert.ok(face.score > 0.5, `score ${face.score}`);
    // Hand-measured face (forehead to chin, ear to ear) in the original obama_1.jpg, 910×1137; the
    // detector's square box (eyebrows to chin) had IoU ≈ 0.8 with it. The fixture is that photo
    // downscaled (to 512×640): the box scales with it.
    const k = portrait.width / 910;
    assert.ok(Math.abs(portrait.height - 1137 * k) < 2, `aspect of ${portrait.width}×${portrait.height}`);
    const expected: Box = { originX: 355 * k, originY: 110 * k, width: 270 * k, height: 300 * k };
    const overlap = iou(face.box, expected);
    assert.ok(overlap > 0.5, `IoU ${overlap.toFixed(2)} with the face; got ${JSON.stringify(face.box)}`);

    assert.equal(scene.detections.length, 0, JSON.stringify(scene.detections));
  });

  test('the raw model is rejected for lack of NormalizationOptions metadata', async () => {
    const { results, error } = await detect('face_detection_short_range.raw.tflite', ['/data/scenes/no-face/coffee.png']);
    assert.equal(results, undefined, 'the raw model unexpectedly loaded');
    assert.match(error ?? '', /NormalizationOptions/);
  });
});
