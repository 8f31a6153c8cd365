#!/usr/bin/env node
// The `openfaceio` command. The project ships TypeScript sources; tsx compiles them on load so the
// CLI, the node and the tests all run the same files without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
