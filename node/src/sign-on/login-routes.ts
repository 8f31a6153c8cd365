import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { NodeDeps } from '../deps.js';
import { sha256Hex } from '../security/secrets.js';
import type { App } from '../store/apps.js';
import { findAppById, originOf } from '../store/apps.js';
import { SIGN_ON_CODES, SIGN_ON_LIMITS, type SignOnPush } from './contract.js';
import { ok, SignOnError, signOnLimit } from './failures.js';
import { assertNotLocked } from './lockouts.js';
import type { SignOnUser } from './store.js';
import { devicesOf, findUserByEmail, findUserById, findUserByUid, removeDevice } from './store.js';
import { authenticateAppToken, issueStartToken, takeStartToken } from './tokens.js';
import { nodeUrlOf } from './verdicts.js';
import { createVerification, deleteVerification, expire, findVerification, isExpired } from './verifications.js';

const tags = ['sign-on'];
const C = SIGN_ON_CODES;

interface Started {
  verification_token: string;
  subscription_secret: string;
  device: boolean;
  verify_url: string;
  expires_at: string;
}

const IP = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f:]{2,39})$/i;

/**
 * push_notification comes from the site's backend, so its own address is every user's: like Axiam,
 * the backend forwards the browser's address in X-Forwarded-For, and the per-IP limit counts that
 * (per site: one site cannot use up another's). Without the header, the backend's address counts.
 */
function forwardedBrowserIp(request: FastifyRequest): string {
  const first =
    String(request.headers['x-forwarded-for'] ?? '')
      .split(',')[0]
      ?.trim() ?? '';
  return IP.test(first) ? first : request.ip;
}

/**
 * The common part of push_notification and widget/login: limits, lock, a new verification, and
 * the push to every registered phone. `requireDevice` (push_notification, Axiam) answers 1012 when
 * no phone got the push; the widget instead falls back to the QR code (`device: false`).
 */
async function startLogin(
  deps: NodeDeps,
  request: FastifyRequest,
  app: App,
  site: string,
  lookup: () => Promise<SignOnUser | null>,
  requireDevice: boolean,
): Promise<Started> {
  const ip = requireDevice ? forwardedBrowserIp(request) : request.ip;
  await signOnLimit(deps.bus, `push-ip:${app.id}:${ip}`, SIGN_ON_LIMITS.pushPerIp, C.PUSH_RATE_PER_IP, 'sign-on requests from this address');
  const user = await lookup();
  if (!user) throw new SignOnError(C.USER_NOT_FOUND, 'no sign-on user with this id in this site: create it with POST users');
  await signOnLimit(deps.bus, `push-user:${user.id}`, SIGN_ON_LIMITS.pushPerClient, C.PUSH_RATE_PER_CLIENT, 'sign-on requests for this user');
  const now = deps.clock.now();
  await assertNotLocked(deps.db, user.id, now);
  if (!user.facialId)
    throw new SignOnError(
      C.NO_DEVICE,
      'this user has no facial ID linked yet: register the phone (POST users → registration_url) or link an enrollment (POST users {facial_id})',
    );
  const devices = await devicesOf(deps.db, user.id);
  if (requireDevice && devices.length === 0)
    throw new SignOnError(C.NO_DEVICE, 'this user has no registered phone: open the registration_url of POST users on the phone');
  if (requireDevice && !deps.pushSender) throw new SignOnError(C.NO_DEVICE, 'this node has no Web Push configured', { http: 503 });
  const v = await createVerification(deps.db, { appId: app.id, userId: user.id, site }, now);
  // The token travels in the fragment: it never reaches a server log, a proxy or a Referer.
  const verifyUrl = `${nodeUrlOf(deps, request)}/sign-on/verify#t=${v.verificationToken}`;
  const payload: SignOnPush = { type: 'sign-on', url: verifyUrl, site, expiresAt: new Date(v.expiresAt).toISOString() };
  const sender = deps.pushSender;
  const sent = sender
    ? await Promise.all(
        devices.map((d) =>
          sender.send(d.subscription, payload).then(
            () => true,
            async (error: unknown) => {
              const status = (error as { statusCode?: number } | null)?.statusCode;
              // 404 / 410: the phone unsubscribed or the browser was reset; that subscription is dead.
              if (status === 404 || status === 410) await removeDevice(deps.db, d.id);
              else request.log.warn({ status, err: String(error) }, 'web push failed');
              return false;
            },
          ),
        ),
      )
    : [];
  const device = sent.some(Boolean);
  if (requireDevice && !device) {
    await deleteVerification(deps.db, v.tokenHash);
    throw new SignOnError(C.NO_DEVICE, 'no registered phone accepted the push (the push service refused it): register the phone again', {
      http: 502,
    });
  }
  return {
    verification_token: v.verificationToken,
    subscription_secret: v.subscriptionSecret,
    device,
    verify_url: verifyUrl,
    expires_at: payload.expiresAt,
  };
}

