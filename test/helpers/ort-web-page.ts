// A headless-Chromium page that runs the vision engine under onnxruntime-web: bundles the given
// TypeScript entries with esbuild, serves them with onnxruntime-web's dist files (untouched) and
// the models, and opens the page. Used by node/test/vision/parity.test.ts and node/bench/ (web-stages.ts,
// browser.ts: bundleForBrowser). The library's own browser tests run under web-test-runner instead.
//
//   const h = await openOrtWebPage({ entries: { page: '/abs/x.page.ts' }, html: '<script type="module" src="/page.js"></script>' });
//   await h.page.page.evaluate(...);            // the page inits with h.wasmPaths / h.modelBaseUrl
//   await h.close();
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import type { Browser } from 'playwright-core';
import { MODELS_DIR } from './data.js';
import { closeAll, launchChromium, openPage, startStaticServer, type LaunchOptions, type LoggedPage, type StaticServer } from './browser.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** onnxruntime-web's prebuilt browser files (ort.*.min.mjs, ort-wasm-simd-threaded*.{mjs,wasm}). */
export const ORT_WEB_DIST = join(root, 'node_modules/onnxruntime-web/dist');
/** URL prefixes the harness serves ORT's dist files and the models under. */
export const ORT_PREFIX = '/ort/';
export const MODELS_PREFIX = '/models/';

/**
 * Which served ORT file each import of onnxruntime-web becomes. Kept external (never bundled) and
 * rewritten to a URL: bundlers and dev servers that rewrite ORT's .mjs break it (TOOLCHAIN.md:
 * `Could not resolve import "module"`), and import maps do not apply inside module workers.
 */
const ORT_ENTRY_FILES: Readonly<Record<string, string>> = {
  'onnxruntime-web': 'ort.min.mjs',
  'onnxruntime-web/wasm': 'ort.wasm.min.mjs',
  'onnxruntime-web/webgpu': 'ort.webgpu.min.mjs',
};

const ortAsServedUrl: Plugin = {
  name: 'onnxruntime-web-as-served-url',
  setup(b) {
    b.onResolve({ filter: /^onnxruntime-web(\/.*)?$/ }, (args) => {
      const file = ORT_ENTRY_FILES[args.path];
      if (!file) return { errors: [{ text: `no served file for ${args.path}: add it to ORT_ENTRY_FILES` }] };
      return { path: `${ORT_PREFIX}${file}`, external: true };
    });
  },
};

/**
 * Bundles browser entries (name → absolute .ts path) to ES modules in memory: '/<name>.js' → bytes.
 * Inline source maps, so page errors point at the TypeScript.
 */
export async function bundleForBrowser(entries: Readonly<Record<string, string>>): Promise<Map<string, Uint8Array>> {
  const result = await build({
    entryPoints: entries,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    outdir: '/bundle',
    sourcemap: 'inline',
    plugins: [ortAsServedUrl],
    logLevel: 'silent',
  });
  return new Map(result.outputFiles.map((f) => [f.path.slice('/bundle'.length), f.contents]));
}

export interface OrtWebPageOptions {
  /** Bundle name → absolute path of a TypeScript entry; served as '/<name>.js'. */
  entries: Readonly<Record<string, string>>;
  /** The HTML of '/index.html' (it loads the bundles). */
  html: string;
  /** More in-memory files, e.g. raw pixels: path → bytes. */
  files?: ReadonlyMap<string, Uint8Array>;
  launch?: LaunchOptions;
  echoConsole?: boolean;
}

export interface OrtWebPage {
  server: StaticServer;
  browser: Browser;
  page: LoggedPage;
  /** Absolute URL prefix of ORT's dist files, for `env.wasm.wasmPaths`. */
  wasmPaths: string;
  /** Absolute URL of the models directory, for `createWebRunner({ modelBaseUrl })`. */
  modelBaseUrl: string;
  close(): Promise<void>;
}

export async function openOrtWebPage(options: OrtWebPageOptions): Promise<OrtWebPage> {
  const bundles = await bundleForBrowser(options.entries);
  const server = await startStaticServer({ routes: { [ORT_PREFIX]: ORT_WEB_DIST, [MODELS_PREFIX]: MODELS_DIR } });
  let browser: Browser | undefined;
  try {
    for (const [path, body] of bundles) server.addPage(path, body);
    for (const [path, body] of options.files ?? []) server.addPage(path, body, 'application/octet-stream');
    server.addPage('/index.html', options.html);
    browser = await launchChromium(options.launch);
    const page = await openPage(browser, server.url('/index.html'), { echoConsole: options.echoConsole ?? false });
    const b = browser;
    return {
      server,
      browser: b,
      page,
      wasmPaths: server.url(ORT_PREFIX),
      modelBaseUrl: server.url(MODELS_PREFIX),
      close: () => closeAll(page, b, server),
    };
  } catch (error) {
    await closeAll(browser, server).catch(() => undefined);
    throw error;
  }
}
