// Makes this thread load the node's TypeScript sources: tsx compiles them on load, and inside the
// repository the library beside us is read from its sources (the "@openfaceio/source" export
// condition) rather than its last build, so an edit needs no rebuild. An installed library ships
// only dist/ and is used as built. The `openfaceio` command (cli/bin.mjs) and every inference worker
// (vision/pool/worker-entry.mjs) call it: module hooks do not reach worker threads on Node 20 — not
// those registered with module.register(), and not tsx's either when the parent ran
// `node --import tsx` (as the tests and benches do) — so each thread registers its own.
import { existsSync } from 'node:fs';
import { createRequire, register as registerHooks } from 'node:module';
import { dirname, join } from 'node:path';
import { register } from 'tsx/esm/api';

export function loadTypeScript() {
  const library = dirname(createRequire(import.meta.url).resolve('openfaceio/package.json'));
  if (existsSync(join(library, 'src/index.ts')) && !process.execArgv.some((a) => a.includes('@openfaceio/source'))) {
    registerHooks(
      'data:text/javascript,' +
        encodeURIComponent(
          `export async function resolve(s, c, next) { return next(s, { ...c, conditions: [...c.conditions, '@openfaceio/source'] }); }`,
        ),
    );
  }
  register();
}
