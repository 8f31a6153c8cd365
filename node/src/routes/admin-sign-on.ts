// The admin API's view of cross-device sign-on users (the sign-on API itself is the site backend's,
// with its JWT): list and search them, see their phones, remove a phone, lift a lock, delete a user.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { NodeDeps } from '../deps.js';
import { listSignOnUsers, removeUserDevice, signOnUserDetail } from '../sign-on/admin-store.js';
import { clearLockout } from '../sign-on/lockouts.js';
import { deleteUser, findUserByUid } from '../sign-on/store.js';
import { adminGate } from './admin-auth.js';
import { FioHttpError } from './http-error.js';

const tags = ['admin'];
const uid = { type: 'string', minLength: 1, maxLength: 200 } as const;
const uidParams = { type: 'object', required: ['uid'], properties: { uid } } as const;

export function registerAdminSignOnRoutes(app: FastifyInstance, deps: NodeDeps): void {
  const gate = adminGate(deps);
  // Authentication in onRequest, before the body is read (as the other admin routes).
  const onRequest = gate.onRequest;
  const admin = async (request: FastifyRequest) => gate.appOf(request);
  const notFound = (u: string) => new FioHttpError(404, 'PROCESSING_ERR', `no sign-on user ${u} in this application`);

  app.get<{ Querystring: { limit?: number; after?: string; q?: string } }>(
    '/v1/admin/sign-on/users',
    {
      onRequest,
      schema: {
        tags,
        summary: 'Sign-on users, by uid (paged; q: part of the uid or e-mail), with their phone count and lock',
        querystring: {
          type: 'object',
          properties: { limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 }, after: uid, q: { type: 'string', maxLength: 200 } },
        },
      },
    },
    async (request) => {
      const a = await admin(request);
      const limit = request.query.limit ?? 100;
      const items = await listSignOnUsers(deps.db, a.id, { limit, after: request.query.after, q: request.query.q || undefined });
      return { items, next: items.length === limit ? items[items.length - 1]!.uid : null };
    },
  );

  app.get<{ Params: { uid: string } }>(
    '/v1/admin/sign-on/users/:uid',
    { onRequest, schema: { tags, summary: 'One sign-on user and its phones', params: uidParams } },
    async (request) => {
      const a = await admin(request);
      const user = await signOnUserDetail(deps.db, a.id, request.params.uid);
      if (!user) throw notFound(request.params.uid);
      return user;
    },
  );

  app.delete<{ Params: { uid: string } }>(
    '/v1/admin/sign-on/users/:uid',
    { onRequest, schema: { tags, summary: 'Delete a sign-on user and its phones (its facial ID stays)', params: uidParams } },
    async (request) => {
      const a = await admin(request);
      if (!(await deleteUser(deps.db, a.id, request.params.uid))) throw notFound(request.params.uid);
      return { uid: request.params.uid, deleted: true };
    },
  );

  app.delete<{ Params: { uid: string; deviceId: string } }>(
    '/v1/admin/sign-on/users/:uid/devices/:deviceId',
    {
      onRequest,
      schema: {
        tags,
        summary: "Remove one of a user's phones (it gets no more sign-in requests)",
        params: { type: 'object', required: ['uid', 'deviceId'], properties: { uid, deviceId: { type: 'string', format: 'uuid' } } },
      },
    },
    async (request) => {
      const a = await admin(request);
      if (!(await removeUserDevice(deps.db, a.id, request.params.uid, request.params.deviceId)))
        throw new FioHttpError(404, 'PROCESSING_ERR', `no phone ${request.params.deviceId} for sign-on user ${request.params.uid}`);
      return { uid: request.params.uid, deviceId: request.params.deviceId, removed: true };
    },
  );

  app.post<{ Params: { uid: string } }>(
    '/v1/admin/sign-on/users/:uid/unlock',
    { onRequest, schema: { tags, summary: "Lift a user's face sign-in lock", params: uidParams } },
    async (request) => {
      const a = await admin(request);
      const user = await findUserByUid(deps.db, a.id, request.params.uid);
      if (!user) throw notFound(request.params.uid);
      await clearLockout(deps.db, user.id);
      return { uid: user.uid, unlocked: true };
    },
  );
}
