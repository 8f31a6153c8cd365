/**
 * Reference embedder for the accuracy benchmark: @vladmandic/human's `faceres`
 * face-description model, run through Human's own pipeline
 * (BlazeFace detector -> FaceMesh -> faceres) in Node, fully offline.
 *
 * - Build: `@vladmandic/human/dist/human.node-wasm.js`, i.e. Human bundled
 *   against the external @tensorflow/tfjs-core + tfjs-converter +
 *   tfjs-backend-wasm packages from node_modules. (`human.node.js` needs
 *   @tensorflow/tfjs-node, whose install downloads libtensorflow: unusable here.)
 * - Backend: tfjs WASM (SIMD), with the .wasm binaries read from
 *   node_modules/@tensorflow/tfjs-backend-wasm/dist/. Falls back to tfjs 'cpu'
 *   only if the WASM backend fails to initialise; `backend` reports which one ran.
 * - Models: Human's bundled models in node_modules/@vladmandic/human/models,
 *   addressed as file:// URLs. tfjs-core has no file:// loader outside
 *   tfjs-node, so we register a tf.io load router that reads model.json and its
 *   weight shards from disk.
 * - Images are decoded with sharp (EXIF-rotated, alpha dropped, sRGB) and handed to
 *   Human as an int32 [H, W, 3] tensor, so no canvas package is needed. Tensor
 *   inputs bypass Human's image filters, so the pixels reach the detector as-is.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import type * as TfCore from '@tensorflow/tfjs-core';
import sharp from 'sharp';

const require = createRequire(import.meta.url);

/** Narrow view of the parts of Human we use (its bundled .d.ts types `tf` as `any`). */
interface HumanFace {
  score: number;
  boxScore: number;
  faceScore: number;
  box: [number, number, number, number];
  embedding?: number[];
}
interface HumanResult {
  face: HumanFace[];
  error?: string | null;
}
interface HumanMatchOptions {
  order?: number;
  multiplier?: number;
}
interface HumanInstance {
  version: string;
  tf: typeof TfCore;
  config: { backend: string };
  env: { wasm: { simd?: boolean; multithread?: boolean } };
  models: { loaded(): string[]; models: Record<string, { dispose(): void } | null> };
  reset(): void;
  load(): Promise<void>;
  init(): Promise<void>;
  detect(input: TfCore.Tensor): Promise<HumanResult>;
  match: {
    distance(a: number[], b: number[], options?: HumanMatchOptions): number;
  };
}
interface HumanModule {
  Human: new (config: Record<string, unknown>) => HumanInstance;
}

export interface HumanEmbedder {
  /** Embedding of the best detected face (1024-d faceres descriptor), or null when no face. */
  embed(imagePath: string): Promise<Float32Array | null>;
  /** Human's Euclidean face match as a similarity, unrounded (see MATCH_OPTIONS); higher = same person. */
  similarity(a: Float32Array, b: Float32Array): number;
  close(): Promise<void>;
  /** tfjs backend actually in use, e.g. 'wasm' (SIMD) or 'cpu'. */
  backend: string;
}

// Human's "exports" map only exposes "." (its subpath keys lack the "./" prefix, so Node
// ignores them): resolve the main entry (dist/human.node.js, not loaded — it needs
// tfjs-node) just to locate the package, then load the wasm build by absolute path.
const humanPkgDir = path.resolve(path.dirname(require.resolve('@vladmandic/human')), '..');
const HUMAN_ENTRY = path.join(humanPkgDir, 'dist', 'human.node-wasm.js');
const wasmDistDir = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')) + '/dist/';

/**
 * Similarity measure: Human's own Euclidean face match, as its docs and demos use for
 * faceres descriptors (`human.match.similarity`, default `order: 2, multiplier: 25`).
 * faceres descriptors are not L2-normalised (norms ~8..18 on LFW) and Human compares
 * them by this distance, not by cosine. Human computes
 *   distance   = 25 * sum((a_i - b_i)^2)                      (human.match.distance)
 *   similarity = clamp01(round2((1 - sqrt(distance)/100 - min) / (max - min)))
 * with a default min/max window of 0.2..0.8, where >= 0.5 is its suggested "same person".
 * We take Human's `match.distance` and apply that same mapping with min 0 / max 1 and the
 * same clamp to 0..1, but without the 2-decimal rounding: `human.match.similarity` only
 * yields ~50-80 distinct values over 600 LFW pairs, and those ties cost ~0.5 point of
 * best-threshold accuracy (fold 1: 96.0% rounded vs 96.5% unrounded; cosine also gives
 * 96.5%). The mapping is monotonic in the distance, so pair ordering / ROC are those of
 * Human's Euclidean measure. Scores lie in 0..1 (0 = distance >= 20 in L2, which only
 * ~1 in 150k LFW impostor pairs reaches), typically 0.1..0.7: same person ~0.5,
 * different ~0.3 on LFW (best fold-1 threshold ~0.40). A floor of 0 for pairs without a
 * face therefore ranks them with the least similar pairs.
 */
