#!/usr/bin/env node
// `npm run build`: the library's two builds.
//   dist/                      the npm package: ES modules + declarations from tsc (one file per source)
//   dist/bundle/               the served SDK, which the node serves at /sdk/:
//     openfaceio.js (+ chunks) the library with every tag registered (ES module, code-split: MediaPipe
//                              and the locale texts are separate chunks loaded when needed)
//     inference.worker.js      the onnxruntime-web module worker (imports ./ort/ at run time)
//     size-report.json         what a page loads before the camera opens, raw and gzipped
//     widget/facial-login.js   Axiam's embedded widget as a drop-in (a classic script over the SDK)
//   The runtime files the bundle fetches when the camera opens (ort/, mediapipe/, models/) are served
//   by the node from onnxruntime-web, @mediapipe/tasks-vision and its own verified models.
// Usage: node scripts/build.mjs [--out DIR] [--quiet] [--bundle-only]
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const distDir = join(root, 'dist');
const outdir = args.includes('--out') ? resolve(args[args.indexOf('--out') + 1]) : join(distDir, 'bundle');
const quiet = args.includes('--quiet');
const bundleOnly = args.includes('--bundle-only') || args.includes('--out');

/** The first-load budget of issue 4: code before the camera opens, gzipped. */
export const FIRST_LOAD_BUDGET_GZIP = 60 * 1024;

const ORT_ENTRY = { 'onnxruntime-web/wasm': './ort/ort.wasm.min.mjs', 'onnxruntime-web/webgpu': './ort/ort.webgpu.min.mjs' };

/** onnxruntime-web stays a run-time import of its own served files: bundling it breaks its wasm loader (TOOLCHAIN.md). */
const ortExternal = {
  name: 'onnxruntime-web-external',
  setup(b) {
    b.onResolve({ filter: /^onnxruntime-web(\/.*)?$/ }, (a) => {
      const path = ORT_ENTRY[a.path];
      return path ? { path, external: true } : { errors: [{ text: `onnxruntime-web entry ${a.path} is not served: add it to ORT_ENTRY` }] };
    });
  },
};

const common = {
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
};

if (!bundleOnly) {
  // The package build: tsc emits dist/ (JS + .d.ts); the bundle below goes into dist/bundle/.
  rmSync(distDir, { recursive: true, force: true });
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  // The framework typings are declarations only (they need React / Vue types, which only their users have).
  mkdirSync(join(distDir, 'typings'), { recursive: true });
  for (const name of readdirSync(join(root, 'src/typings')).filter((n) => n.endsWith('.d.ts')))
    copyFileSync(join(root, 'src/typings', name), join(distDir, 'typings', name));
}
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

const library = await build({
  ...common,
  entryPoints: { openfaceio: join(root, 'src/sdk.ts') },
  outdir,
  splitting: true,
  chunkNames: 'chunk-[hash]',
  metafile: true,
  plugins: [ortExternal],
});
await build({ ...common, entryPoints: { 'inference.worker': join(root, 'src/core/inference/inference.worker.ts') }, outdir, plugins: [ortExternal] });
// Axiam's embedded widget as a drop-in (served at <node>/widget/facial-login.js): a classic script,
// as Axiam's is, that imports the SDK above when AxiamFacialLogin.init() runs.
await build({ ...common, format: 'iife', entryPoints: { 'widget/facial-login': join(root, 'src/axiam/facial-login.ts') }, outdir });

// First load: the entry and every chunk it imports statically (dynamic imports wait for the camera / a locale).
const outputs = library.metafile.outputs;
const entry = Object.keys(outputs).find((file) => outputs[file].entryPoint?.endsWith('src/sdk.ts'));
const firstLoad = new Set();
const visit = (file) => {
  if (firstLoad.has(file)) return;
  firstLoad.add(file);
  for (const imported of outputs[file].imports) if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
};
visit(entry);
// Metafile paths are relative to the working directory.
const sizeOf = (file) => {
  const bytes = readFileSync(resolve(file));
  return { file: file.replace(/^.*\//, ''), bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const first = [...firstLoad].map((file) => sizeOf(file));
const lazy = Object.keys(outputs)
  .filter((file) => file.endsWith('.js') && !firstLoad.has(file))
  .map((file) => sizeOf(file));
const report = {
  budgetGzip: FIRST_LOAD_BUDGET_GZIP,
  firstLoad: { files: first, bytes: first.reduce((s, f) => s + f.bytes, 0), gzip: first.reduce((s, f) => s + f.gzip, 0) },
  lazyChunks: lazy,
};
writeFileSync(join(outdir, 'size-report.json'), JSON.stringify(report, null, 2) + '\n');
if (!quiet) {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(
    `dist/ built (package + bundle). Before the camera opens: ${kb(report.firstLoad.bytes)} (${kb(report.firstLoad.gzip)} gzipped; budget ${kb(FIRST_LOAD_BUDGET_GZIP)})`,
  );
  for (const f of lazy) console.log(`  lazy ${f.file}: ${kb(f.bytes)} (${kb(f.gzip)} gz)`);
}
// The node's console (its own browser code, node/console-ui): built with the rest so `npm start` and `npm test` have it.
execFileSync(process.execPath, [join(root, 'node/scripts/build-console.mjs'), ...(quiet ? ['--quiet'] : [])], { stdio: 'inherit' });
if (report.firstLoad.gzip > FIRST_LOAD_BUDGET_GZIP) {
  console.error(`first-load code is ${report.firstLoad.gzip} B gzipped, over the ${FIRST_LOAD_BUDGET_GZIP} B budget`);
  process.exit(1);
}