export function registerLoginRoutes(app: FastifyInstance, deps: NodeDeps): void {
  app.post<{ Body: { id: string } }>(
    '/login/push_notification',
    {
      schema: {
        tags,
        summary: "Push a sign-on request to the user's phone (Axiam)",
        body: { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 200 } } },
      },
    },
    async (request) => {
      const { app: application, site } = await authenticateAppToken(deps.db, deps.clock, request.headers.authorization);
      const started = await startLogin(deps, request, application, site, () => findUserByUid(deps.db, application.id, request.body.id), true);
      return ok({ verification_token: started.verification_token, subscription_secret: started.subscription_secret });
    },
  );

  app.post(
    '/login/start',
    {
      schema: { tags, summary: 'A 5-minute single-use start token for <faceio-sign-on> (never put the app token in a page)' },
      // It takes no body (finding 5: anything was answered 200); none, null or {} only.
      preValidation: async (request) => {
        const body = request.body as unknown;
        const empty = body === undefined || body === null || (typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0);
        if (!empty) throw new SignOnError(C.BAD_REQUEST, 'login/start takes no body: send none, or {}');
      },
    },
    async (request) => {
      const { app: application, site } = await authenticateAppToken(deps.db, deps.clock, request.headers.authorization);
      return ok({ start_token: await issueStartToken(deps.bus, { appId: application.id, site }), expires_in: SIGN_ON_LIMITS.startTokenTtlMs / 1000 });
    },
  );

  // CORS of /widget/login (preflight and answer): security/cors.ts.
  app.post<{ Body: { start_token: string; id?: string; email?: string } }>(
    '/widget/login',
    {
      schema: {
        tags,
        summary: "<faceio-sign-on>'s login: start token + uid or e-mail",
        body: {
          type: 'object',
          required: ['start_token'],
          properties: {
            start_token: { type: 'string', maxLength: 200 },
            id: { type: 'string', minLength: 1, maxLength: 200 },
            email: { type: 'string', minLength: 3, maxLength: 254 },
          },
        },
      },
    },
    async (request) => {
      const origin = originOf(request.headers.origin);
      const { id, email } = request.body;
      if (!id && !email) throw new SignOnError(C.BAD_REQUEST, 'give the user as `id` (uid) or `email`');
      const start = await takeStartToken(deps.bus, request.body.start_token);
      const application = await findAppById(deps.db, start.appId);
      if (!application || application.status !== 'active')
        throw new SignOnError(C.INVALID_START_TOKEN, 'the application behind this start token is not active');
      if (!origin || !application.origins.includes(origin) || new URL(origin).hostname !== start.site) {
        throw new SignOnError(C.DOMAIN_MISMATCH, `widget/login must come from a page of ${start.site} registered for this application`, {
          http: 403,
        });
      }
      const lookup = () => (id ? findUserByUid(deps.db, application.id, id) : findUserByEmail(deps.db, application.id, email!));
      return ok(await startLogin(deps, request, application, start.site, lookup, false));
    },
  );

  // The phone page's first call. The token is the capability; the route logs nothing below warn
  // (the token is in the path).
  app.get<{ Params: { token: string } }>(
    '/verification/:token',
    {
      logLevel: 'warn',
      schema: {
        tags,
        summary: 'What the phone page needs to run the 1:1 check',
        params: { type: 'object', properties: { token: { type: 'string', maxLength: 200 } } },
      },
    },
    async (request) => {
      const { token } = request.params;
      await signOnLimit(
        deps.bus,
        `verify-ip:${request.ip}`,
        SIGN_ON_LIMITS.verifyPerIp,
        C.VERIFY_RATE_PER_IP,
        'verification look-ups from this address',
      );
      await signOnLimit(
        deps.bus,
        `verify-token:${sha256Hex(token)}`,
        SIGN_ON_LIMITS.verifyPerToken,
        C.VERIFY_RATE_PER_TOKEN,
        'look-ups of this verification',
      );
      const v = await findVerification(deps.db, token);
      if (!v) throw new SignOnError(C.INVALID_VERIFICATION_TOKEN, 'verification token unknown or expired');
      const now = deps.clock.now();
      if (isExpired(v, now)) throw await expire(deps, v, token);
      if (v.status !== 'pending' || v.usedAt !== null) throw new SignOnError(C.VERIFICATION_TOKEN_USED, 'verification token already used');
      await assertNotLocked(deps.db, v.userId, now);
      const application = await findAppById(deps.db, v.appId);
      const user = await findUserById(deps.db, v.userId);
      return ok({
        public_id: application!.publicId,
        facial_id: user?.facialId ?? null,
        site: v.site,
        expires_at: new Date(v.expiresAt).toISOString(),
      });
    },
  );
}