const MATCH_OPTIONS: HumanMatchOptions = { order: 2, multiplier: 25 };

function humanConfig(backend: 'wasm' | 'cpu', rotation: boolean): Record<string, unknown> {
  return {
    backend,
    wasmPath: wasmDistDir, // plain filesystem path: the Node build of tfjs-wasm reads it with fs
    wasmPlatformFetch: false,
    modelBasePath: pathToFileURL(path.join(humanPkgDir, 'models')).href + '/',
    debug: false, // otherwise Human logs every model load / backend step
    async: false,
    warmup: 'none', // warmup decodes a built-in sample image via canvas; not available here
    cacheModels: false, // no indexedDB in Node
    validateModels: true,
    cacheSensitivity: 0, // no frame-to-frame caching: each image is independent
    skipAllowed: false,
    filter: { enabled: false, autoBrightness: false, equalization: false },
    gesture: { enabled: false },
    face: {
      enabled: true,
      // Human's detector defaults (box scale 1.4, minConfidence 0.2), but look at several
      // candidates so we can choose the largest face (see ROTATION_DEFAULT for rotation).
      detector: { rotation, maxDetected: 5, minConfidence: 0.2, skipFrames: 0, skipTime: 0, return: false },
      mesh: { enabled: true }, // Human drops detections whose mesh score < minConfidence; mesh box picks the largest face
      iris: { enabled: false }, // only refines eye landmarks; does not change the crop faceres sees
      attention: { enabled: false },
      emotion: { enabled: false },
      description: { enabled: true, skipFrames: 0, skipTime: 0 },
      antispoof: { enabled: false },
      liveness: { enabled: false },
    },
    body: { enabled: false },
    hand: { enabled: false },
    object: { enabled: false },
    segmentation: { enabled: false },
  };
}

let routerRegistered = false;

/** tf.io load router for file:// model URLs (tfjs-core only ships one in tfjs-node). */
function registerFileRouter(tf: typeof TfCore): void {
  if (routerRegistered) return;
  routerRegistered = true;
  // tfjs routers return null for URLs they do not handle; the .d.ts just omits `| null`.
  type LoadRouter = Parameters<typeof tf.io.registerLoadRouter>[0];
  const router = (url: string | string[]): TfCore.io.IOHandler | null => {
    if (typeof url !== 'string' || !url.startsWith('file://')) return null;
    const jsonPath = new URL(url);
    const handler: TfCore.io.IOHandler = {
      load: async () => {
        const modelJSON = JSON.parse(await readFile(jsonPath, 'utf8')) as TfCore.io.ModelJSON;
        return tf.io.getModelArtifactsForJSON(modelJSON, async (manifest) => {
          const specs: TfCore.io.WeightsManifestEntry[] = [];
          const buffers: ArrayBuffer[] = [];
          for (const group of manifest) {
            specs.push(...group.weights);
            for (const p of group.paths) {
              const buf = await readFile(new URL(p, jsonPath));
              buffers.push(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer);
            }
          }
          return [specs, tf.io.concatenateArrayBuffers(buffers)];
        });
      },
    };
    return handler;
  };
  tf.io.registerLoadRouter(router as LoadRouter);
}

/** Runs fn and removes any 'uncaughtException' / 'unhandledRejection' listeners it added. */
async function withoutNewProcessHandlers<T>(fn: () => Promise<T>): Promise<T> {
  const uncaught = new Set(process.listeners('uncaughtException'));
  const unhandled = new Set(process.listeners('unhandledRejection'));
  try {
    return await fn();
  } finally {
    for (const l of process.listeners('uncaughtException')) if (!uncaught.has(l)) process.removeListener('uncaughtException', l);
    for (const l of process.listeners('unhandledRejection')) if (!unhandled.has(l)) process.removeListener('unhandledRejection', l);
  }
}

async function startHuman(backend: 'wasm' | 'cpu', rotation: boolean): Promise<HumanInstance> {
  const mod = require(HUMAN_ENTRY) as HumanModule;
  // human.node-wasm.js bundles only tfjs-core/converter/backend-wasm; the pure-JS 'cpu'
  // backend must be registered separately (it is tfjs-backend-wasm's own dependency).
  if (backend === 'cpu') require('@tensorflow/tfjs-backend-cpu');
  const human = new mod.Human(humanConfig(backend, rotation));
  // PROD silences tfjs' console warnings, e.g. the cpu backend's "Hi, looks like you are
  // running TensorFlow.js in Node.js ... install our node backend" banner on first use.
  human.tf.env().set('PROD', true);
  registerFileRouter(human.tf);
  // The emscripten glue of tfjs-backend-wasm adds process-wide 'uncaughtException' and
  // 'unhandledRejection' listeners that rethrow from inside its minified bundle, so any
  // later crash in the benchmark prints a ~30 KB line of minified source. Drop them again
  // (Node's default handling of both events is the same crash, minus the noise).
  await withoutNewProcessHandlers(() => human.init());
  if (human.tf.getBackend() !== backend) throw new Error(`tfjs backend '${backend}' did not initialise (got '${human.tf.getBackend()}')`);
  await human.load();
  const loaded = human.models.loaded();
  for (const m of ['blazeface', 'facemesh', 'faceres']) {
    if (!loaded.some((name) => name.includes(m))) throw new Error(`Human model '${m}' failed to load (loaded: ${loaded.join(', ')})`);
  }
  return human;
}

