// CORS with @fastify/cors (issue 12, item 7), one policy per route, decided in preHandler (after
// the body is parsed, which the session route needs; the 401/429 refusals of onRequest carry no CORS
// headers, as before). No route allows credentials: the console's cookie-authenticated calls are
// same-origin only (no CORS at all), like every route not listed here.
import fastifyCors, { type FastifyCorsOptions } from '@fastify/cors';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { NodeDeps } from '../deps.js';
import { SIGN_ON_PREFIX } from '../sign-on/routes.js';
import { originIsRegistered } from '../sign-on/store.js';
import { findAppByPublicId, originOf } from '../store/apps.js';

type OriginCallback = (error: Error | null, origin: boolean | string) => void;
type OriginCheck = (origin: string | undefined, callback: OriginCallback) => void;

/** Reflects the request's origin when `allowed(origin)` resolves true; no CORS headers otherwise. */
const reflectIf =
  (allowed: (origin: string) => Promise<boolean>): OriginCheck =>
  (header, callback) => {
    const origin = originOf(header);
    if (!origin) return callback(null, false);
    allowed(origin).then(
      (ok) => callback(null, ok ? origin : false),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  };

function policyFor(deps: NodeDeps, request: FastifyRequest): FastifyCorsOptions {
  const path = request.url.split('?')[0] ?? '';
  const post = { methods: ['POST'], allowedHeaders: ['content-type'], maxAge: 600, strictPreflight: false };
  if (path === '/v1/sessions') {
    // The preflight names no app: permissive. The POST answers CORS only for the app's own origins
    // (any, when it has no allow-list); a refused origin's page cannot read the refusal.
    if (request.method === 'OPTIONS') return { ...post, origin: true };
    const publicId = (request.body as { publicId?: unknown } | undefined)?.publicId;
    return {
      ...post,
      origin: reflectIf(async (origin) => {
        const app = typeof publicId === 'string' ? await findAppByPublicId(deps.db, publicId) : null;
        return app !== null && (app.origins.length === 0 || app.origins.includes(origin));
      }),
    };
  }
  // <faceio-sign-on>'s call: origins some active app registered (the app itself is checked once the start token is known).
  if (path === `${SIGN_ON_PREFIX}/widget/login`) return { ...post, origin: reflectIf((origin) => originIsRegistered(deps.db, origin)) };
  // Module scripts and workers are fetched in CORS mode: host pages on other origins import the SDK
  // (and the Axiam drop-in, /widget/, which imports it).
  if (path.startsWith('/sdk/') || path.startsWith('/widget/')) return { origin: '*', methods: ['GET'], strictPreflight: false };
  return { origin: false };
}

export async function registerCors(app: FastifyInstance, deps: NodeDeps): Promise<void> {
  await app.register(fastifyCors, {
    hook: 'preHandler',
    delegator: (request: FastifyRequest, callback: (error: Error | null, options: FastifyCorsOptions) => void) =>
      callback(null, policyFor(deps, request)),
  } as never);
}
