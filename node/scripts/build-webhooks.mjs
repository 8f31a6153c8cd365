#!/usr/bin/env node
// `prepack`: the webhook signature helper as plain JavaScript + declarations in dist/, so a site's
// backend can `import { verifyWebhook } from '@openfaceio/node/webhooks'` without TypeScript (the
// rest of the node runs its TypeScript through tsx). The module needs node:crypto only.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'src/webhooks/signature.ts');
const out = join(root, 'dist');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await build({ entryPoints: [source], outfile: join(out, 'webhooks.js'), format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning' });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, source, '--declaration', '--emitDeclarationOnly', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--types', 'node', '--outDir', out]);
execFileSync('mv', [join(out, 'signature.d.ts'), join(out, 'webhooks.d.ts')]);
