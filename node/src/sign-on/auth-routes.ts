import type { FastifyInstance } from 'fastify';
import type { NodeDeps } from '../deps.js';
import { matchesHash } from '../security/secrets.js';
import { findAppByApiKey } from '../store/apps.js';
import { SIGN_ON_CODES, SIGN_ON_LIMITS } from './contract.js';
import { ok, SignOnError } from './failures.js';
import { jwks, redeemProof } from './proofs.js';
import { appDomains, authenticateAppToken, hostnameOf, issueAppToken } from './tokens.js';

/** Failed application_auth calls per IP per 15 minutes before the IP is refused (the keys are 256-bit; this only stops noise). */
export const AUTH_FAILURES_PER_IP = 20;
const NO_HASH = '0'.repeat(64);
const tags = ['sign-on'];

/** The host backend's calls: application_auth, verify_proof; and the node's public keys. */
export function registerAuthRoutes(app: FastifyInstance, deps: NodeDeps): void {
  app.post<{ Body: { api_key: string; secret_key: string; domain: string } }>(
    '/application_auth',
    {
      schema: {
        tags,
        summary: 'Exchange the app keys for a 30-day app token (Axiam)',
        body: {
          type: 'object',
          required: ['api_key', 'secret_key', 'domain'],
          properties: {
            api_key: { type: 'string', maxLength: 200 },
            secret_key: { type: 'string', maxLength: 200 },
            domain: { type: 'string', maxLength: 300 },
          },
        },
      },
    },
    async (request) => {
      const failures = `rate:signon:auth-failures:${request.ip}`;
      if ((await deps.bus.peek(failures)) >= AUTH_FAILURES_PER_IP) {
        throw new SignOnError(SIGN_ON_CODES.BAD_CREDENTIALS, 'too many failed application_auth calls from this address: wait 15 minutes', {
          http: 429,
          headers: { 'retry-after': '900' },
        });
      }
      const { api_key: apiKey, secret_key: secret, domain } = request.body;
      const application = await findAppByApiKey(deps.db, apiKey);
      // The secret is hashed and compared even for an unknown key: both refusals cost the same.
      const secretOk = matchesHash(secret, application?.secretHash ?? NO_HASH);
      if (!application || !secretOk || application.status !== 'active') {
        await deps.bus.hit(failures, 15 * 60_000);
        throw new SignOnError(
          SIGN_ON_CODES.BAD_CREDENTIALS,
          application && secretOk ? `application is ${application.status}` : 'wrong api_key or secret_key',
        );
      }
      const host = hostnameOf(domain);
      if (!host || !appDomains(application).includes(host)) {
        throw new SignOnError(
          SIGN_ON_CODES.DOMAIN_MISMATCH,
          `domain "${domain}" is not among this application's registered origins (${appDomains(application).join(', ') || 'none'})`,
        );
      }
      return ok({ authenticated_token: await issueAppToken(deps.db, deps.clock, application, host), expires_in: SIGN_ON_LIMITS.appTokenTtlSeconds });
    },
  );

  app.post<{ Body: { proof: string } }>(
    '/verify_proof',
    {
      schema: {
        tags,
        summary: 'Check a sign-on proof once (single use)',
        body: { type: 'object', required: ['proof'], properties: { proof: { type: 'string', maxLength: 4096 } } },
      },
    },
    async (request) => {
      const caller = await authenticateAppToken(deps.db, deps.clock, request.headers.authorization);
      return ok(await redeemProof(deps.db, caller, request.body.proof, deps.clock.now()));
    },
  );

  // A plain JWK Set (not wrapped in {success, data}): what JOSE libraries fetch as-is.
  app.get('/jwks.json', { schema: { tags, summary: 'The proof-signing public key (JWKS)' } }, async (_request, reply) => {
    return reply.header('cache-control', 'public, max-age=300').send(await jwks(deps.db));
  });

  app.get('/vapid_public_key', { schema: { tags, summary: "The node's VAPID public key, for pushManager.subscribe()" } }, async () => {
    if (!deps.pushSender) throw new SignOnError(SIGN_ON_CODES.NO_DEVICE, 'this node has no Web Push configured', { http: 503 });
    return ok({ public_key: deps.pushSender.publicKey });
  });
}
