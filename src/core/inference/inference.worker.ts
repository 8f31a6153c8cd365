// The widget's inference worker (a module worker): one `switch` over the protocol's request types
// (worker-protocol.ts). The engine is a lazy singleton created on `init` (its models warmed there);
// frames arrive as transferred ImageBitmaps and are closed here. Nothing throws out of the message
// handler: every failure goes back to the sender as `err`.
import type { ImageAnalysis, Pixels } from '../../vision/index.js';
import { VisionEngine } from '../../vision/index.js';
import { createWebRunner } from './ort-web-runner.js';
import { pixelsFromImageBitmap } from './pixels.js';
import type { FrameSummary, InferenceInitOptions, InferenceInitResult, WorkerRequest, WorkerResponse } from './worker-protocol.js';
import { LIVENESS_HINT_THRESHOLD } from './worker-protocol.js';

/**
 * The models a live-guidance frame runs. No fr_feature: a hint needs no embedding (it was 51 of 87 ms
 * a frame), so detections are not checked by faceness here (the node checks every frame it gets);
 * no age and gender either.
 */
const GUIDANCE_MODELS = ['detect', 'landmark', 'liveness'] as const;

interface Loaded {
  engine: VisionEngine;
  result: InferenceInitResult;
}

/** The lazy singleton: set on the first `init`, cleared on `dispose` or when loading failed. */
let loading: Promise<Loaded> | undefined;

function load(options: InferenceInitOptions): Promise<Loaded> {
  loading ??= (async () => {
    const web = await createWebRunner({
      modelBaseUrl: options.modelBaseUrl,
      wasmPaths: options.wasmPaths,
      preferWebGPU: options.preferWebGPU ?? false,
      threads: options.threads ?? 1,
    });
    await web.runner.warm?.(GUIDANCE_MODELS);
    return { engine: new VisionEngine(web.runner), result: { backend: web.backend } };
  })().catch((error: unknown) => {
    loading = undefined; // a later init may retry
    throw error;
  });
  return loading;
}

function loaded(): Promise<Loaded> {
  if (!loading) return Promise.reject(new Error('inference worker: send init first'));
  return loading;
}

async function summarise(engine: VisionEngine, px: Pixels): Promise<FrameSummary> {
  const analysis: ImageAnalysis = await engine.analyze(px, { faceness: false });
  const face = analysis.faces[0];
  if (!face) return { width: px.width, height: px.height, faces: 0, main: null };
  const liveness = await engine.liveness(px, face.box);
  const { box, keypoints: k, quality: q } = face;
  const point = (p: { x: number; y: number }): { x: number; y: number } => ({ x: p.x, y: p.y });
  return {
    width: px.width,
    height: px.height,
    faces: analysis.faces.length,
    main: {
      box: { x1: box.x1, y1: box.y1, x2: box.x2, y2: box.y2 },
      score: face.score,
      keypoints: {
        leftEye: point(k.leftEye),
        rightEye: point(k.rightEye),
        nose: point(k.nose),
        mouthLeft: point(k.mouthLeft),
        mouthRight: point(k.mouthRight),
      },
      quality: {
        issues: [...q.issues],
        yaw: q.yaw,
        pitch: q.pitch,
        roll: q.roll,
        sharpness: q.sharpness,
        brightness: q.brightness,
        interocular: q.interocular,
        faceWidth: q.faceWidth,
      },
      liveness,
      livenessHint: liveness >= LIVENESS_HINT_THRESHOLD ? 'live' : 'spoof',
    },
  };
}

async function analyzeBitmap(bitmap: ImageBitmap | undefined): Promise<FrameSummary> {
  if (!(bitmap instanceof ImageBitmap)) throw new TypeError('inference worker: analyze needs an ImageBitmap in `in.bitmap`');
  try {
    const { engine } = await loaded();
    return await summarise(engine, pixelsFromImageBitmap(bitmap));
  } finally {
    bitmap.close(); // ours since the transfer
  }
}

async function handle(request: WorkerRequest): Promise<WorkerResponse> {
  switch (request.type) {
    case 'init':
      return { type: 'init', id: request.id, out: (await load(request.in)).result };
    case 'analyze':
      return { type: 'analyze', id: request.id, out: await analyzeBitmap(request.in?.bitmap) };
    case 'dispose': {
      const current = loading;
      loading = undefined;
      if (current) await (await current.catch(() => undefined))?.engine.dispose();
      return { type: 'dispose', id: request.id, out: null };
    }
    default: {
      const unknown: { type?: unknown; id?: unknown } = request;
      throw new Error(`inference worker: unknown message type ${String(unknown.type)}`);
    }
  }
}

const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The worker's global scope, as far as this file uses it (tsconfig's lib is DOM, not WebWorker). */
interface WorkerScope {
  postMessage(message: WorkerResponse): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerRequest>) => void): void;
}
const scope = self as unknown as WorkerScope;

scope.addEventListener('message', (event) => {
  const request = event.data as Partial<WorkerRequest> | null;
  const id = typeof request?.id === 'number' ? request.id : -1;
  const type = request?.type ?? 'analyze';
  try {
    handle(event.data).then(
      (response) => scope.postMessage(response),
      (error: unknown) => scope.postMessage({ type, id, err: { message: errorMessage(error) } }),
    );
  } catch (error) {
    scope.postMessage({ type, id, err: { message: errorMessage(error) } });
  }
});
