// The demo page's stand-in for a site's backend (cross-device sign-on needs one: start tokens and
// phone registration links are minted server-side with the site's token). Only for the demo
// application `npm start` creates, and only for the demo page itself: a same-origin request from
// this machine. A real site does this from its own backend (README, "Cross-device sign-on").
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { NodeDeps } from '../deps.js';
import { SIGN_ON_CODES, SIGN_ON_LIMITS } from '../sign-on/contract.js';
import { ok, SignOnError } from '../sign-on/failures.js';
import { redeemProof } from '../sign-on/proofs.js';
import { signOnErrorHandler } from '../sign-on/routes.js';
import { upsertUser } from '../sign-on/store.js';
import { issueRegistrationToken, issueStartToken, REGISTRATION_TTL_MS } from '../sign-on/tokens.js';
import { nodeUrlOf } from '../sign-on/verdicts.js';
import type { App } from '../store/apps.js';
import { listApps } from '../store/apps.js';
import { DEMO_APP_NAME } from './public.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
/** The demo page's own host names: a reverse proxy on this machine (request.ip = loopback) serves others. */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
/** The demo site's domain: the page runs on http://localhost:<port>. */
const DEMO_SITE = 'localhost';

async function demoApp(deps: NodeDeps, request: FastifyRequest): Promise<App> {
  const origin = request.headers.origin ?? '';
  const own = `${request.protocol}://${request.host}`;
  if (!LOOPBACK.has(request.ip) || !LOCAL_HOSTS.has(request.hostname) || origin !== own) {
    throw new SignOnError(SIGN_ON_CODES.BAD_REQUEST, 'the demo endpoints answer only the demo page on this machine', { http: 403 });
  }
  const app = (await listApps(deps.db)).find((a) => a.name === DEMO_APP_NAME && a.status === 'active');
  if (!app)
    throw new SignOnError(SIGN_ON_CODES.BAD_REQUEST, 'no demo application on this node (npm start creates it on an empty store)', { http: 404 });
  return app;
}

export async function registerDemoRoutes(app: FastifyInstance, deps: NodeDeps): Promise<void> {
  await app.register(async (scope) => {
    scope.setErrorHandler(signOnErrorHandler);
    routes(scope, deps);
  });
}

function routes(app: FastifyInstance, deps: NodeDeps): void {
  const schema = { hide: true };
  app.post('/demo/sign-on/start', { schema }, async (request) => {
    const demo = await demoApp(deps, request);
    return ok({
      start_token: await issueStartToken(deps.bus, { appId: demo.id, site: DEMO_SITE }),
      expires_in: SIGN_ON_LIMITS.startTokenTtlMs / 1000,
    });
  });

  app.post<{ Body: { uid: string } }>(
    '/demo/sign-on/users',
    { schema: { hide: true, body: { type: 'object', required: ['uid'], properties: { uid: { type: 'string', minLength: 1, maxLength: 200 } } } } },
    async (request) => {
      const demo = await demoApp(deps, request);
      const now = deps.clock.now();
      const user = await upsertUser(deps.db, demo.id, request.body.uid, {}, now);
      const token = await issueRegistrationToken(deps.bus, {
        appId: demo.id,
        userId: user.id,
        uid: user.uid,
        site: DEMO_SITE,
        expiresAt: now + REGISTRATION_TTL_MS,
      });
      return ok({ uid: user.uid, registration_url: `${nodeUrlOf(deps, request)}/sign-on/register#t=${token}` });
    },
  );

  app.post<{ Body: { proof: string } }>(
    '/demo/sign-on/verify',
    { schema: { hide: true, body: { type: 'object', required: ['proof'], properties: { proof: { type: 'string', maxLength: 4096 } } } } },
    async (request) => {
      const demo = await demoApp(deps, request);
      return ok(await redeemProof(deps.db, { app: demo, site: DEMO_SITE }, request.body.proof, deps.clock.now()));
    },
  );
}
