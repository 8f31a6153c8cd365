import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { NodeDeps } from '../deps.js';
import { FIO_ERROR_CODES } from 'openfaceio/protocol';
import { sdkFilePath, nodeSrcDir } from '../sdk-files.js';
import { listApps } from '../store/apps.js';
import { FioHttpError } from './http-error.js';

/** The application `npm start` creates on an empty store (main.ts); the demo page at / uses it. */
export const DEMO_APP_NAME = 'Demo (created by npm start)';
const DEMO_PAGE = join(nodeSrcDir, 'demo/demo.html');

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.onnx': 'application/octet-stream',
  '.tflite': 'application/octet-stream',
  '.css': 'text/css',
  '.map': 'application/json',
};

/** Cross-origin isolation (WASM threads) for the SDK and the demo; CORP cross-origin so host pages on other origins can load the SDK. */
const isolate = (reply: FastifyReply) =>
  reply
    .header('cross-origin-opener-policy', 'same-origin')
    .header('cross-origin-embedder-policy', 'require-corp')
    .header('cross-origin-resource-policy', 'cross-origin');

const DEMO = `<!doctype html>
<html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>openfaceio processing node</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:3rem auto;padding:0 1rem}code{background:#f3f3f3;padding:.1em .3em}</style>
<h1>openfaceio processing node</h1>
<p>This node is running. Status: <code id="status">…</code></p>
<p>The browser widgets (<code>&lt;faceio-enroll&gt;</code>, <code>&lt;faceio-authenticate&gt;</code>) are served at
<code>/sdk/openfaceio.js</code> once built with <code>npm run build</code>; the webcam demo appears here then.
Until then, the node's API is documented at <a href="/v1/openapi.json">/v1/openapi.json</a>.</p>
<script type="module">
fetch('/v1/status').then((r) => r.json()).then((s) => { document.getElementById('status').textContent = JSON.stringify(s); });
</script>
</html>`;

export function registerPublicRoutes(app: FastifyInstance, deps: NodeDeps): void {
  const startedAt = Date.now();
  app.get('/v1/status', { schema: { tags: ['status'], summary: 'Liveness of the node and its back ends' } }, async () => {
    await deps.db.query('SELECT 1');
    return {
      status: 'ok',
      version: deps.version,
      store: deps.db.kind,
      bus: deps.bus.kind,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    };
  });

  app.get('/v1/error-codes', { schema: { tags: ['status'], summary: 'fio.js error codes (fetchAllErrorCodes())' } }, async () => FIO_ERROR_CODES);

  app.get('/', { schema: { hide: true } }, async (_request, reply) => {
    isolate(reply).type('text/html; charset=utf-8');
    if (!existsSync(join(deps.sdk.bundleDir, 'openfaceio.js'))) return DEMO;
    // The demo page runs against the demo application `npm start` created, when there is one.
    const demo = (await listApps(deps.db)).find((app) => app.name === DEMO_APP_NAME && app.status === 'active');
    return (await readFile(DEMO_PAGE, 'utf8')).replace('__DEMO_PUBLIC_ID__', demo?.publicId ?? '__NO_DEMO_APP__');
  });

  // The built browser library, like fio.js from a CDN but from the site's own node.
  app.get<{ Params: { '*': string } }>('/sdk/*', { schema: { hide: true } }, async (request, reply) => {
    const file = sdkFilePath(deps.sdk, request.params['*']);
    if (!file || !existsSync(file)) {
      throw new FioHttpError(404, 'UI_NOT_READY', `no ${request.params['*']} in the SDK build: run \`npm run build\` on the node`);
    }
    // CORS (any origin: host pages import the SDK as modules): security/cors.ts.
    isolate(reply)
      .type(TYPES[extname(file)] ?? 'application/octet-stream')
      .header('cache-control', 'public, max-age=300');
    return readFile(file);
  });
}
