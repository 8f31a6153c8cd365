// The console for application owners at /console: its page and built assets (node/console-ui,
// bundled by node/scripts/build-console.mjs), and its sign-in, which exchanges an app's API key and
// secret — or the operator key — for a console session (sessions.ts). Everything else the console
// does goes through the admin API (/v1/admin/*), which accepts that session (principal.ts).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { NodeDeps } from '../deps.js';
import { FioHttpError } from '../routes/http-error.js';
import { matchesHash } from '../security/secrets.js';
import type { App } from '../store/apps.js';
import { findAppByApiKey, findAppById } from '../store/apps.js';
import { adminFailureKey } from '../routes/admin-auth.js';
import { assertNotLockedOut, countFailure, isOperatorKey, operatorFailureKey } from './principal.js';
import { closeSession, openSession, readSession, sessionCookie, sessionIdOf, type ConsoleSession } from './sessions.js';

/** Where the console's bundle is built (node/scripts/build-console.mjs). */
export const CONSOLE_DIST = fileURLToPath(new URL('../../console-ui/dist/', import.meta.url));
const NO_HASH = '0'.repeat(64);

const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.map': 'application/json', '.css': 'text/css; charset=utf-8' };

/**
 * The console's CSP: its own scripts only, no inline script, nothing framed, no other origin
 * contacted. Lit's styles are constructable stylesheets; 'unsafe-inline' styles stay for browsers
 * that fall back to <style> elements.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

const PAGE = (built: boolean) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>openfaceio console</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<style>html{background:#f6f6f9}body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1b1b1f}</style>
${built ? '<script type="module" src="/console/assets/console.js"></script>' : ''}
</head>
<body>
${built ? '<ofio-console></ofio-console>' : '<p style="margin:2rem">The console is not built: run <code>npm run build</code> (or <code>npm start</code>, which builds it).</p>'}
</body>
</html>`;

const secure = (request: FastifyRequest): boolean => request.protocol === 'https';

/** What the console's page needs to know about its session (never a key). */
async function describe(deps: NodeDeps, session: ConsoleSession) {
  const app = session.appId ? await findAppById(deps.db, session.appId) : null;
  return {
    role: session.role,
    csrfToken: session.csrf,
    app: app ? { publicId: app.publicId, name: app.name } : null,
    operatorConfigured: deps.config.operatorKey !== undefined,
  };
}

const pageHeaders = (reply: FastifyReply) =>
  reply
    .header('content-security-policy', CSP)
    .header('x-frame-options', 'DENY')
    .header('cache-control', 'no-store')
    .header('cross-origin-opener-policy', 'same-origin');

export function registerConsoleRoutes(app: FastifyInstance, deps: NodeDeps): void {
  const hide = { hide: true };

  app.get('/console', { schema: hide, logLevel: 'debug' }, async (_request, reply) =>
    pageHeaders(reply)
      .type('text/html; charset=utf-8')
      .send(PAGE(existsSync(join(CONSOLE_DIST, 'console.js')))),
  );
  app.get('/console/', { schema: hide, logLevel: 'debug' }, async (_request, reply) => reply.redirect('/console', 301));

  app.get<{ Params: { '*': string } }>('/console/assets/*', { schema: hide, logLevel: 'debug' }, async (request, reply) => {
    const file = resolve(CONSOLE_DIST, request.params['*']);
    if (!file.startsWith(resolve(CONSOLE_DIST) + sep) || !existsSync(file))
      throw new FioHttpError(404, 'PROCESSING_ERR', `no console asset ${request.params['*']}: run \`npm run build\``);
    return reply
      .type(TYPES[extname(file)] ?? 'application/octet-stream')
      .header('cache-control', 'no-cache')
      .send(await readFile(file));
  });

  app.post<{ Body: { apiKey?: string; secret?: string; operatorKey?: string } }>(
    '/console/api/session',
    {
      schema: {
        tags: ['console'],
        summary:
          "Console sign-in: an app's API key and secret, or the operator key → a session cookie (HttpOnly, SameSite=Strict) and its CSRF token",
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            apiKey: { type: 'string', maxLength: 200 },
            secret: { type: 'string', maxLength: 200 },
            operatorKey: { type: 'string', maxLength: 500 },
          },
        },
      },
    },
    async (request, reply) => {
      // Login CSRF: a page elsewhere must not sign this browser in to someone's console.
      const origin = request.headers.origin;
      if (origin && origin !== `${request.protocol}://${request.host}`)
        throw new FioHttpError(403, 'UNAUTHORIZED', 'console sign-in from another origin');
      const { apiKey = '', secret = '', operatorKey } = request.body;
      const counter = operatorKey !== undefined ? operatorFailureKey(request.ip) : adminFailureKey(apiKey, request.ip);
      await assertNotLockedOut(deps, counter);
      let opened: Awaited<ReturnType<typeof openSession>>;
      if (operatorKey !== undefined) {
        if (!isOperatorKey(deps, operatorKey)) {
          await countFailure(deps, counter);
          throw new FioHttpError(
            401,
            'UNAUTHORIZED',
            deps.config.operatorKey ? 'wrong operator key' : 'this node has no operator key (OPENFACEIO_OPERATOR_KEY)',
          );
        }
        opened = await openSession(deps.bus, deps.clock, 'operator');
      } else {
        const found: App | null = apiKey ? await findAppByApiKey(deps.db, apiKey) : null;
        // Hash the presented secret even for an unknown key, so both refusals cost the same.
        const secretOk = matchesHash(secret, found?.secretHash ?? NO_HASH);
        if (!found || !secretOk) {
          await countFailure(deps, counter);
          throw new FioHttpError(401, 'UNAUTHORIZED', 'wrong API key or secret');
        }
        if (found.status === 'blocked') throw new FioHttpError(403, 'UNAUTHORIZED', 'this application is blocked');
        opened = await openSession(deps.bus, deps.clock, 'app', found.id);
      }
      reply.header('set-cookie', sessionCookie(opened.id, secure(request))).header('cache-control', 'no-store');
      return describe(deps, opened.session);
    },
  );

  app.get(
    '/console/api/session',
    { schema: { tags: ['console'], summary: 'The current console session (after a reload)' } },
    async (request, reply) => {
      const id = sessionIdOf(request.headers.cookie);
      const session = id ? await readSession(deps.bus, deps.clock, id) : null;
      if (!session) throw new FioHttpError(401, 'UNAUTHORIZED', 'not signed in to the console');
      reply.header('cache-control', 'no-store');
      return describe(deps, session);
    },
  );

  app.delete('/console/api/session', { schema: { tags: ['console'], summary: 'Console sign-out' } }, async (request, reply) => {
    const id = sessionIdOf(request.headers.cookie);
    if (id) await closeSession(deps.bus, id);
    return reply
      .header('set-cookie', sessionCookie('', secure(request)))
      .status(204)
      .send();
  });
}