/**
 * Human's default config has `face.detector.rotation: false`: faceres sees the BlazeFace box
 * (scaled 1.4) resized to 192x192, upright. Human's wiki ("Embedding") recommends turning
 * rotation on for face matching (roll correction from the eye landmarks before the crop). On
 * LFW, whose faces are already upright and centred, rotation made faceres slightly worse:
 * fold 1, 600 pairs, best-threshold accuracy 96.5% without vs 95.3% with rotation (95.0%
 * with rotation + histogram equalisation as in Human's faceid demo). Default: off.
 */
const ROTATION_DEFAULT = false;

export interface HumanEmbedderOptions {
  /** Force a tfjs backend; default: 'wasm', falling back to 'cpu' if wasm cannot start. */
  backend?: 'wasm' | 'cpu';
  /** Human's `face.detector.rotation` (roll correction before embedding); default false. */
  rotation?: boolean;
}

export async function createHumanEmbedder(options: HumanEmbedderOptions = {}): Promise<HumanEmbedder> {
  let human: HumanInstance;
  const rotation = options.rotation ?? ROTATION_DEFAULT;
  if (options.backend) {
    human = await startHuman(options.backend, rotation);
  } else {
    try {
      human = await startHuman('wasm', rotation);
    } catch (err) {
      console.warn(`[human-embedder] wasm backend unavailable, falling back to cpu: ${(err as Error).message}`);
      human = await startHuman('cpu', rotation);
    }
  }
  const tf = human.tf;
  const backend =
    tf.getBackend() === 'wasm' ? `wasm${human.env.wasm.simd ? '-simd' : ''}${human.env.wasm.multithread ? '-mt' : ''}` : tf.getBackend();

  const detectBest = async (imagePath: string): Promise<Float32Array | null> => {
    // toColourspace('srgb') guarantees 3 channels for greyscale/CMYK files (a no-op on RGB).
    const { data, info } = await sharp(imagePath).rotate().removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    const input = tf.tensor3d(Int32Array.from(data), [info.height, info.width, info.channels], 'int32');
    let result: HumanResult;
    try {
      result = await human.detect(input);
    } finally {
      input.dispose();
    }
    if (result.error) throw new Error(`Human detect failed on ${imagePath}: ${result.error}`);
    // Largest face first, ties broken by confidence (LFW images are centred on the subject).
    const faces = result.face
      .filter((f) => f.embedding && f.embedding.length > 0)
      .sort((a, b) => b.box[2] * b.box[3] - a.box[2] * a.box[3] || b.score - a.score || b.boxScore - a.boxScore);
    const best = faces[0];
    return best?.embedding ? Float32Array.from(best.embedding) : null;
  };

  // Human keeps per-model state at module level (detector box cache, last results), so
  // detect() must not run concurrently: calls are queued. Single-threaded WASM would not
  // run them in parallel anyway. Results are memoised per resolved path, since LFW pair
  // lists reuse images (fold 1-3 of lfw-dev: 3600 pair slots, 2320 distinct images).
  let queue: Promise<unknown> = Promise.resolve();
  const cache = new Map<string, Promise<Float32Array | null>>();
  let closed = false;

  return {
    backend,
    async embed(imagePath: string): Promise<Float32Array | null> {
      if (closed) throw new Error('HumanEmbedder is closed');
      const key = path.resolve(imagePath);
      let pending = cache.get(key);
      if (!pending) {
        pending = queue.then(() => detectBest(key));
        queue = pending.catch(() => undefined);
        cache.set(key, pending);
        pending.catch(() => cache.delete(key)); // do not memoise failures
      }
      const emb = await pending;
      return emb ? emb.slice() : null; // callers may mutate their copy
    },
    similarity(a: Float32Array, b: Float32Array): number {
      const dist = human.match.distance(Array.from(a), Array.from(b), MATCH_OPTIONS);
      return Math.min(1, Math.max(0, 1 - Math.sqrt(dist) / 100));
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await queue;
      cache.clear();
      for (const model of Object.values(human.models.models)) model?.dispose();
      // Human caches models in module scope; reset() marks its env as initial so a later
      // createHumanEmbedder() reloads them instead of reusing the disposed graphs.
      human.reset();
    },
  };
}
