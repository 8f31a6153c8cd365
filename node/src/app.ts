import fastifySwagger from '@fastify/swagger';
import fastifyWebsocket from '@fastify/websocket';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import type { NodeDeps } from './deps.js';
import { registerAdminRoutes } from './routes/admin.js';
import { registerDemoRoutes } from './routes/demo.js';
import { installErrorHandler } from './routes/http-error.js';
import { registerPublicRoutes } from './routes/public.js';
import { registerSessionRoutes } from './routes/sessions.js';
import { registerStreamRoute } from './routes/stream.js';
import { registerCableRoute } from './sign-on/cable.js';
import { registerSignOnPages } from './sign-on/pages.js';
import { createSubscriptionAuthority, keptResult } from './sign-on/verifications.js';
import { registerSignOnRoutes } from './sign-on/routes.js';
import { INSECURE_FIXED_CHALLENGE_WARNING } from './sessions/pad/fixed-challenge.js';

/**
 * The processing node as a Fastify instance, with no side effects: no listening, no timers, no
 * process handlers (main.ts does those). Tests call `app.inject()` or listen on port 0.
 */
export async function buildApp(deps: NodeDeps, options: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: deps.config.logLevel,
            // Never log query strings (the stream's one-time token travels there), headers or bodies.
            serializers: {
              req: (req: { method: string; url: string; ip?: string }) => ({ method: req.method, url: req.url.split('?')[0], ip: req.ip }),
            },
          },
    trustProxy: deps.config.trustProxy,
    bodyLimit: 64 * 1024,
    // Requests must not hang a node: the WebSocket has its own session timeouts.
    requestTimeout: 30_000,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
  });
  installErrorHandler(app);
  if (deps.config.insecureFixedChallenge) app.log.warn({ steps: deps.config.insecureFixedChallenge }, INSECURE_FIXED_CHALLENGE_WARNING);
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'openfaceio processing node',
        version: deps.version,
        description: 'Scan sessions, admin API and status. The scan stream is WS /v1/sessions/stream?token=… (see README).',
      },
      components: { securitySchemes: { basic: { type: 'http', scheme: 'basic', description: 'apiKey:secret of the application' } } },
    },
  });
  // Frames are bounded by the session (clear PROCESSING_ERR); the socket limit only stops abuse.
  await app.register(fastifyWebsocket, { options: { maxPayload: deps.limits.maxFrameBytes * 4 } });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer');
  });
  registerPublicRoutes(app, deps);
  registerSessionRoutes(app, deps);
  registerStreamRoute(app, deps);
  registerAdminRoutes(app, deps);
  await registerSignOnRoutes(app, deps);
  registerSignOnPages(app);
  await registerDemoRoutes(app, deps);
  // The subscription secret is the gate (a token alone is refused); any page origin may connect.
  registerCableRoute(app, deps, { authority: createSubscriptionAuthority(deps), resultOf: (tokenHash) => keptResult(deps.bus, tokenHash) });
  app.get('/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
