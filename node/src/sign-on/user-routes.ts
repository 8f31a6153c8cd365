import type { FastifyInstance } from 'fastify';
import type { NodeDeps } from '../deps.js';
import { findAppById } from '../store/apps.js';
import type { PushSubscriptionJson } from './contract.js';
import { SIGN_ON_CODES, SIGN_ON_LIMITS } from './contract.js';
import { ok, SignOnError, signOnLimit } from './failures.js';
import { clearLockout } from './lockouts.js';
import { addDevice, deleteUser, facialIdBelongs, findUserById, findUserByUid, linkFacialId, upsertUser } from './store.js';
import { authenticateAppToken, issueRegistrationToken, peekRegistration, REGISTRATION_TTL_MS, takeRegistration } from './tokens.js';
import { nodeUrlOf } from './verdicts.js';
import { canonicalFacialIds } from '../routes/facial-id-fields.js';
import { FACIAL_ID_PATTERN } from '../security/facial-id.js';

const tags = ['sign-on'];
const C = SIGN_ON_CODES;
const uid = { type: 'string', minLength: 1, maxLength: 200 } as const;
const uidParams = { type: 'object', required: ['uid'], properties: { uid } } as const;
const badFacialId = (field: string) => new SignOnError(C.BAD_REQUEST, `${field} must be a facial ID (a UUID)`);

/**
 * Where the node may send pushes: a push service over HTTPS. Plain http only on loopback (local
 * test push endpoints): the node POSTs to this URL, so it must not become a way into the network.
 */
function pushEndpointProblem(endpoint: string): string | null {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'subscription.endpoint is not a URL';
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) return null;
  return 'subscription.endpoint must be an https:// push service URL';
}

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === '23505';

