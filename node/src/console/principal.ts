// Who an admin request acts for, besides the app's own HTTP Basic keys (routes/admin-auth.ts): a
// console session (cookie; a CSRF header on every state-changing request) or the operator key
// (`Authorization: Bearer <OPENFACEIO_OPERATOR_KEY>`). The operator names the application it acts
// on with the `x-openfaceio-app: <publicId>` header. Every refusal counts toward the same per-IP
// lockout as failed admin logins.
import type { FastifyRequest } from 'fastify';
import type { NodeDeps } from '../deps.js';
import { FioHttpError } from '../routes/http-error.js';
import { safeEqual } from '../security/secrets.js';
import type { App } from '../store/apps.js';
import { findAppById, findAppByPublicId } from '../store/apps.js';
import { csrfMatches, readSession, sessionIdOf } from './sessions.js';

export type Principal = { kind: 'app'; appId: string } | { kind: 'operator' };

/**
 * Failed sign-ins before a lockout (15 minutes): for an API key at an address, counted with failed
 * admin logins (admin-auth.ts: someone guessing behind the same NAT locks out only their own
 * attempts at that key); for the operator key, per address (one secret: a counter per guessed
 * value would never fill).
 */
export const SIGN_IN_FAILURES = 20; // admin-auth.ts's ADMIN_FAILURES_PER_IP (not imported: admin-auth imports this module)
export const SIGN_IN_LOCK_MS = 15 * 60_000;
export const operatorFailureKey = (ip: string) => `rate:operator-failures:${ip}`;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const APP_HEADER = 'x-openfaceio-app';
export const CSRF_HEADER = 'x-openfaceio-csrf';

/** `key`: the counter (adminFailureKey or operatorFailureKey). A locked key is refused before its secret is checked. */
export async function assertNotLockedOut(deps: Pick<NodeDeps, 'bus'>, key: string): Promise<void> {
  if ((await deps.bus.peek(key)) >= SIGN_IN_FAILURES) {
    throw new FioHttpError(429, 'TOO_MANY_REQUESTS', 'too many failed sign-ins: wait 15 minutes', { 'retry-after': '900' });
  }
}

export const countFailure = async (deps: Pick<NodeDeps, 'bus'>, key: string): Promise<void> => {
  await deps.bus.hit(key, SIGN_IN_LOCK_MS);
};

/** The operator key, compared in constant time; false when the node has none. */
export const isOperatorKey = (deps: Pick<NodeDeps, 'config'>, presented: string): boolean =>
  deps.config.operatorKey !== undefined && presented.length > 0 && safeEqual(presented, deps.config.operatorKey);

const unauthorized = (message: string) => new FioHttpError(401, 'UNAUTHORIZED', message);

/**
 * The console session or operator key the request carries; null when it carries neither (HTTP
 * Basic app keys are admin-auth.ts's). A stale session is 401; a state-changing request without
 * the session's CSRF token, or from another origin, is 403.
 */
export async function principalOf(deps: NodeDeps, request: FastifyRequest): Promise<Principal | null> {
  const [scheme, token] = (request.headers.authorization ?? '').split(' ');
  if (scheme?.toLowerCase() === 'bearer' && token) {
    await assertNotLockedOut(deps, operatorFailureKey(request.ip));
    if (!isOperatorKey(deps, token)) {
      await countFailure(deps, operatorFailureKey(request.ip));
      throw unauthorized('wrong operator key (Authorization: Bearer <OPENFACEIO_OPERATOR_KEY>)');
    }
    return { kind: 'operator' };
  }
  if (request.headers.authorization) return null;
  const id = sessionIdOf(request.headers.cookie);
  if (!id) return null;
  const session = await readSession(deps.bus, deps.clock, id);
  if (!session) throw unauthorized('the console session has expired: sign in again');
  if (!SAFE_METHODS.has(request.method)) {
    const origin = request.headers.origin;
    if ((origin && origin !== `${request.protocol}://${request.host}`) || !csrfMatches(session, headerOf(request, CSRF_HEADER))) {
      throw new FioHttpError(
        403,
        'UNAUTHORIZED',
        `a console request that changes something needs the session's ${CSRF_HEADER} header, from the console's own origin`,
      );
    }
  }
  return session.role === 'operator' ? { kind: 'operator' } : { kind: 'app', appId: session.appId! };
}

const headerOf = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** The application a principal acts on: its own, or the operator's choice in x-openfaceio-app. */
export async function appOf(deps: NodeDeps, request: FastifyRequest, principal: Principal): Promise<App> {
  if (principal.kind === 'app') {
    const app = await findAppById(deps.db, principal.appId);
    if (!app) throw unauthorized('this application no longer exists');
    return app;
  }
  const publicId = headerOf(request, APP_HEADER);
  if (!publicId) throw new FioHttpError(400, 'PROCESSING_ERR', `the operator names the application in the ${APP_HEADER} header`);
  const app = await findAppByPublicId(deps.db, publicId);
  if (!app) throw new FioHttpError(404, 'PROCESSING_ERR', `no application ${publicId}`);
  return app;
}

/** Operator-only routes (every application, creating one). */
export async function requireOperator(deps: NodeDeps, request: FastifyRequest): Promise<void> {
  const principal = await principalOf(deps, request);
  if (principal?.kind === 'operator') return;
  if (principal) throw new FioHttpError(403, 'UNAUTHORIZED', 'only the operator may do this');
  throw new FioHttpError(401, 'UNAUTHORIZED', 'operator routes need Authorization: Bearer <OPENFACEIO_OPERATOR_KEY> or an operator console session', {
    'www-authenticate': 'Bearer realm="openfaceio"',
  });
}
