// The browser side of the vision engine's ModelRunner: onnxruntime-web over WASM (or WebGPU), with
// model bytes fetched from the app's own server. Runs on the main thread or in a module worker.
import type { Env } from 'onnxruntime-web';
import type { ModelRunner, OrtLike } from '../../vision/index.js';
import { createOrtRunner } from '../../vision/index.js';

export type WebBackend = 'webgpu' | 'wasm';

export interface WebRunnerOptions {
  /** Where the models/ files are served, e.g. 'https://node.example/models' (no trailing slash needed). */
  modelBaseUrl: string;
  /**
   * URL prefix (ending in '/') of onnxruntime-web's dist files, served untouched:
   * ort-wasm-simd-threaded.{mjs,wasm} for WASM, ort-wasm-simd-threaded.asyncify.{mjs,wasm} for WebGPU.
   */
  wasmPaths: string;
  /** Try WebGPU first (falls back to WASM when the browser has no adapter). Default false. */
  preferWebGPU?: boolean;
  /**
   * WASM threads. Default 1: more needs cross-origin isolation (COOP + COEP), and on 2 cores one
   * thread was faster (TOOLCHAIN.md). Without isolation onnxruntime-web falls back to 1 itself.
   */
  threads?: number;
  /** onnxruntime-web's log level. Default 'error': fr_age lists initializers as inputs and warns about it at every load. */
  logLevel?: Env['logLevel'];
}

export interface WebRunner {
  runner: ModelRunner;
  /** The execution provider tried first. */
  backend: WebBackend;
}

interface GpuLike {
  requestAdapter(): Promise<unknown>;
}

/** True when this browser (or worker) has a usable WebGPU adapter, not only the `navigator.gpu` object. */
async function hasWebGPU(): Promise<boolean> {
  // Headless Chromium without a GPU exposes navigator.gpu but returns no adapter.
  const gpu = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu;
  if (!gpu) return false;
  try {
    return (await gpu.requestAdapter()) != null;
  } catch {
    return false;
  }
}

/**
 * Creates the onnxruntime-web ModelRunner. Loads the smallest ORT build that serves the backend:
 * 'onnxruntime-web/wasm' (14 MB of wasm) or 'onnxruntime-web/webgpu' (27 MB, WebGPU + WASM EPs).
 * Sessions are created lazily per model (use `runner.warm()` to preload).
 *
 * `ort.env` is per module and read once, when the first session initialises the WASM runtime:
 * settings passed to a later call with the same backend do not apply.
 */
export async function createWebRunner(options: WebRunnerOptions): Promise<WebRunner> {
  const backend: WebBackend = options.preferWebGPU && (await hasWebGPU()) ? 'webgpu' : 'wasm';
  const ort = backend === 'webgpu' ? await import('onnxruntime-web/webgpu') : await import('onnxruntime-web/wasm');
  ort.env.wasm.wasmPaths = options.wasmPaths;
  ort.env.wasm.numThreads = options.threads ?? 1;
  ort.env.logLevel = options.logLevel ?? 'error';

  const base = options.modelBaseUrl.replace(/\/+$/, '');
  const fetchModel = async (file: string): Promise<Uint8Array> => {
    const response = await fetch(`${base}/${file}`);
    if (!response.ok) throw new Error(`model ${file}: HTTP ${response.status} from ${response.url}`);
    return new Uint8Array(await response.arrayBuffer());
  };

  // createOrtRunner creates one session at a time, which the WebGPU EP needs ("another WebGPU EP
  // inference session is being created" on concurrent creates).
  const runner = createOrtRunner(ort as unknown as OrtLike, fetchModel, {
    executionProviders: backend === 'webgpu' ? ['webgpu', 'wasm'] : ['wasm'],
    executionMode: 'sequential',
    logSeverityLevel: 3,
  });
  return { runner, backend };
}
