import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { NodeDeps } from '../deps.js';
import type { App } from '../store/apps.js';
import { findAppByApiKey } from '../store/apps.js';
import { appOf, principalOf } from '../console/principal.js';
import { matchesHash, sha256Hex } from '../security/secrets.js';
import { FioHttpError } from './http-error.js';
import { enforceLimit } from './rate-limit.js';

/** Failed admin logins per API key and address per 15 minutes before that pair is refused (brute-force guard). */
export const ADMIN_FAILURES_PER_IP = 20;
const LOCKOUT_MS = 15 * 60_000;

/** The failure counter of an API key at an address (admin logins and console sign-ins share it). */
export const adminFailureKey = (apiKey: string, ip: string): string => `rate:admin-failures:${sha256Hex(apiKey).slice(0, 32)}:${ip}`;

function credentialsOf(request: FastifyRequest): { apiKey: string; secret: string } {
  const header = request.headers.authorization ?? '';
  const [scheme, encoded] = header.split(' ');
  const decoded = scheme?.toLowerCase() === 'basic' && encoded ? Buffer.from(encoded, 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  return colon > 0 ? { apiKey: decoded.slice(0, colon), secret: decoded.slice(colon + 1) } : { apiKey: '', secret: '' };
}

/**
 * Admin calls authenticate with the app's API key and secret, as HTTP Basic
 * (`Authorization: Basic base64(apiKey:secret)`). Both are compared as SHA-256 hashes in
 * constant time. Failures are counted per API key *and* address (finding 5): someone guessing
 * behind the same NAT locks out only their own attempts at that key, never an admin's right
 * key; and a locked pair is refused before its secret is checked (no oracle while locked).
 * The console's session and the operator key are the other ways in (console/principal.ts): the
 * console calls these same routes.
 */
export async function authenticateAdmin(deps: NodeDeps, request: FastifyRequest): Promise<App> {
  const principal = await principalOf(deps, request);
  if (principal) {
    const app = await appOf(deps, request, principal);
    if (principal.kind === 'app' && app.status === 'blocked') throw new FioHttpError(403, 'UNAUTHORIZED', 'this application is blocked');
    await enforceLimit(deps.bus, `admin:${app.id}`, deps.config.adminPerKeyPerMinute);
    return app;
  }
  const { apiKey, secret } = credentialsOf(request);
  const failures = adminFailureKey(apiKey, request.ip);
  if ((await deps.bus.peek(failures)) >= ADMIN_FAILURES_PER_IP) {
    throw new FioHttpError(429, 'TOO_MANY_REQUESTS', 'too many failed admin logins with this API key from this address: wait 15 minutes', {
      'retry-after': '900',
    });
  }
  const app = apiKey ? await findAppByApiKey(deps.db, apiKey) : null;
  // Hash the presented secret even when the key is unknown, so both paths cost the same.
  const secretOk = matchesHash(secret, app?.secretHash ?? '0'.repeat(64));
  if (!app || !secretOk) {
    await deps.bus.hit(failures, LOCKOUT_MS);
    throw new FioHttpError(401, 'UNAUTHORIZED', 'wrong or missing API key and secret (HTTP Basic: apiKey:secret)', {
      'www-authenticate': 'Basic realm="openfaceio"',
    });
  }
  if (app.status === 'blocked') throw new FioHttpError(403, 'UNAUTHORIZED', 'this application is blocked');
  await enforceLimit(deps.bus, `admin:${app.id}`, deps.config.adminPerKeyPerMinute);
  return app;
}

/**
 * Authentication as an `onRequest` hook (finding 3): it runs before Fastify reads the body, so an
 * unauthenticated or locked-out caller's 22 MB upload is never buffered or parsed; `appOf` gives
 * the handler the application it admitted.
 */
export function adminGate(deps: NodeDeps): { onRequest: onRequestAsyncHookHandler; appOf(request: FastifyRequest): App } {
  const admitted = new WeakMap<FastifyRequest, App>();
  return {
    onRequest: async (request) => {
      admitted.set(request, await authenticateAdmin(deps, request));
    },
    appOf: (request) => {
      const app = admitted.get(request);
      if (!app) throw new Error('admin route without the admin gate in its onRequest');
      return app;
    },
  };
}
