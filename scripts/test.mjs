#!/usr/bin/env node
// `npm test` after the type-check: the node-side tests (node:test, scripts/run-tests.mjs) and then
// the browser-side tests (web-test-runner, web-test-runner.config.mjs), each printing its own
// summary. Both always run; a failure in either fails the whole.
//   node scripts/run-tests.mjs [filter]        node-side tests only (a subset by path)
//   npm run test:browser -- [file]             browser-side tests only (one file)
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const run = (label, args) => {
  const started = performance.now();
  const { status, signal } = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  return { label, ok: status === 0, how: signal ?? `exit ${status}`, seconds: (performance.now() - started) / 1000 };
};

const results = [
  run('node:test (scripts/run-tests.mjs)', ['scripts/run-tests.mjs']),
  run('web-test-runner (*.browser.test.ts)', ['node_modules/@web/test-runner/dist/bin.js']),
];
console.log('\nnpm test:');
for (const r of results) console.log(`  ${r.ok ? 'passed' : `FAILED (${r.how})`}  ${r.label}, ${r.seconds.toFixed(0)} s`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
