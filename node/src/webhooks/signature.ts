import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures, the Stripe / Standard Webhooks way: the node sends
 *
 *   openfaceio-signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
 *   openfaceio-timestamp: <unix seconds>
 *   openfaceio-idempotency-key: <stable across retries of one delivery>
 *   openfaceio-event: enroll | authenticate | deletion | failure
 *
 * Signing the timestamp with the body lets a receiver reject replays of an old, captured request.
 * The secret is the app's `whsec_…` string, used as-is (UTF-8) as the HMAC key. Receivers must
 * verify against the raw request bytes, before any JSON parsing (re-serializing changes the bytes).
 *
 * This module depends on `node:crypto` only, so receivers can copy it (README "Webhooks").
 */

export const SIGNATURE_HEADER = 'openfaceio-signature';
export const TIMESTAMP_HEADER = 'openfaceio-timestamp';
export const IDEMPOTENCY_KEY_HEADER = 'openfaceio-idempotency-key';
export const EVENT_HEADER = 'openfaceio-event';

/** Default replay window: the same five minutes Stripe and Standard Webhooks use. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

type RawBody = string | Uint8Array;

/** Hex HMAC-SHA256 of `"<timestamp>.<body>"` under `secret`. */
export function computeSignature(secret: string, body: RawBody, timestamp: number): string {
  const hmac = createHmac('sha256', secret);
  hmac.update(`${timestamp}.`);
  hmac.update(body);
  return hmac.digest('hex');
}

/**
 * The `openfaceio-signature` header value for `body` sent at `timestamp` (unix seconds, an integer).
 */
export function signWebhook(secret: string, body: RawBody, timestamp: number): string {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new RangeError(`timestamp must be whole unix seconds, got ${timestamp}`);
  return `t=${timestamp},v1=${computeSignature(secret, body, timestamp)}`;
}

export interface VerifyOptions {
  /** How far (either way) the signed timestamp may be from `now`; default 300 s. */
  toleranceSeconds?: number;
  /** Milliseconds since the epoch (default `Date.now()`); injected in tests. */
  now?: number;
}

export type WebhookVerification =
  | { ok: true; /** The signed unix-seconds timestamp. */ timestamp: number }
  | { ok: false; reason: 'missing-header' | 'malformed-header' | 'stale-timestamp' | 'signature-mismatch' };

/**
 * Checks a received webhook: `header` is the `openfaceio-signature` value (Node's
 * `req.headers['openfaceio-signature']` may be passed as is), `rawBody` the exact bytes received.
 * Several `v1=` entries are accepted (any one matching is enough), so a sender may sign with an old
 * and a new secret while rotating. Comparisons are constant-time.
 *
 * ```ts
 * const v = verifyWebhook(process.env.OPENFACEIO_WEBHOOK_SECRET!, rawBody, req.headers['openfaceio-signature']);
 * if (!v.ok) return res.writeHead(400).end(v.reason);
 * ```
 */
export function verifyWebhook(
  secret: string,
  rawBody: RawBody,
  header: string | readonly string[] | null | undefined,
  { toleranceSeconds = DEFAULT_TOLERANCE_SECONDS, now = Date.now() }: VerifyOptions = {},
): WebhookVerification {
  const value = Array.isArray(header) ? header.join(',') : (header as string | null | undefined);
  if (!value) return { ok: false, reason: 'missing-header' };

  let timestamp: number | null = null;
  const signatures: Buffer[] = [];
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const val = part.slice(eq + 1).trim();
    if (key === 't') {
      if (timestamp !== null || !/^\d{1,15}$/.test(val)) return { ok: false, reason: 'malformed-header' };
      timestamp = Number(val);
    } else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(val)) {
      signatures.push(Buffer.from(val.toLowerCase(), 'hex'));
    }
    // Unknown schemes (a future v2) are ignored, as Stripe's libraries do.
  }
  if (timestamp === null || signatures.length === 0) return { ok: false, reason: 'malformed-header' };

  if (Math.abs(now / 1000 - timestamp) > toleranceSeconds) return { ok: false, reason: 'stale-timestamp' };

  const expected = Buffer.from(computeSignature(secret, rawBody, timestamp), 'hex');
  let match = false;
  // Check every candidate (no early exit) so timing says nothing about which one matched.
  for (const candidate of signatures) match = timingSafeEqual(candidate, expected) || match;
  return match ? { ok: true, timestamp } : { ok: false, reason: 'signature-mismatch' };
}