/** Site users and their phones: created by the host backend, registered by the phone once. */
export function registerUserRoutes(app: FastifyInstance, deps: NodeDeps): void {
  app.post<{ Body: { uid: string; email?: string | null; facial_id?: string | null } }>(
    '/users',
    {
      schema: {
        tags,
        summary: 'Create or update a sign-on user; returns the phone registration link (10 minutes, single use)',
        body: {
          type: 'object',
          required: ['uid'],
          properties: {
            uid,
            email: { type: ['string', 'null'], minLength: 3, maxLength: 254, pattern: '^[^@\\s]+@[^@\\s]+$' },
            facial_id: { type: ['string', 'null'], pattern: FACIAL_ID_PATTERN },
          },
        },
      },
      preValidation: canonicalFacialIds({ body: ['facial_id'] }, badFacialId),
    },
    async (request) => {
      const { app: application, site } = await authenticateAppToken(deps.db, deps.clock, request.headers.authorization);
      const { uid: userUid, email, facial_id: facialId } = request.body;
      if (facialId && !(await facialIdBelongs(deps.db, application.id, facialId)))
        throw new SignOnError(C.BAD_REQUEST, `facial_id ${facialId} is not an enrollment of this application`, { http: 404 });
      const now = deps.clock.now();
      const user = await upsertUser(deps.db, application.id, userUid, { email, facialId }, now).catch((error: unknown) => {
        throw isUniqueViolation(error) ? new SignOnError(C.BAD_REQUEST, 'this email belongs to another user of this site', { http: 409 }) : error;
      });
      const registrationToken = await issueRegistrationToken(deps.bus, {
        appId: application.id,
        userId: user.id,
        uid: user.uid,
        site,
        expiresAt: now + REGISTRATION_TTL_MS,
      });
      return ok({
        uid: user.uid,
        email: user.email,
        facial_id: user.facialId,
        registration_url: `${nodeUrlOf(deps, request)}/sign-on/register#t=${registrationToken}`,
        registration_token: registrationToken,
        expires_in: REGISTRATION_TTL_MS / 1000,
      });
    },
  );

  app.delete<{ Params: { uid: string } }>(
    '/users/:uid',
    { schema: { tags, summary: 'Delete a sign-on user and its phones (its facial ID stays)', params: uidParams } },
    async (request) => {
      const { app: application } = await authenticateAppToken(deps.db, deps.clock, request.headers.authorization);
      if (!(await deleteUser(deps.db, application.id, request.params.uid)))
        throw new SignOnError(C.USER_NOT_FOUND, 'no sign-on user with this id in this site');
      return ok({ uid: request.params.uid, deleted: true });
    },
  );

  app.post<{ Params: { uid: string } }>(
    '/users/:uid/unlock',
    { schema: { tags, summary: "Lift a user's sign-on lock (admin)", params: uidParams } },
    async (request) => {
      const { app: application } = await authenticateAppToken(deps.db, deps.clock, request.headers.authorization);
      const user = await findUserByUid(deps.db, application.id, request.params.uid);
      if (!user) throw new SignOnError(C.USER_NOT_FOUND, 'no sign-on user with this id in this site');
      await clearLockout(deps.db, user.id);
      return ok({ uid: user.uid, unlocked: true });
    },
  );

  // The phone registration page's first call (token in the path: nothing logged below warn).
  app.get<{ Params: { token: string } }>(
    '/registration/:token',
    {
      logLevel: 'warn',
      schema: {
        tags,
        summary: 'What the phone registration page needs',
        params: { type: 'object', properties: { token: { type: 'string', maxLength: 200 } } },
      },
    },
    async (request) => {
      await signOnLimit(deps.bus, `verify-ip:${request.ip}`, SIGN_ON_LIMITS.verifyPerIp, C.VERIFY_RATE_PER_IP, 'look-ups from this address');
      const registration = await peekRegistration(deps.bus, request.params.token);
      const application = registration ? await findAppById(deps.db, registration.appId) : null;
      const user = registration ? await findUserById(deps.db, registration.userId) : null;
      if (!registration || !application || !user)
        throw new SignOnError(C.INVALID_VERIFICATION_TOKEN, 'registration token unknown, expired (10 minutes) or already used');
      return ok({
        public_id: application.publicId,
        site: registration.site,
        uid: user.uid,
        facial_id: user.facialId,
        enrolled_facial_id: registration.enrolledFacialId ?? null,
        expires_at: new Date(registration.expiresAt).toISOString(),
      });
    },
  );

  app.post<{ Body: { registration_token: string; subscription: PushSubscriptionJson; facial_id?: string } }>(
    '/devices',
    {
      schema: {
        tags,
        summary: "Register the phone's Web Push subscription (and the facial ID it just enrolled)",
        body: {
          type: 'object',
          required: ['registration_token', 'subscription'],
          properties: {
            registration_token: { type: 'string', maxLength: 200 },
            facial_id: { type: 'string', pattern: FACIAL_ID_PATTERN },
            subscription: {
              type: 'object',
              required: ['endpoint', 'keys'],
              properties: {
                endpoint: { type: 'string', minLength: 1, maxLength: 2048 },
                expirationTime: { type: ['number', 'null'] },
                keys: {
                  type: 'object',
                  required: ['p256dh', 'auth'],
                  properties: { p256dh: { type: 'string', minLength: 1, maxLength: 200 }, auth: { type: 'string', minLength: 1, maxLength: 100 } },
                },
              },
            },
          },
        },
      },
      preValidation: canonicalFacialIds({ body: ['facial_id'] }, badFacialId),
    },
    async (request) => {
      const { registration_token: token, subscription, facial_id: facialId } = request.body;
      const problem = pushEndpointProblem(subscription.endpoint);
      if (problem) throw new SignOnError(C.BAD_REQUEST, problem);
      const registration = await peekRegistration(deps.bus, token);
      const user = registration ? await findUserById(deps.db, registration.userId) : null;
      if (!registration || !user)
        throw new SignOnError(C.INVALID_VERIFICATION_TOKEN, 'registration token unknown, expired (10 minutes) or already used');
      // Only the enrollment this registration's own scan created (or the one already linked): a
      // registration link must not let the phone attach someone else's face to this user.
      if (facialId && facialId !== registration.enrolledFacialId && facialId !== user.facialId) {
        throw new SignOnError(C.BAD_REQUEST, 'facial_id must be the one enrolled with this registration token', { http: 403 });
      }
      if (!(await takeRegistration(deps.bus, token))) throw new SignOnError(C.INVALID_VERIFICATION_TOKEN, 'registration token already used');
      const now = deps.clock.now();
      const { endpoint, keys, expirationTime } = subscription;
      await addDevice(deps.db, user.id, { endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth }, expirationTime: expirationTime ?? null }, now);
      if (facialId && facialId !== user.facialId) await linkFacialId(deps.db, user.id, facialId);
      return ok({ uid: user.uid, site: registration.site, device_registered: true, facial_id: facialId ?? user.facialId });
    },
  );
}
