import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifyWebsocket from '@fastify/websocket';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import type { NodeDeps } from './deps.js';
import { loggerOptions } from './logging.js';
import { registerConsoleRoutes } from './console/routes.js';
import { registerAdminRoutes } from './routes/admin.js';
import { registerAdminAppRoutes } from './routes/admin-app.js';
import { registerAxiamWidget } from './routes/axiam-widget.js';
import { registerAdminSignOnRoutes } from './routes/admin-sign-on.js';
import { registerOperatorRoutes } from './routes/operator.js';
import { registerDemoRoutes } from './routes/demo.js';
import { registerFavicon } from './routes/favicon.js';
import { installErrorHandler } from './routes/http-error.js';
import { registerPublicRoutes } from './routes/public.js';
import { registerSessionRoutes } from './routes/sessions.js';
import { registerStreamRoute } from './routes/stream.js';
import { FioHttpError } from './routes/http-error.js';
import { clientErrorHandler, frameworkErrors } from './routes/framework-errors.js';
import { registerCors } from './security/cors.js';
import { installInputGuard } from './security/input-guard.js';
import { busRateLimitStore } from './security/rate-limit-store.js';
import { registerCableRoute } from './sign-on/cable.js';
import { registerSignOnPages } from './sign-on/pages.js';
import { createSubscriptionAuthority, keptResult } from './sign-on/verifications.js';
import { registerSignOnRoutes } from './sign-on/routes.js';
import { INSECURE_FIXED_CHALLENGE_WARNING } from './sessions/pad/fixed-challenge.js';

/**
 * The processing node as a Fastify instance, with no side effects: no listening, no timers, no
 * process handlers (main.ts does those). Tests call `app.inject()` or listen on port 0.
 */
export async function buildApp(
  deps: NodeDeps,
  options: { logger?: boolean; /** Where log lines go instead of stdout (tests read them). */ logStream?: { write(line: string): void } } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.logger === false ? { logger: false } : loggerOptions(deps.config, options.logStream)),
    trustProxy: deps.config.trustProxy,
    // Small by default; the few routes that take more say so (finding 3: a limit that fits each route).
    bodyLimit: 16 * 1024,
    // Requests must not hang a node: the WebSocket has its own session timeouts.
    requestTimeout: 30_000,
    frameworkErrors,
    clientErrorHandler,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
  });
  installErrorHandler(app);
  if (deps.config.insecureFixedChallenge) app.log.warn({ steps: deps.config.insecureFixedChallenge }, INSECURE_FIXED_CHALLENGE_WARNING);
  installInputGuard(app);
  // Per-route limits (`config.rateLimit`) counted on the bus, checked in onRequest: before the body is read.
  await app.register(fastifyRateLimit, {
    global: false,
    store: busRateLimitStore(deps.bus),
    errorResponseBuilder: (_request, context) =>
      new FioHttpError(429, 'TOO_MANY_REQUESTS', `rate limit of ${context.max} per ${context.after} reached: retry later`, {
        'retry-after': String(Math.max(1, Math.ceil(context.ttl / 1000))),
      }),
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'openfaceio processing node',
        version: deps.version,
        description: 'Scan sessions, admin API and status. The scan stream is WS /v1/sessions/stream?token=… (see README).',
      },
      components: {
        securitySchemes: {
          basic: { type: 'http', scheme: 'basic', description: 'apiKey:secret of the application' },
          operator: { type: 'http', scheme: 'bearer', description: 'OPENFACEIO_OPERATOR_KEY; on app routes, name the app in x-openfaceio-app' },
          console: {
            type: 'apiKey',
            in: 'cookie',
            name: 'ofio_console',
            description: 'a console session (POST /console/api/session); state-changing calls add x-openfaceio-csrf',
          },
        },
      },
    },
  });
  // Frames are bounded by the session (clear PROCESSING_ERR); the socket limit only stops abuse.
  await app.register(fastifyWebsocket, { options: { maxPayload: deps.limits.maxFrameBytes * 4 } });
  await registerCors(app, deps);
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer');
  });
  registerPublicRoutes(app, deps);
  registerFavicon(app);
  registerAxiamWidget(app, deps);
  registerSessionRoutes(app, deps);
  registerStreamRoute(app, deps);
  registerAdminRoutes(app, deps);
  registerAdminAppRoutes(app, deps);
  registerAdminSignOnRoutes(app, deps);
  registerOperatorRoutes(app, deps);
  registerConsoleRoutes(app, deps);
  await registerSignOnRoutes(app, deps);
  registerSignOnPages(app);
  await registerDemoRoutes(app, deps);
  // The subscription secret is the gate (a token alone is refused); any page origin may connect.
  registerCableRoute(app, deps, { authority: createSubscriptionAuthority(deps), resultOf: (tokenHash) => keptResult(deps.bus, tokenHash) });
  app.get('/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
