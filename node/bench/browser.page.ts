// Browser side of `npm run bench:browser` (bundled by bench/browser.ts with esbuild): runs in a
// headless Chromium whose fake camera plays the clip, on a page that serves the built SDK at /sdk/.
//
// - coldStart(): camera open → first frame → MediaPipe tracker created → first guidance, in a fresh
//   browser context (nothing compiled or cached yet).
// - init() + frames(n): per-frame latency on the live camera. For each sampled video frame, the
//   MediaPipe tracker runs on the <video> (as the widget does) and one ImageBitmap of that same frame
//   feeds everything else: the real inference worker (dist/inference.worker.js, `analyze` round
//   trip), the same ORT models stage by stage on this page (like bench/web-stages.page.ts), and
//   @vladmandic/human (its ESM build with its bundled tfjs, WASM backend) with face detection +
//   description, with and without its face mesh.
// Every engine runs on one WASM thread (ORT 1 thread, tfjs-wasm 1 thread, MediaPipe's CPU build).
import { openCamera } from '../../src/core/camera/camera-access.js';
import { createFaceTracker, type FaceTracker } from '../../src/core/camera/face-tracker.js';
import { hintFromTracking } from '../../src/core/camera/guidance.js';
import { createInferenceClient, type InferenceClient } from '../../src/core/inference/inference-actor.js';
import { createWebRunner } from '../../src/core/inference/ort-web-runner.js';
import type { Box, Pixels } from 'openfaceio/vision';
import { fivePoints, pixelsFromImageData, VisionEngine } from 'openfaceio/vision';

/** Per-frame series, ms. `ours` = detect + landmarks + align + embed (the part Human's pipeline matches). */
export const FRAME_SERIES = [
  'mediapipeTrack',
  'workerAnalyze',
  'ortDetect',
  'ortLandmarks',
  'ortAlign',
  'ortEmbed',
  'ortLiveness',
  'ours',
  'humanDetectDescribe',
  'humanDetectMeshDescribe',
] as const;
export type FrameSeries = (typeof FRAME_SERIES)[number];

export interface BenchUrls {
  /** The built SDK (dist/), ending in '/'. */
  sdk: string;
  /** onnxruntime-web's dist files for this page's own runner, ending in '/'. */
  ort: string;
  /** human.esm.js (bundles tfjs 4.22 with its WASM backend). */
  human: string;
  /** @vladmandic/human/models/, ending in '/'. */
  humanModels: string;
  /** @tensorflow/tfjs-backend-wasm/dist/, ending in '/'. */
  tfjsWasm: string;
}

export interface ColdStart {
  /** getUserMedia resolved. */
  cameraMs: number;
  /** The <video> has its first frame (after cameraMs). */
  firstFrameMs: number;
  /** createFaceTracker() (MediaPipe wasm + model), after the first frame. */
  trackerMs: number;
  /** The first track() of a frame (the detector's first run). */
  firstTrackMs: number;
  /** From asking for the camera to the first guidance hint with a face in it. */
  totalMs: number;
  hint: string;
}

export interface InitTimes {
  cameraMs: number;
  trackerMs: number;
  workerInitMs: number;
  ortPageInitMs: number;
  humanInitMs: number;
  humanBackend: string;
  /** tfjs-wasm's thread count as it reports it (1 asked). */
  humanThreads: number | null;
  humanVersion: string;
}

export interface FrameRun {
  series: Record<FrameSeries, number[]>;
  /** Frames where each pipeline found a face (out of `frames`). */
  found: { mediapipe: number; worker: number; ours: number; human: number; humanMesh: number };
  frames: number;
  /** Length of Human's descriptor (faceres: 1024) and of ours (512). */
  embeddingLength: { human: number; ours: number };
}

declare global {
  interface Window {
    browserBench: {
      coldStart(urls: BenchUrls): Promise<ColdStart>;
      init(urls: BenchUrls): Promise<InitTimes>;
      frames(count: number, warmup: number): Promise<FrameRun>;
    };
  }
}

const trackerAssets = (urls: BenchUrls) => ({
  mediapipeWasm: `${urls.sdk}mediapipe`,
  trackerModelUrl: `${urls.sdk}models/face_detection_short_range.tflite`,
});

