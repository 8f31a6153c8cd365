// Operator routes (OPENFACEIO_OPERATOR_KEY as `Authorization: Bearer …`, or an operator console
// session): every application on the node, and creating one — the CLI's `app create` over HTTP.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { NodeDeps } from '../deps.js';
import { requireOperator } from '../console/principal.js';
import { createApp, listApps } from '../store/apps.js';
import { facialIdCounts } from '../store/statistics.js';
import { validOrigins } from './admin-app.js';

const tags = ['operator'];

export function registerOperatorRoutes(app: FastifyInstance, deps: NodeDeps): void {
  // The operator is checked in onRequest, before the body is read (as the admin routes).
  const onRequest = async (request: FastifyRequest) => requireOperator(deps, request);
  app.get('/v1/admin/apps', { onRequest, schema: { tags, summary: 'Every application on this node (operator)' } }, async () => {
    const facialIds = await facialIdCounts(deps.db);
    return {
      items: (await listApps(deps.db)).map((a) => ({
        publicId: a.publicId,
        name: a.name,
        status: a.status,
        origins: a.origins,
        facialIds: facialIds.get(a.id) ?? 0,
      })),
    };
  });

  app.post<{ Body: { name: string; origins?: string[] } }>(
    '/v1/admin/apps',
    {
      onRequest,
      schema: {
        tags,
        summary: 'Create an application (operator); its keys and webhook secret are shown once',
        body: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 100 },
            origins: { type: 'array', maxItems: 50, items: { type: 'string', maxLength: 300 } },
          },
        },
      },
    },
    async (request, reply) => {
      const created = await createApp(deps.db, request.body.name.trim(), validOrigins(request.body.origins ?? []));
      return reply.status(201).send({
        publicId: created.app.publicId,
        name: created.app.name,
        origins: created.app.origins,
        apiKey: created.apiKey,
        secret: created.secret,
        webhookSecret: created.webhookSecret,
      });
    },
  );
}
