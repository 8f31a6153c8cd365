// Admin API additions of issue 14 (the console uses them; so can the CLI's users and any backend):
// the application's name, origins and status, key rotation and per-day statistics.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { NodeDeps } from '../deps.js';
import { principalOf } from '../console/principal.js';
import { rotateApiKeys, rotateWebhookSecret } from '../store/app-keys.js';
import type { AppStatus } from '../store/apps.js';
import { normalizeOrigin, updateApp } from '../store/apps.js';
import { dailyStatistics } from '../store/statistics.js';
import { adminGate } from './admin-auth.js';
import { FioHttpError } from './http-error.js';

const tags = ['admin'];
const MAX_ORIGINS = 50;

/** The origins as given, each checked (http(s), no path) and normalised; a 400 names the bad one. */
export function validOrigins(origins: string[]): string[] {
  if (origins.length > MAX_ORIGINS) throw new FioHttpError(400, 'INVALID_REQUEST', `at most ${MAX_ORIGINS} origins`);
  return [
    ...new Set(
      origins.map((origin) => {
        try {
          const normalised = normalizeOrigin(origin);
          if (new URL(origin).pathname.replace(/\/$/, '') !== '') throw new Error('path');
          return normalised;
        } catch {
          throw new FioHttpError(400, 'INVALID_REQUEST', `origin "${origin}" must be scheme://host[:port], http or https, without a path`);
        }
      }),
    ),
  ];
}

export function registerAdminAppRoutes(app: FastifyInstance, deps: NodeDeps): void {
  const gate = adminGate(deps);
  // Authentication in onRequest, before the body is read (as the other admin routes).
  const onRequest = gate.onRequest;
  const admin = async (request: FastifyRequest) => gate.appOf(request);

  app.patch<{ Body: { name?: string; origins?: string[]; status?: AppStatus } }>(
    '/v1/admin/app',
    {
      onRequest,
      schema: {
        tags,
        summary: "Change the application's name, allowed origins or status (blocked: operator only)",
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 100 },
            origins: { type: 'array', items: { type: 'string', maxLength: 300 } },
            status: { type: 'string', enum: ['active', 'paused', 'blocked'] },
          },
        },
      },
    },
    async (request) => {
      const a = await admin(request);
      const { name, origins, status } = request.body;
      if (status === 'blocked' || (a.status === 'blocked' && status !== undefined)) {
        if ((await principalOf(deps, request))?.kind !== 'operator')
          throw new FioHttpError(403, 'UNAUTHORIZED', 'only the operator blocks or unblocks an application');
      }
      const updated = await updateApp(deps.db, a.id, {
        ...(name !== undefined ? { name: name.trim() } : {}),
        ...(origins !== undefined ? { origins: validOrigins(origins) } : {}),
        ...(status !== undefined ? { status } : {}),
      });
      return { publicId: updated.publicId, name: updated.name, status: updated.status, origins: updated.origins, settings: updated.settings };
    },
  );

  app.post(
    '/v1/admin/keys/rotate',
    { onRequest, schema: { tags, summary: 'New API key and secret (shown once); the old pair stops working at once' } },
    async (request) => {
      const a = await admin(request);
      return { publicId: a.publicId, ...(await rotateApiKeys(deps.db, a.id)) };
    },
  );

  app.post(
    '/v1/admin/webhooks/secret/rotate',
    { onRequest, schema: { tags, summary: 'New webhook signing secret (shown once)' } },
    async (request) => {
      const a = await admin(request);
      return { publicId: a.publicId, webhookSecret: await rotateWebhookSecret(deps.db, a.id) };
    },
  );

  app.get<{ Querystring: { days?: number } }>(
    '/v1/admin/statistics/daily',
    {
      onRequest,
      schema: {
        tags,
        summary: 'Per UTC day: enrollments, authentications, failures (and by fio.js code), PAD refusals, p50/p95 verdict time',
        querystring: { type: 'object', properties: { days: { type: 'integer', minimum: 1, maximum: 366, default: 30 } } },
      },
    },
    async (request) => {
      const a = await admin(request);
      return { publicId: a.publicId, ...(await dailyStatistics(deps.db, a.id, request.query.days ?? 30, deps.clock.now())) };
    },
  );
}
