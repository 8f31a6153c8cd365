#!/usr/bin/env node
// The `openfaceio` command. The node ships TypeScript sources; tsx compiles them on load so the
// CLI, the node and the tests all run the same files without a build step (load-typescript.mjs).
import { loadTypeScript } from '../load-typescript.mjs';

loadTypeScript();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
