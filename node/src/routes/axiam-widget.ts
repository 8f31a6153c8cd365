// Axiam's embedded widget as a drop-in (issue 14): /widget/facial-login.js, the library's adapter
// over <faceio-sign-on> (src/axiam/, built into the SDK bundle), and /widget/facial-login.css, which
// Axiam's snippet links (the widget styles itself in its own shadow root; this file only keeps that
// link from failing).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { NodeDeps } from '../deps.js';
import { FioHttpError } from './http-error.js';

const CSS = `/* openfaceio: Axiam's embedded widget drop-in styles itself inside #axiam-facial-login's shadow root.
   Theme it with AxiamFacialLogin.init({ primaryColor, textColor, backgroundColor, borderRadius, fontFamily, … }). */
#axiam-facial-login { display: block; }
`;

export function registerAxiamWidget(app: FastifyInstance, deps: NodeDeps): void {
  const options = { schema: { hide: true }, logLevel: 'warn' as const };
  app.get('/widget/facial-login.js', options, async (_request, reply) => {
    const file = join(deps.sdk.bundleDir, 'widget/facial-login.js');
    if (!existsSync(file)) throw new FioHttpError(404, 'UI_NOT_READY', 'no widget/facial-login.js in the SDK build: run `npm run build` on the node');
    return reply
      .type('text/javascript; charset=utf-8')
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('cache-control', 'public, max-age=300')
      .send(await readFile(file));
  });
  app.get('/widget/facial-login.css', options, async (_request, reply) =>
    reply
      .type('text/css; charset=utf-8')
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('cache-control', 'public, max-age=300')
      .send(CSS),
  );
}
