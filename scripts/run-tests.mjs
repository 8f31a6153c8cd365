#!/usr/bin/env node
// Runs every test/**/*.test.ts (the library's) and node/test/**/*.test.ts (the node's) with Node's
// test runner (tsx compiles TypeScript on load; the @openfaceio/source condition makes the node's
// `openfaceio/*` imports read the library's sources, so no build is needed between edits). The
// browser tests, *.browser.test.ts, are web-test-runner's (web-test-runner.config.mjs); `npm test`
// runs both (scripts/test.mjs).
// Node 20's `--test` cannot glob .ts files itself, hence this small finder.
// Usage: node scripts/run-tests.mjs [path-filter...]
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const find = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'fixtures') return [];
    if (statSync(path).isDirectory()) return find(path);
    return name.endsWith('.test.ts') && !name.endsWith('.browser.test.ts') ? [relative(root, path)] : [];
  });

const filters = process.argv.slice(2);
const files = [...find(join(root, 'test')), ...find(join(root, 'node/test'))]
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error(`no test files match ${filters.join(' ')}`);
  process.exit(1);
}
// One file at a time: the machines are 2 cores, and browser and model tests each want one.
const result = spawnSync(process.execPath, ['--conditions=@openfaceio/source', '--import', 'tsx', '--test', '--test-concurrency=1', ...files], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
