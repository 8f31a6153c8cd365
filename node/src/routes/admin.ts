import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { NodeDeps } from '../deps.js';
import type { AppSettings } from '../settings.js';
import { parseSetting, SettingsError } from '../settings.js';
import { updateSettings } from '../store/apps.js';
import { appStatistics, deleteFacialId, getFacialId, listFacialIds, recordEvent, setPayload, setPin } from '../store/facial-ids.js';
import { hashPin, pinProblem } from '../security/pins.js';
import { pinDigest } from '../security/secrets.js';
import { decodeImage, ImageInputError } from '../vision/index.js';
import { primaryFace, similarity } from 'openfaceio/vision';
import { listDeliveries, redeliver } from '../webhooks/deliveries.js';
import { FACIAL_ID_PATTERN } from '../security/facial-id.js';
import { adminGate } from './admin-auth.js';
import { canonicalFacialIds } from './facial-id-fields.js';
import { FioHttpError } from './http-error.js';
import { MAX_PAYLOAD_BYTES } from './sessions.js';

const uuid = { type: 'string', format: 'uuid' } as const;
const facialIdSchema = { type: 'string', pattern: FACIAL_ID_PATTERN, description: 'a UUID (any case, braces or no hyphens accepted)' } as const;
const idParams = { type: 'object', required: ['facialId'], properties: { facialId: facialIdSchema } } as const;
const badFacialId = (field: string) => new FioHttpError(400, 'INVALID_FACIAL_ID', `${field} must be a facial ID (a UUID)`);
/** Every route with a facial ID in its path sees it canonical (finding 1: an upper-case ID left the index entry behind). */
const facialIdParam = canonicalFacialIds({ params: ['facialId'] }, badFacialId);
/** base64 of an 8 MB image; the routes' body limits follow from it (finding 3: every route a limit that fits it). */
const IMAGE_BASE64_MAX = 11_000_000;
const image = { type: 'string', minLength: 1, maxLength: IMAGE_BASE64_MAX, description: 'base64 JPEG / PNG / WebP' } as const;

async function decodeBase64Image(value: string, label: string) {
  try {
    return await decodeImage(Buffer.from(value, 'base64'), label);
  } catch (error) {
    if (error instanceof ImageInputError) throw new FioHttpError(400, 'PROCESSING_ERR', error.message);
    throw error;
  }
}

