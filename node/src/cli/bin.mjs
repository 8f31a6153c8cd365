#!/usr/bin/env node
// The `openfaceio` command. The node ships TypeScript sources; tsx compiles them on load so the
// CLI, the node and the tests all run the same files without a build step.
import { existsSync } from 'node:fs';
import { createRequire, register as registerHooks } from 'node:module';
import { dirname, join } from 'node:path';
import { register } from 'tsx/esm/api';

// Inside the repository the library beside us has its sources: read them (the "@openfaceio/source"
// export condition) rather than its last build, so an edit needs no rebuild. An installed library
// ships only dist/ and is used as built.
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
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
