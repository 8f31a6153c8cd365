// What the node serves under /sdk/: the library's bundle (openfaceio.js, its chunks, the inference
// worker) and the runtime files the bundle fetches when a camera opens, each from the package that
// owns it — onnxruntime-web's wasm, MediaPipe's wasm, and this node's own verified models.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { modelsDirectory } from './vision/index.js';

export interface SdkFiles {
  /** The library's served bundle (`openfaceio/dist/bundle`, built by the library's `npm run build`). */
  bundleDir: string;
  ortDir: string;
  mediapipeDir: string;
  modelsDir: string;
}

/** onnxruntime-web's files the worker imports (TOOLCHAIN.md: served untouched, never bundled). */
const ORT_FILES = new Set([
  'ort.wasm.min.mjs',
  'ort.webgpu.min.mjs',
  'ort-wasm-simd-threaded.mjs',
  'ort-wasm-simd-threaded.wasm',
  'ort-wasm-simd-threaded.asyncify.mjs',
  'ort-wasm-simd-threaded.asyncify.wasm',
]);
const MEDIAPIPE_FILES = new Set([
  'vision_wasm_internal.js',
  'vision_wasm_internal.wasm',
  'vision_wasm_nosimd_internal.js',
  'vision_wasm_nosimd_internal.wasm',
]);
/** What the browser's hint worker runs (inference.worker.ts: no fr_feature) and the MediaPipe tracker's model. */
const MODEL_FILES = new Set(['fr_detect.onnx', 'fr_landmark.onnx', 'fr_liveness.onnx', 'face_detection_short_range.tflite']);

/** The folder of an installed package, found from `from` the way Node resolves it (exports maps may hide package.json). */
export function packageDir(name: string, from: string): string {
  const require = createRequire(from);
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    let dir = dirname(require.resolve(name));
    while (dir !== dirname(dir)) {
      const manifest = join(dir, 'package.json');
      if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === name) return dir;
      dir = dirname(dir);
    }
    throw new Error(`cannot find the folder of the ${name} package`);
  }
}

/**
 * The default: the installed `openfaceio` library, MediaPipe's wasm (the library's dependency) and
 * onnxruntime-web's (this node's: the worker runs it from here, so sites that bundle the library
 * never install its 140 MB).
 */
export function defaultSdkFiles(): SdkFiles {
  const library = packageDir('openfaceio', import.meta.url);
  const fromLibrary = join(library, 'package.json');
  return {
    bundleDir: join(library, 'dist/bundle'),
    ortDir: join(packageDir('onnxruntime-web', import.meta.url), 'dist'),
    mediapipeDir: join(packageDir('@mediapipe/tasks-vision', fromLibrary), 'wasm'),
    modelsDir: modelsDirectory(),
  };
}

/** The file behind `/sdk/<relative>`, or null: only the listed runtime files, nothing outside the bundle. */
export function sdkFilePath(files: SdkFiles, relative: string): string | null {
  const clean = normalize(relative).replace(/^([/\\]|\.\.[/\\])+/, '');
  const [head, ...rest] = clean.split(/[/\\]/);
  const name = rest.join('/');
  if (head === 'ort') return ORT_FILES.has(name) ? join(files.ortDir, name) : null;
  if (head === 'mediapipe') return MEDIAPIPE_FILES.has(name) ? join(files.mediapipeDir, name) : null;
  if (head === 'models') return MODEL_FILES.has(name) ? join(files.modelsDir, name) : null;
  const file = resolve(files.bundleDir, clean);
  return file.startsWith(resolve(files.bundleDir) + sep) && existsSync(file) ? file : null;
}

/** This module's folder (for paths next to the node's sources, like the demo page). */
export const nodeSrcDir = dirname(fileURLToPath(import.meta.url));
