// Browser side of the per-stage speed benchmark: the VisionEngine on onnxruntime-web (WASM) on the
// page's main thread, each stage timed with performance.now(). Driven by bench/web-stages.ts.
// The harness serves COOP/COEP, so the page is cross-origin isolated and performance.now() has
// 5 µs resolution (100 µs otherwise).
import { createWebRunner } from '../../src/core/inference/ort-web-runner.js';
import type { Box, ModelRunner, Pixels } from 'openfaceio/vision';
import { embeddingInput, fivePoints, l2Normalize, REQUIRED_MODELS, VisionEngine } from 'openfaceio/vision';

/**
 * Stages as bench/vision-speed.ts times them on the node: 'align' is the similarity transform plus
 * the warp to the 112×112 model input; 'embed' is the feature model run plus normalisation.
 */
export const WEB_STAGES = ['detect', 'landmarks', 'align', 'embed', 'liveness', 'ageGender'] as const;
export type WebStage = (typeof WEB_STAGES)[number];

/** Raw pixels node serves at `url` (RGB or RGBA bytes, row-major). */
export interface RawPixels {
  url: string;
  width: number;
  height: number;
  channels: 3 | 4;
}

export interface WebStagesInit {
  wasmPaths: string;
  modelBaseUrl: string;
  threads?: number;
  preferWebGPU?: boolean;
}

declare global {
  interface Window {
    /** Creates the runner and all sessions; resolves with the backend and the session-creation time. */
    webStagesInit(init: WebStagesInit): Promise<{ backend: string; loadMs: number }>;
    /** Times every stage `iterations` times per image (after one untimed pass); ms per run, images in order. */
    webStages(images: RawPixels[], iterations: number): Promise<Record<WebStage, number[]>>;
  }
}

let engine: VisionEngine | undefined;
let runner: ModelRunner | undefined;

/** The browser sees RGBA (canvas ImageData), so RGB input is widened outside the timed region. */
async function loadRgba(image: RawPixels): Promise<Pixels> {
  const response = await fetch(image.url);
  if (!response.ok) throw new Error(`${image.url}: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (image.channels === 4) return { width: image.width, height: image.height, channels: 4, data: bytes };
  const rgba = new Uint8ClampedArray(image.width * image.height * 4);
  for (let i = 0, j = 0; i < bytes.length; i += 3, j += 4) {
    rgba[j] = bytes[i]!;
    rgba[j + 1] = bytes[i + 1]!;
    rgba[j + 2] = bytes[i + 2]!;
    rgba[j + 3] = 255;
  }
  return { width: image.width, height: image.height, channels: 4, data: rgba };
}

const area = (b: Box): number => (b.x2 - b.x1) * (b.y2 - b.y1);

window.webStagesInit = async (init) => {
  const start = performance.now();
  const web = await createWebRunner({ ...init, threads: init.threads ?? 1 });
  await web.runner.warm?.(REQUIRED_MODELS);
  engine = new VisionEngine(web.runner);
  runner = web.runner;
  return { backend: web.backend, loadMs: performance.now() - start };
};

window.webStages = async (images, iterations) => {
  if (!engine) throw new Error('webStages: call webStagesInit first');
  const e = engine;
  const times = Object.fromEntries(WEB_STAGES.map((s) => [s, [] as number[]])) as Record<WebStage, number[]>;
  const timed = async <T>(stage: WebStage | null, work: () => T | Promise<T>): Promise<T> => {
    const start = performance.now();
    const result = await work();
    if (stage) times[stage].push(performance.now() - start);
    return result;
  };
  for (const image of images) {
    const px = await loadRgba(image);
    // Pass 0 is an untimed warm-up (first runs allocate ORT's arenas); the largest face is the subject.
    for (let pass = 0; pass <= iterations; pass++) {
      const stage = (s: WebStage): WebStage | null => (pass === 0 ? null : s);
      const detections = await timed(stage('detect'), () => e.detect(px));
      const box = detections.map((d) => d.box).sort((a, b) => area(b) - area(a))[0];
      if (!box) throw new Error(`webStages: no face in ${image.url}`);
      const landmarks = await timed(stage('landmarks'), () => e.landmarks(px, box));
      const input = await timed(stage('align'), () => embeddingInput(px, e.align(fivePoints(landmarks))));
      await timed(stage('embed'), async () => l2Normalize((await runner!.run('feature', input))[0]!));
      await timed(stage('liveness'), () => e.liveness(px, box));
      await timed(stage('ageGender'), () => e.ageGender(px, box));
    }
  }
  return times;
};