/** Resolves at the next frame the <video> presents (at most ~100 ms later if the callback never comes). */
function nextFrame(video: HTMLVideoElement): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    video.requestVideoFrameCallback(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

async function cameraVideo(): Promise<{ video: HTMLVideoElement; cameraMs: number; firstFrameMs: number }> {
  const t0 = performance.now();
  const stream = await openCamera();
  const cameraMs = performance.now() - t0;
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  await video.play();
  while (video.readyState < 2 || video.videoWidth === 0) await nextFrame(video);
  return { video, cameraMs, firstFrameMs: performance.now() - t0 - cameraMs };
}

// ---- @vladmandic/human, as far as this page uses it (its .d.ts types tfjs as `any`) ----

interface TensorLike {
  dispose(): void;
}
interface HumanFace {
  box: [number, number, number, number];
  embedding?: number[];
}
interface HumanInstance {
  version: string;
  tf: {
    tensor3d(values: Int32Array, shape: [number, number, number], dtype: 'int32'): TensorLike;
    setThreadsCount?(n: number): void;
    getThreadsCount?(): number;
    getBackend(): string;
  };
  env: { wasm: { simd?: boolean; multithread?: boolean } };
  init(): Promise<void>;
  load(): Promise<void>;
  detect(input: TensorLike, config?: Record<string, unknown>): Promise<{ face: HumanFace[]; error?: string | null }>;
}

/** Face detection (BlazeFace) + description (faceres); mesh as asked; nothing else. */
const humanFaceConfig = (mesh: boolean) => ({
  face: {
    enabled: true,
    detector: { rotation: false, maxDetected: 1, minConfidence: 0.2, skipFrames: 0, skipTime: 0, return: false },
    mesh: { enabled: mesh },
    iris: { enabled: false },
    attention: { enabled: false },
    emotion: { enabled: false },
    description: { enabled: true, skipFrames: 0, skipTime: 0 },
    antispoof: { enabled: false },
    liveness: { enabled: false },
    gear: { enabled: false },
  },
});

async function startHuman(urls: BenchUrls): Promise<HumanInstance> {
  const url = urls.human; // a variable: esbuild leaves the import to the browser
  const mod = (await import(url)) as { Human: new (config: Record<string, unknown>) => HumanInstance };
  const human = new mod.Human({
    backend: 'wasm',
    wasmPath: urls.tfjsWasm,
    wasmPlatformFetch: false,
    modelBasePath: urls.humanModels,
    debug: false,
    async: false,
    warmup: 'none',
    cacheModels: false,
    cacheSensitivity: 0, // no frame-to-frame result caching: every frame is processed in full
    skipAllowed: false,
    filter: { enabled: false },
    gesture: { enabled: false },
    body: { enabled: false },
    hand: { enabled: false },
    object: { enabled: false },
    segmentation: { enabled: false },
    ...humanFaceConfig(true), // loads blazeface, facemesh and faceres
  });
  // One thread like ORT and MediaPipe (the page is cross-origin isolated, so tfjs-wasm would
  // otherwise start a thread pool); must be set before the backend initialises.
  human.tf.setThreadsCount?.(1);
  await human.init();
  if (human.tf.getBackend() !== 'wasm') throw new Error(`Human: tfjs backend is ${human.tf.getBackend()}, not wasm`);
  await human.load();
  return human;
}

// ---- state of the measuring page ----

let video: HTMLVideoElement | undefined;
let tracker: FaceTracker | undefined;
let worker: InferenceClient | undefined;
let engine: VisionEngine | undefined;
let human: HumanInstance | undefined;
const canvas = document.createElement('canvas');
const context = canvas.getContext('2d', { willReadFrequently: true })!;

const area = (b: Box): number => (b.x2 - b.x1) * (b.y2 - b.y1);

function pixelsOf(bitmap: ImageBitmap): Pixels {
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  context.globalCompositeOperation = 'copy';
  context.drawImage(bitmap, 0, 0);
  return pixelsFromImageData(context.getImageData(0, 0, bitmap.width, bitmap.height, { colorSpace: 'srgb' }));
}

/** The same pixels as Human's input: an int32 [H, W, 3] tensor (as bench/human-embedder.ts gives it). */
function humanInput(h: HumanInstance, px: Pixels): TensorLike {
  const rgb = new Int32Array(px.width * px.height * 3);
  for (let i = 0, j = 0; j < rgb.length; i += px.channels, j += 3) {
    rgb[j] = px.data[i]!;
    rgb[j + 1] = px.data[i + 1]!;
    rgb[j + 2] = px.data[i + 2]!;
  }
  return h.tf.tensor3d(rgb, [px.height, px.width, 3], 'int32');
}

window.browserBench = {
  async coldStart(urls) {
    const t0 = performance.now();
    const cam = await cameraVideo();
    const t1 = performance.now();
    const cold = await createFaceTracker(trackerAssets(urls));
    const trackerMs = performance.now() - t1;
    let firstTrackMs = NaN;
    const deadline = performance.now() + 10_000;
    while (performance.now() < deadline) {
      const tracking = cold.track(cam.video);
      if (tracking) {
        if (Number.isNaN(firstTrackMs)) firstTrackMs = tracking.ms;
        if (tracking.faces.length > 0) {
          const hint = hintFromTracking(tracking, null);
          const totalMs = performance.now() - t0;
          cold.close();
          for (const track of (cam.video.srcObject as MediaStream).getTracks()) track.stop();
          return { cameraMs: cam.cameraMs, firstFrameMs: cam.firstFrameMs, trackerMs, firstTrackMs, totalMs, hint };
        }
      }
      await nextFrame(cam.video);
    }
    throw new Error('coldStart: no face tracked within 10 s');
  },

  async init(urls) {
    const cam = await cameraVideo();
    video = cam.video;
    let t = performance.now();
    tracker = await createFaceTracker(trackerAssets(urls));
    const trackerMs = performance.now() - t;

    t = performance.now();
    worker = createInferenceClient(new Worker(`${urls.sdk}inference.worker.js`, { type: 'module', name: 'bench-inference' }));
    await worker.init({ modelBaseUrl: `${urls.sdk}models`, wasmPaths: `${urls.sdk}ort/`, preferWebGPU: false, threads: 1 });
    const workerInitMs = performance.now() - t;

    t = performance.now();
    const web = await createWebRunner({ modelBaseUrl: `${urls.sdk}models`, wasmPaths: urls.ort, threads: 1 });
    await web.runner.warm?.(['detect', 'landmark', 'feature', 'liveness']);
    engine = new VisionEngine(web.runner);
    const ortPageInitMs = performance.now() - t;

    t = performance.now();
    human = await startHuman(urls);
    const humanInitMs = performance.now() - t;
    const simd = human.env.wasm.simd ? '-simd' : '';
    return {
      cameraMs: cam.cameraMs,
      trackerMs,
      workerInitMs,
      ortPageInitMs,
      humanInitMs,
      humanBackend: `${human.tf.getBackend()}${simd}`,
      humanThreads: human.tf.getThreadsCount?.() ?? null,
      humanVersion: human.version,
    };
  },

  async frames(count, warmup) {
    if (!video || !tracker || !worker || !engine || !human) throw new Error('frames: call init first');
    const [v, tr, wk, e, h] = [video, tracker, worker, engine, human];
    const series = Object.fromEntries(FRAME_SERIES.map((s) => [s, [] as number[]])) as Record<FrameSeries, number[]>;
    const found = { mediapipe: 0, worker: 0, ours: 0, human: 0, humanMesh: 0 };
    const embeddingLength = { human: 0, ours: 0 };

    for (let i = 0; i < warmup + count; i++) {
      const record = i >= warmup;
      const put = (s: FrameSeries, ms: number): void => void (record && series[s].push(ms));
      await nextFrame(v);
      // The tracker reads the <video>; the bitmap is taken in the same task, so it is the same frame.
      const tracking = tr.track(v);
      const bitmap = await createImageBitmap(v);
      if (tracking) put('mediapipeTrack', tracking.ms);
      if (record && tracking && tracking.faces.length > 0) found.mediapipe++;
      const px = pixelsOf(bitmap);

      const runWorker = async (): Promise<void> => {
        const copy = await createImageBitmap(bitmap); // the worker takes (and closes) its own bitmap
        const t = performance.now();
        const summary = await wk.analyze(copy);
        put('workerAnalyze', performance.now() - t);
        if (record && summary && summary.faces > 0) found.worker++;
      };

      const runOurs = async (): Promise<void> => {
        let t = performance.now();
        const detections = await e.detect(px);
        const detectMs = performance.now() - t;
        const box = detections.map((d) => d.box).sort((a, b) => area(b) - area(a))[0];
        if (!box) return void put('ortDetect', detectMs);
        t = performance.now();
        const landmarks = await e.landmarks(px, box);
        const landmarksMs = performance.now() - t;
        t = performance.now();
        const transform = e.align(fivePoints(landmarks));
        const alignMs = performance.now() - t;
        t = performance.now();
        const { embedding } = await e.embedWithNorm(px, transform); // warp to 112×112 + feature model
        const embedMs = performance.now() - t;
        t = performance.now();
        await e.liveness(px, box);
        const livenessMs = performance.now() - t;
        put('ortDetect', detectMs);
        put('ortLandmarks', landmarksMs);
        put('ortAlign', alignMs);
        put('ortEmbed', embedMs);
        put('ortLiveness', livenessMs);
        put('ours', detectMs + landmarksMs + alignMs + embedMs);
        if (record) found.ours++;
        embeddingLength.ours = embedding.length;
      };

      const runHuman = async (mesh: boolean): Promise<void> => {
        const input = humanInput(h, px); // outside the timed region, like ours receives ready pixels
        try {
          const t = performance.now();
          const result = await h.detect(input, humanFaceConfig(mesh));
          put(mesh ? 'humanDetectMeshDescribe' : 'humanDetectDescribe', performance.now() - t);
          if (result.error) throw new Error(`Human: ${result.error}`);
          const face = result.face.find((f) => (f.embedding?.length ?? 0) > 0);
          if (record && face) found[mesh ? 'humanMesh' : 'human']++;
          if (face?.embedding) embeddingLength.human = face.embedding.length;
        } finally {
          input.dispose();
        }
      };

      // Alternate the order frame by frame so neither engine always runs on a warmer cache.
      const order =
        i % 2 === 0
          ? [runWorker, runOurs, () => runHuman(false), () => runHuman(true)]
          : [() => runHuman(true), () => runHuman(false), runOurs, runWorker];
      for (const step of order) await step();
      bitmap.close();
    }
    return { series, found, frames: count, embeddingLength };
  },
};
