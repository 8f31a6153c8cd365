import type { FastifyRequest } from 'fastify';
import type { NodeDeps } from '../deps.js';
import type { App } from '../store/apps.js';
import { findAppByApiKey } from '../store/apps.js';
import { appOf, principalOf } from '../console/principal.js';
import { matchesHash } from '../security/secrets.js';
import { FioHttpError } from './http-error.js';
import { enforceLimit } from './rate-limit.js';

/** Failed admin logins per IP per 15 minutes before the IP is refused (brute-force guard). */
export const ADMIN_FAILURES_PER_IP = 20;

/**
 * Admin calls authenticate with the app's API key and secret, as HTTP Basic
 * (`Authorization: Basic base64(apiKey:secret)`). Both are compared as SHA-256 hashes in
 * constant time; failures are counted per IP. The console's session and the operator key are the
 * other ways in (console/principal.ts): the console calls these same routes.
 */
export async function authenticateAdmin(deps: NodeDeps, request: FastifyRequest): Promise<App> {
  const principal = await principalOf(deps, request);
  if (principal) {
    const app = await appOf(deps, request, principal);
    if (principal.kind === 'app' && app.status === 'blocked') throw new FioHttpError(403, 'UNAUTHORIZED', 'this application is blocked');
    await enforceLimit(deps.bus, `admin:${app.id}`, deps.config.adminPerKeyPerMinute);
    return app;
  }
  const failures = `admin-failures:${request.ip}`;
  if ((await deps.bus.peek(`rate:${failures}`)) >= ADMIN_FAILURES_PER_IP) {
    throw new FioHttpError(429, 'TOO_MANY_REQUESTS', 'too many failed admin logins from this address: wait 15 minutes', { 'retry-after': '900' });
  }
  const header = request.headers.authorization ?? '';
  const [scheme, encoded] = header.split(' ');
  const decoded = scheme?.toLowerCase() === 'basic' && encoded ? Buffer.from(encoded, 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  const apiKey = colon > 0 ? decoded.slice(0, colon) : '';
  const secret = colon > 0 ? decoded.slice(colon + 1) : '';
  const app = apiKey ? await findAppByApiKey(deps.db, apiKey) : null;
  // Hash the presented secret even when the key is unknown, so both paths cost the same.
  const secretOk = matchesHash(secret, app?.secretHash ?? '0'.repeat(64));
  if (!app || !secretOk) {
    await deps.bus.hit(`rate:${failures}`, 15 * 60_000);
    throw new FioHttpError(401, 'UNAUTHORIZED', 'wrong or missing API key and secret (HTTP Basic: apiKey:secret)', {
      'www-authenticate': 'Basic realm="openfaceio"',
    });
  }
  if (app.status === 'blocked') throw new FioHttpError(403, 'UNAUTHORIZED', 'this application is blocked');
  await enforceLimit(deps.bus, `admin:${app.id}`, deps.config.adminPerKeyPerMinute);
  return app;
}
