import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { NodeDeps } from '../deps.js';
import type { CreateSessionRequest, CreateSessionResponse } from 'openfaceio/protocol';
import { MAX_PAYLOAD_BYTES } from 'openfaceio/protocol';
import type { App } from '../store/apps.js';
import { findAppByPublicId, originOf } from '../store/apps.js';
import { clientSettings, minFramesFor } from '../sessions/client-settings.js';
import { negotiateLocale } from '../locale.js';
import { issueTicket } from '../sessions/tickets.js';
import { SignOnError } from '../sign-on/failures.js';
import { admitSignOnSession, nodeUrlOf, sessionRefusal } from '../sign-on/verdicts.js';
import { FACIAL_ID_PATTERN } from '../security/facial-id.js';
import { canonicalFacialIds } from './facial-id-fields.js';
import { FioHttpError } from './http-error.js';
import { enforceLimit } from './rate-limit.js';

/** Session tokens must be used on the stream within this time. */
export const TICKET_TTL_MS = 60_000;
export { MAX_PAYLOAD_BYTES } from 'openfaceio/protocol';

const createSessionSchema = {
  body: {
    type: 'object',
    required: ['publicId', 'op'],
    additionalProperties: false,
    properties: {
      publicId: { type: 'string', minLength: 1, maxLength: 64 },
      op: { type: 'string', enum: ['enroll', 'authenticate', 'liveness', 'age'] },
      payload: {},
      facialId: { type: 'string', pattern: FACIAL_ID_PATTERN },
      locale: { type: 'string', maxLength: 35 },
      signOnToken: { type: 'string', minLength: 1, maxLength: 200 },
    },
  },
} as const;

/**
 * The checks every session start goes through, in this order (after the per-address limit, which
 * the route checks in onRequest): the app exists and is active, the origin is allowed (or absent
 * and allowed to be), the country is allowed, the app's rate limit.
 * `nodeOrigin`: the node's own pages (sign-on) are allowed too; their token is checked next.
 */
export async function admitSession(
  deps: NodeDeps,
  request: FastifyRequest,
  publicId: string,
  nodeOrigin?: string,
): Promise<{ app: App; origin: string | null }> {
  const app = await findAppByPublicId(deps.db, publicId);
  if (!app) throw new FioHttpError(401, 'UNAUTHORIZED', `no application with public ID "${publicId}" on this node`);
  if (app.status !== 'active') throw new FioHttpError(403, 'UNAUTHORIZED', `application ${publicId} is ${app.status}`);
  const origin = originOf(request.headers.origin);
  if (!origin && app.settings.rejectEmptyOrigin)
    throw new FioHttpError(403, 'EMPTY_ORIGIN', 'requests without an Origin header are refused by this application');
  if (origin && origin !== nodeOrigin && app.origins.length > 0 && !app.origins.includes(origin))
    throw new FioHttpError(403, 'FORBIDDDEN_ORIGIN', `origin ${origin} is not allowed for this application`);
  const countries = app.settings.countryAllowList;
  if (countries.length > 0) {
    const header = deps.config.countryHeader;
    const country = header ? String(request.headers[header] ?? '').toUpperCase() : '';
    if (!countries.includes(country))
      throw new FioHttpError(403, 'FORBIDDDEN_COUNTRY', `requests from ${country || 'an unknown country'} are not allowed for this application`);
  }
  await enforceLimit(deps.bus, `app:${app.id}`, deps.config.sessionsPerAppPerMinute);
  return { app, origin };
}

/**
 * Admission control (vision/pool/admission.ts): when this session's frames could not be analysed
 * before the verdict deadline, say so now — 503 TOO_MANY_REQUESTS with Retry-After (the node is
 * busy, the caller did nothing wrong) — rather than let every session time out slowly.
 */
function refuseWhenBusy(deps: NodeDeps, op: CreateSessionRequest['op']): void {
  const retryAfter = deps.frames.admit(minFramesFor(op, deps.limits));
  if (retryAfter === null) return;
  throw new FioHttpError(503, 'TOO_MANY_REQUESTS', `this processing node is busy: retry in ${retryAfter} s`, { 'retry-after': String(retryAfter) });
}

export function registerSessionRoutes(app: FastifyInstance, deps: NodeDeps): void {
  app.post<{ Body: CreateSessionRequest }>(
    '/v1/sessions',
    {
      // Per address, before the body is read (finding 3); the app's own limit needs the body (admitSession).
      config: { rateLimit: { max: deps.config.sessionsPerIpPerMinute, timeWindow: 60_000 } },
      bodyLimit: MAX_PAYLOAD_BYTES + 8 * 1024,
      schema: { ...createSessionSchema, tags: ['sessions'], summary: 'Start a scan session (one-time token)' },
      preValidation: canonicalFacialIds(
        { body: ['facialId'] },
        () => new FioHttpError(400, 'INVALID_FACIAL_ID', 'facialId must be a facial ID (a UUID)'),
      ),
    },
    async (request, reply) => {
      const body = request.body;
      const issuer = body.signOnToken ? nodeUrlOf(deps, request) : undefined;
      const { app: application, origin } = await admitSession(deps, request, body.publicId, issuer && new URL(issuer).origin);
      // A sign-on token decides the operation and the 1:1 target itself (verdicts.ts).
      const signOn = body.signOnToken
        ? await admitSignOnSession(deps, application, body.signOnToken, issuer!).catch((error: unknown) => {
            throw error instanceof SignOnError ? sessionRefusal(error) : error;
          })
        : undefined;
      const op = signOn?.op ?? body.op;
      if (body.payload !== undefined && Buffer.byteLength(JSON.stringify(body.payload)) > MAX_PAYLOAD_BYTES) {
        throw new FioHttpError(413, 'PAYLOAD_REFUSED', `payload is over ${MAX_PAYLOAD_BYTES / 1024} KB once serialized`);
      }
      if (body.payload !== undefined && op !== 'enroll') throw new FioHttpError(400, 'INVALID_REQUEST', 'payload is only accepted when enrolling');
      refuseWhenBusy(deps, op);
      const locale = negotiateLocale(body.locale, request.headers['accept-language']);
      const now = deps.clock.now();
      const expiresAt = now + TICKET_TTL_MS;
      const token = await issueTicket(
        deps.bus,
        {
          appId: application.id,
          op,
          origin,
          payload: body.payload,
          facialId: signOn ? signOn.facialId : body.facialId,
          locale,
          ip: request.ip,
          expiresAt,
          signOn: signOn?.signOn,
        },
        now,
      );
      const response: CreateSessionResponse = {
        sessionToken: token,
        expiresAt: new Date(expiresAt).toISOString(),
        streamPath: '/v1/sessions/stream',
        settings: clientSettings(application.settings, op, deps.limits),
        locale,
      };
      return reply.status(201).send(response);
    },
  );
  // CORS (preflight and answer): security/cors.ts.
}
