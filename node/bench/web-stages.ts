// Node side of the browser per-stage benchmark: bundles bench/web-stages.page.ts, serves it with
// onnxruntime-web and the models, runs it in headless Chromium (test/helpers/ort-web-page.ts).
//
//   const times = await runWebStages({ images: [px1, px2], iterations: 20 });   // ms per stage
//
// Standalone: node --import tsx bench/web-stages.ts [iterations] [image…]  (prints medians)
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { decodeImageFile } from '../src/vision/index.js';
import type { Pixels } from 'openfaceio/vision';
import { dataPath } from '../../test/helpers/data.js';
import { openOrtWebPage } from '../../test/helpers/ort-web-page.js';
import type { RawPixels, WebStage } from './web-stages.page.js';

export type { WebStage } from './web-stages.page.js';

const here = dirname(fileURLToPath(import.meta.url));

export interface WebStagesOptions {
  /** RGB (sharp) or RGBA pixels; the page times the engine on RGBA, as a browser gets from a canvas. */
  images: readonly Pixels[];
  /** Timed runs per image and stage (after one untimed warm-up run). */
  iterations: number;
  /** onnxruntime-web WASM threads (default 1, see TOOLCHAIN.md). */
  threads?: number;
  /**
   * Try WebGPU (launches Chromium with --enable-unsafe-webgpu). Here that is SwiftShader, ~100×
   * slower than WASM: a functional check, never a timing to report (TOOLCHAIN.md).
   */
  preferWebGPU?: boolean;
  /** Echo the page's console to stderr. */
  echoConsole?: boolean;
  /** Called once the sessions exist: the backend and how long creating all six sessions took. */
  onLoad?(info: { backend: string; loadMs: number }): void;
}

/** Per-stage wall times in ms (images × iterations values each, images in order). */
export async function runWebStages(options: WebStagesOptions): Promise<Record<WebStage, number[]>> {
  if (options.images.length === 0) throw new RangeError('runWebStages: no images');
  if (!Number.isInteger(options.iterations) || options.iterations < 1) throw new RangeError('runWebStages: iterations must be a positive integer');
  const files = new Map<string, Uint8Array>();
  const raw: RawPixels[] = options.images.map((px, i) => {
    const url = `/px/${i}.raw`;
    files.set(url, new Uint8Array(px.data.buffer, px.data.byteOffset, px.data.byteLength));
    return { url, width: px.width, height: px.height, channels: px.channels };
  });
  const harness = await openOrtWebPage({
    entries: { 'web-stages': join(here, 'web-stages.page.ts') },
    html: '<!doctype html><meta charset="utf-8"><title>web stages</title><script type="module" src="/web-stages.js"></script>',
    files,
    echoConsole: options.echoConsole ?? false,
    launch: options.preferWebGPU ? { extraArgs: ['--enable-unsafe-webgpu'] } : {},
  });
  try {
    const { page } = harness.page;
    const init = {
      wasmPaths: harness.wasmPaths,
      modelBaseUrl: harness.modelBaseUrl,
      threads: options.threads ?? 1,
      preferWebGPU: options.preferWebGPU ?? false,
    };
    const load = await page.evaluate((i) => window.webStagesInit(i), init);
    options.onLoad?.(load);
    return await page.evaluate(({ images, iterations }) => window.webStages(images, iterations), { images: raw, iterations: options.iterations });
  } catch (error) {
    const logs = harness.page.logs.slice(-20).join('\n');
    throw new Error(`${(error as Error).message}${logs ? `\npage log:\n${logs}` : ''}`, { cause: error });
  } finally {
    await harness.close();
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const [iterationsArg, ...paths] = process.argv.slice(2);
  const files =
    paths.length > 0
      ? paths
      : ['faces/fr_obama/obama_1.jpg', 'faces/fr_lin_manuel_miranda/lmm_1.png', 'antispoof/silentface_image_T1.jpg'].map((p) => dataPath(p));
  const images = await Promise.all(files.map((f) => decodeImageFile(f)));
  const times = await runWebStages({
    images,
    iterations: Number(iterationsArg ?? 10),
    onLoad: ({ backend, loadMs }) => console.log(`backend ${backend}, sessions created in ${loadMs.toFixed(0)} ms`),
  });
  for (const [stage, values] of Object.entries(times)) {
    console.log(
      `${stage.padEnd(10)} median ${median(values).toFixed(2).padStart(7)} ms  (n=${values.length}, min ${Math.min(...values).toFixed(2)}, max ${Math.max(...values).toFixed(2)})`,
    );
  }
}
