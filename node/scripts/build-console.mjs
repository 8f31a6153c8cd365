#!/usr/bin/env node
// Builds the console's browser code (node/console-ui/src, Lit) into node/console-ui/dist/: one ES
// module, console.js, with each language's texts in a chunk loaded when chosen. Writes
// size-report.json: the page's first load and the charts' share of it (plain SVG, no library).
// Run by the repository's `npm run build` (so `npm start` and `npm test` build it too).
// Usage: node node/scripts/build-console.mjs [--quiet]
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const ui = new URL('../console-ui/', import.meta.url).pathname;
const outdir = join(ui, 'dist');
const quiet = process.argv.includes('--quiet');

rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
const result = await build({
  entryPoints: { console: join(ui, 'src/main.ts') },
  outdir,
  bundle: true,
  format: 'esm',
  splitting: true,
  chunkNames: 'chunk-[hash]',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
  // Lit's legacy decorators (as in tsconfig.json): @property() accessors must not be shadowed by class fields.
  tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
});

const outputs = result.metafile.outputs;
const gz = (file) => gzipSync(readFileSync(resolve(file)), { level: 9 }).length;
const entry = Object.keys(outputs).find((file) => outputs[file].entryPoint?.endsWith('src/main.ts'));
const first = new Set();
const visit = (file) => {
  if (first.has(file)) return;
  first.add(file);
  for (const imported of outputs[file].imports) if (imported.kind === 'import-statement') visit(imported.path);
};
visit(entry);
const firstLoad = [...first].reduce((sum, file) => ({ bytes: sum.bytes + outputs[file].bytes, gzip: sum.gzip + gz(file) }), { bytes: 0, gzip: 0 });
// The charts' share: their source's bytes in the bundle, and those bytes gzipped alone (an upper bound).
const chartBytes = Object.values(outputs).reduce((sum, output) => sum + (output.inputs['node/console-ui/src/parts/chart.ts']?.bytesInOutput ?? 0), 0);
const chartSource = await build({
  entryPoints: [join(ui, 'src/parts/chart.ts')],
  bundle: false,
  minify: true,
  write: false,
  format: 'esm',
  target: 'es2022',
  tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
});
const report = {
  firstLoad,
  charts: { bytesInBundle: chartBytes, gzipAlone: gzipSync(chartSource.outputFiles[0].contents, { level: 9 }).length },
  locales: Object.keys(outputs)
    .filter((file) => file.endsWith('.js') && !first.has(file))
    .map((file) => ({ file: file.replace(/^.*\//, ''), bytes: outputs[file].bytes, gzip: gz(file) })),
};
writeFileSync(join(outdir, 'size-report.json'), JSON.stringify(report, null, 2) + '\n');
if (!quiet) {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(
    `console built: first load ${kb(firstLoad.bytes)} (${kb(firstLoad.gzip)} gzipped); charts ${kb(chartBytes)} of it (${kb(report.charts.gzipAlone)} gzipped alone)`,
  );
}