/** REST admin API for one app (authenticated by its API key + secret); see README "Admin API". */
export function registerAdminRoutes(app: FastifyInstance, deps: NodeDeps): void {
  const gate = adminGate(deps);
  const admin = async (request: FastifyRequest) => gate.appOf(request);
  const onRequest = gate.onRequest;
  const tags = ['admin'];
  const notFound = (id: string) => new FioHttpError(404, 'PROCESSING_ERR', `no facial ID ${id} in this application`);

  app.get<{ Querystring: { limit?: number; after?: string; q?: string } }>(
    '/v1/admin/facial-ids',
    {
      onRequest,
      schema: {
        tags,
        summary: 'List facial IDs (paged, oldest first; q: a facial ID prefix or text in the payload)',
        querystring: {
          type: 'object',
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
            after: facialIdSchema,
            q: { type: 'string', maxLength: 200 },
          },
        },
      },
      preValidation: canonicalFacialIds({ querystring: ['after'] }, badFacialId),
    },
    async (request) => {
      const a = await admin(request);
      const items = await listFacialIds(deps.db, a.id, request.query.limit ?? 100, request.query.after, request.query.q || undefined);
      return { items, next: items.length === (request.query.limit ?? 100) ? items[items.length - 1]!.facialId : null };
    },
  );

  app.get<{ Params: { facialId: string } }>(
    '/v1/admin/facial-ids/:facialId',
    { onRequest, schema: { tags, summary: 'One facial ID', params: idParams }, preValidation: facialIdParam },
    async (request) => {
      const a = await admin(request);
      const record = await getFacialId(deps.db, a.id, request.params.facialId);
      if (!record) throw notFound(request.params.facialId);
      return record;
    },
  );

  app.delete<{ Params: { facialId: string } }>(
    '/v1/admin/facial-ids/:facialId',
    { onRequest, schema: { tags, summary: 'Delete a facial ID and its templates', params: idParams }, preValidation: facialIdParam },
    async (request) => {
      const a = await admin(request);
      const deleted = await deps.db.transaction(async (tx) => {
        const facialId = await deleteFacialId(tx, a.id, request.params.facialId);
        if (!facialId) return null;
        await recordEvent(tx, a.id, 'deletion', 'success');
        await deps.webhooks(tx, a.id, 'deletion', { facialId });
        return facialId;
      });
      if (!deleted) throw notFound(request.params.facialId);
      // The stored spelling, as the index holds it (belt and braces: the parameter is canonical already).
      await deps.index.remove(a.id, deleted);
      return { deleted };
    },
  );

  app.put<{ Params: { facialId: string }; Body: { payload: unknown } }>(
    '/v1/admin/facial-ids/:facialId/payload',
    {
      onRequest,
      bodyLimit: MAX_PAYLOAD_BYTES + 8 * 1024,
      schema: {
        tags,
        summary: 'Replace the payload',
        params: idParams,
        body: { type: 'object', required: ['payload'], properties: { payload: {} } },
      },
      preValidation: facialIdParam,
    },
    async (request) => {
      const a = await admin(request);
      if (Buffer.byteLength(JSON.stringify(request.body.payload)) > MAX_PAYLOAD_BYTES)
        throw new FioHttpError(413, 'PAYLOAD_REFUSED', 'payload is over 16 KB once serialized');
      if (!(await setPayload(deps.db, a.id, request.params.facialId, request.body.payload))) throw notFound(request.params.facialId);
      return { facialId: request.params.facialId, payload: request.body.payload };
    },
  );

  app.put<{ Params: { facialId: string }; Body: { pin: string } }>(
    '/v1/admin/facial-ids/:facialId/pin',
    {
      onRequest,
      bodyLimit: 1024,
      schema: {
        tags,
        summary: 'Reset the PIN',
        params: idParams,
        body: { type: 'object', required: ['pin'], properties: { pin: { type: 'string', maxLength: 16 } } },
      },
      preValidation: facialIdParam,
    },
    async (request) => {
      const a = await admin(request);
      const problem = pinProblem(request.body.pin, { minLength: a.settings.pinLength, maxLength: 16, rejectWeak: a.settings.rejectWeakPin });
      if (problem) throw new FioHttpError(400, 'PROCESSING_ERR', `PIN refused: ${problem}`);
      const ok = await setPin(deps.db, a.id, request.params.facialId, await hashPin(request.body.pin), pinDigest(a.pinPepper, request.body.pin));
      if (!ok) throw notFound(request.params.facialId);
      await deps.bus.delete(`pin-failures:${a.id}:${request.params.facialId}`);
      return { facialId: request.params.facialId, pinReset: true };
    },
  );

  app.post<{ Body: { imageA: string; imageB: string } }>(
    '/v1/admin/verify',
    {
      onRequest,
      bodyLimit: 2 * IMAGE_BASE64_MAX + 4096,
      schema: {
        tags,
        summary: '1:1 face verification of two images',
        body: { type: 'object', required: ['imageA', 'imageB'], properties: { imageA: image, imageB: image } },
      },
    },
    async (request) => {
      const a = await admin(request);
      const faces = [];
      for (const [label, value] of [
        ['imageA', request.body.imageA],
        ['imageB', request.body.imageB],
      ] as const) {
        const face = primaryFace(await deps.engine.analyze(await decodeBase64Image(value, label), { embedding: true }));
        if (!face?.embedding) return { similarity: null, match: false, reason: `no face found in ${label}` };
        faces.push(face.embedding);
      }
      const score = similarity(faces[0]!, faces[1]!);
      return { similarity: Math.round(score * 1e4) / 1e4, match: score >= a.settings.matchThreshold, threshold: a.settings.matchThreshold };
    },
  );

  app.post<{ Body: { image: string } }>(
    '/v1/admin/age',
    {
      onRequest,
      bodyLimit: IMAGE_BASE64_MAX + 4096,
      schema: { tags, summary: 'Age and gender of the main face of one image', body: { type: 'object', required: ['image'], properties: { image } } },
    },
    async (request) => {
      await admin(request);
      const analysis = await deps.engine.analyze(await decodeBase64Image(request.body.image, 'image'), { ageGender: true });
      const face = primaryFace(analysis);
      if (!face) return { faces: 0, age: null, gender: null };
      return { faces: analysis.faces.length, age: Math.round(face.age ?? 0), gender: face.gender };
    },
  );

  app.get(
    '/v1/admin/statistics',
    { onRequest, schema: { tags, summary: 'Counts of facial IDs, templates and session outcomes' } },
    async (request) => {
      const a = await admin(request);
      return { publicId: a.publicId, ...(await appStatistics(deps.db, a.id)) };
    },
  );

  app.get<{ Querystring: { limit?: number; before?: string } }>(
    '/v1/admin/webhooks/deliveries',
    {
      onRequest,
      schema: {
        tags,
        summary: 'Webhook delivery log, newest first',
        querystring: { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 }, before: uuid } },
      },
    },
    async (request) => {
      const a = await admin(request);
      return { items: await listDeliveries(deps.db, a.id, { limit: request.query.limit ?? 50, before: request.query.before }) };
    },
  );

  app.post<{ Params: { deliveryId: string } }>(
    '/v1/admin/webhooks/deliveries/:deliveryId/redeliver',
    {
      onRequest,
      schema: {
        tags,
        summary: 'Send a delivery again (same body and idempotency key)',
        params: { type: 'object', required: ['deliveryId'], properties: { deliveryId: uuid } },
      },
    },
    async (request) => {
      const a = await admin(request);
      const delivery = await redeliver(deps.db, a.id, request.params.deliveryId, deps.clock.now());
      if (!delivery) throw new FioHttpError(404, 'PROCESSING_ERR', `no webhook delivery ${request.params.deliveryId} in this application`);
      return delivery;
    },
  );

  app.get('/v1/admin/settings', { onRequest, schema: { tags, summary: 'Security settings and allowed origins' } }, async (request) => {
    const a = await admin(request);
    return { publicId: a.publicId, name: a.name, status: a.status, origins: a.origins, settings: a.settings };
  });

  app.patch<{ Body: Record<string, unknown> }>(
    '/v1/admin/settings',
    { onRequest, schema: { tags, summary: 'Change security settings', body: { type: 'object' } } },
    async (request) => {
      const a = await admin(request);
      const changes: Partial<AppSettings> = {};
      try {
        for (const [key, value] of Object.entries(request.body)) Object.assign(changes, { [key]: parseSetting(key as keyof AppSettings, value) });
      } catch (error) {
        if (error instanceof SettingsError) throw new FioHttpError(400, 'PROCESSING_ERR', error.message);
        throw error;
      }
      return { settings: (await updateSettings(deps.db, a.id, changes)).settings };
    },
  );
}
