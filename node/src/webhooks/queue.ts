import { randomUUID } from 'node:crypto';
import type { Clock } from '../bus/bus.js';
import type { AppSettings } from '../settings.js';
import type { Queryable } from '../store/db.js';
import type { BlockList } from 'node:net';
import { allowedNetworks, DestinationRefusedError, postToDestination } from './destination.js';
import { EVENT_HEADER, IDEMPOTENCY_KEY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, signWebhook } from './signature.js';

/**
 * The webhook outbox. Events are written to `webhook_deliveries` in the same transaction as the
 * change they report (an enrollment rolled back sends nothing), and dispatchers on any node send
 * them: at least once, signed, retried with exponential back-off, each delivery carrying one
 * idempotency key for its whole life so receivers can drop duplicates.
 *
 * PRIVACY: a webhook never carries biometric data — no frames, images, embeddings, templates,
 * landmarks or scores derived from a face. Only ids (facial ID, app, session), the event name,
 * timestamps, the payload the host itself set at enrollment, and error codes. The receiver is a
 * third-party system we do not control; the face stays in the node. `enqueueWebhook` rejects
 * binary values and the obvious biometric field names as a last line of defence against a caller
 * passing the wrong object.
 */

export type WebhookEvent = AppSettings['webhookEvents'][number];

/** Event data: ids, timestamps, the host's payload, error codes. Never biometric data (see above). */
export type WebhookData = Record<string, unknown>;

/** The JSON body POSTed to the receiver. `created` is unix seconds. */
export interface WebhookBody {
  id: string;
  event: WebhookEvent;
  created: number;
  data: WebhookData;
}

export interface EnqueueWebhookInput {
  appId: string;
  url: string;
  event: WebhookEvent;
  data: WebhookData;
  /** Milliseconds since the epoch (the caller's injected clock); default `Date.now()`. */
  now?: number;
}

export class WebhookPayloadError extends Error {
  readonly code = 'WEBHOOK_PAYLOAD';
}

const BIOMETRIC_KEYS = new Set([
  'embedding',
  'embeddings',
  'template',
  'templates',
  'descriptor',
  'descriptors',
  'vector',
  'image',
  'images',
  'frame',
  'frames',
  'landmarks',
  'face',
  'faces',
]);

function assertNoBiometrics(data: WebhookData): void {
  for (const key of Object.keys(data)) {
    if (BIOMETRIC_KEYS.has(key.toLowerCase())) throw new WebhookPayloadError(`webhook data must not carry biometric data (field "${key}")`);
  }
  const seen = new Set<unknown>();
  const walk = (value: unknown, path: string): void => {
    if (value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer)
      throw new WebhookPayloadError(`webhook data must not carry binary data (at ${path})`);
    for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`);
  };
  walk(data, 'data');
}

/** The app's webhook URL if it has one and subscribed to `event`, else null. */
export function webhookUrlFor(settings: Pick<AppSettings, 'webhookUrl' | 'webhookEvents'>, event: WebhookEvent): string | null {
  return settings.webhookUrl && settings.webhookEvents.includes(event) ? settings.webhookUrl : null;
}

/**
 * Adds a pending delivery. Takes a `Queryable` so that it runs inside the caller's transaction:
 * the webhook exists if and only if the enrollment (or deletion, …) it reports was committed.
 */
export async function enqueueWebhook(
  db: Queryable,
  { appId, url, event, data, now = Date.now() }: EnqueueWebhookInput,
): Promise<{ id: string; idempotencyKey: string }> {
  assertNoBiometrics(data);
  const id = randomUUID();
  const idempotencyKey = randomUUID();
  const body: WebhookBody = { id, event, created: Math.floor(now / 1000), data };
  const at = new Date(now);
  await db.query(
    `INSERT INTO webhook_deliveries (id, app_id, event, url, body, idempotency_key, next_attempt_at, created_at)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $7)`,
    [id, appId, event, url, JSON.stringify(body), idempotencyKey, at],
  );
  return { id, idempotencyKey };
}

/**
 * Default back-off after `attempt` failed attempts: 2^attempt seconds capped at one hour, with
 * "equal jitter" (uniform in [d/2, d]) so that many deliveries failing together (a receiver outage)
 * do not retry in lock-step. 2 s, 4 s, 8 s … 17 min, 34 min, then 1 h.
 */
export function exponentialBackoff(attempt: number, random: () => number = Math.random): number {
  const d = Math.min(2 ** attempt * 1000, 3_600_000);
  return d / 2 + random() * (d / 2);
}

export interface WebhookDispatcherOptions {
  db: Queryable;
  clock: Clock;
  /**
   * Non-public networks deliveries may reach (CIDRs; WEBHOOK_ALLOWED_NETWORKS): by default only
   * public addresses are (destination.ts), checked after DNS resolution on every attempt.
   */
  allowedNetworks?: readonly string[];
  /** Where delivery failures' details go (the app's delivery log gets generic reasons only); default: nowhere. */
  onDeliveryError?: (detail: { deliveryId: string; error: string }) => void;
  /** The app's signing secret; null (no secret, app gone) counts as a failed attempt. */
  secretFor: (appId: string) => Promise<string | null>;
  /** Per request, until the response headers arrive. Default 5000. */
  timeoutMs?: number;
  /** After this many failed attempts the delivery is marked failed. Default 8. */
  maxAttempts?: number;
  /** Milliseconds to wait after `attempt` failed attempts. Default {@link exponentialBackoff}. */
  backoff?: (attempt: number) => number;
  /** Deliveries claimed per `runOnce`. Default 20. */
  batchSize?: number;
  /**
   * How long a claim holds a delivery before another dispatcher may take it (if this node died
   * mid-send). Must exceed `timeoutMs`; default `timeoutMs + 60 s`.
   */
  leaseMs?: number;
  /** Errors of the `start()` loop itself (database down); default console.error. */
  onError?: (error: unknown) => void;
}

interface ClaimedRow {
  id: string;
  app_id: string;
  event: WebhookEvent;
  url: string;
  body: WebhookBody | string;
  idempotency_key: string;
  attempts: number;
}

type Outcome = { ok: true; status: number } | { ok: false; status: number | null; error: string };

/**
 * Sends due deliveries. Any number of dispatchers (one per node) can run on one database.
 *
 * Claiming: one statement, `UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED LIMIT n)`, that
 * increments `attempts` and pushes `next_attempt_at` forward by the lease. Row locks keep two
 * concurrent claims apart (SKIP LOCKED: the second one takes other rows instead of waiting), and
 * once committed the pushed-forward `next_attempt_at` keeps the row out of every other claim while
 * it is being sent — so no extra "claimed_until" column is needed: `next_attempt_at` is the lease.
 * If the node dies mid-send the lease lapses and another node retries (at-least-once; the
 * idempotency key lets the receiver drop the duplicate). PGlite accepts FOR UPDATE SKIP LOCKED
 * (it has a single connection, so claims are serialized there anyway).
 *
 * Completion updates match `attempts` as claimed, so a send that outlived its lease cannot
 * overwrite the result of a later attempt.
 */
export class WebhookDispatcher {
  readonly #db: Queryable;
  readonly #clock: Clock;
  readonly #allowed: BlockList | undefined;
  readonly #onDeliveryError: (detail: { deliveryId: string; error: string }) => void;
  readonly #secretFor: (appId: string) => Promise<string | null>;
  readonly #timeoutMs: number;
  readonly #maxAttempts: number;
  readonly #backoff: (attempt: number) => number;
  readonly #batchSize: number;
  readonly #leaseMs: number;
  readonly #onError: (error: unknown) => void;
  readonly #inFlight = new Set<Promise<unknown>>();
  #timer: NodeJS.Timeout | null = null;
  #running = false;

  constructor(options: WebhookDispatcherOptions) {
    this.#db = options.db;
    this.#clock = options.clock;
    this.#allowed = options.allowedNetworks?.length ? allowedNetworks(options.allowedNetworks) : undefined;
    this.#onDeliveryError = options.onDeliveryError ?? (() => undefined);
    this.#secretFor = options.secretFor;
    this.#timeoutMs = options.timeoutMs ?? 5000;
    this.#maxAttempts = options.maxAttempts ?? 8;
    this.#backoff = options.backoff ?? exponentialBackoff;
    this.#batchSize = options.batchSize ?? 20;
    this.#leaseMs = options.leaseMs ?? this.#timeoutMs + 60_000;
    this.#onError = options.onError ?? ((error) => console.error('[webhooks]', error));
    if (this.#leaseMs <= this.#timeoutMs) throw new RangeError('leaseMs must exceed timeoutMs');
  }

  /** Claims the due deliveries (up to the batch size), sends them in parallel; resolves to how many were attempted. */
  runOnce(): Promise<number> {
    const run = this.#runOnce();
    this.#inFlight.add(run);
    const forget = () => this.#inFlight.delete(run);
    run.then(forget, forget);
    return run;
  }

  /** Polls every `intervalMs` (at once again when a full batch was due). Idempotent. */
  start(intervalMs = 1000): void {
    if (this.#running) return;
    this.#running = true;
    const tick = async (): Promise<void> => {
      this.#timer = null;
      let claimed = 0;
      try {
        claimed = await this.runOnce();
      } catch (error) {
        this.#onError(error);
      }
      if (!this.#running) return;
      this.#timer = setTimeout(tick, claimed >= this.#batchSize ? 0 : intervalMs);
      // The dispatcher must not keep a CLI or a test process alive on its own.
      this.#timer.unref();
    };
    this.#timer = setTimeout(tick, 0);
    this.#timer.unref();
  }

  /** Stops polling and resolves once every send already started has finished and been recorded. */
  async stop(): Promise<void> {
    this.#running = false;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  async #runOnce(): Promise<number> {
    const now = this.#clock.now();
    const { rows } = await this.#db.query<ClaimedRow>(
      `UPDATE webhook_deliveries SET attempts = attempts + 1, next_attempt_at = $2
       WHERE id IN (
         SELECT id FROM webhook_deliveries
         WHERE status = 'pending' AND next_attempt_at <= $1
         ORDER BY next_attempt_at
         LIMIT $3
         FOR UPDATE SKIP LOCKED)
       RETURNING id, app_id, event, url, body, idempotency_key, attempts`,
      [new Date(now), new Date(now + this.#leaseMs), this.#batchSize],
    );
    if (rows.length === 0) return 0;
    const secrets = new Map<string, Promise<string | null>>();
    const secretFor = (appId: string) => {
      let s = secrets.get(appId);
      if (!s) secrets.set(appId, (s = this.#secretFor(appId)));
      return s;
    };
    await Promise.all(rows.map(async (row) => this.#record(row, await this.#send(row, secretFor))));
    return rows.length;
  }

  async #send(row: ClaimedRow, secretFor: (appId: string) => Promise<string | null>): Promise<Outcome> {
    let secret: string | null;
    try {
      secret = await secretFor(row.app_id);
    } catch (error) {
      return { ok: false, status: null, error: `NO_SECRET: ${message(error)}` };
    }
    if (!secret) return { ok: false, status: null, error: 'NO_SECRET: the app has no webhook secret' };

    const body = typeof row.body === 'string' ? row.body : JSON.stringify(row.body);
    const timestamp = Math.floor(this.#clock.now() / 1000);
    try {
      const status = await postToDestination(row.url, {
        headers: {
          'content-type': 'application/json',
          'user-agent': 'openfaceio-webhooks',
          [SIGNATURE_HEADER]: signWebhook(secret, body, timestamp),
          [TIMESTAMP_HEADER]: String(timestamp),
          [IDEMPOTENCY_KEY_HEADER]: row.idempotency_key,
          [EVENT_HEADER]: row.event,
        },
        body,
        timeoutMs: this.#timeoutMs,
        allowed: this.#allowed,
      });
      // A redirect is a misconfigured endpoint, not a delivery (and following it could send the
      // signed event somewhere the app owner never configured, or inside the network).
      if (status >= 200 && status < 300) return { ok: true, status };
      return { ok: false, status, error: `HTTP_STATUS: ${status}` };
    } catch (error) {
      if (error instanceof DestinationRefusedError || (error as { code?: unknown } | null)?.code === 'DESTINATION_REFUSED') {
        return {
          ok: false,
          status: null,
          error:
            'DESTINATION_REFUSED: the webhook URL is not a public http(s) address (loopback, private, link-local and metadata addresses are refused)',
        };
      }
      if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
        return { ok: false, status: null, error: `TIMEOUT: no response within ${this.#timeoutMs} ms` };
      }
      // Generic to the app (which connection error it was would map the receiver's ports); the detail goes to the operator's log.
      this.#onDeliveryError({ deliveryId: row.id, error: message(error) });
      return { ok: false, status: null, error: 'NETWORK_ERROR: no HTTP response from the webhook URL' };
    }
  }

  async #record(row: ClaimedRow, outcome: Outcome): Promise<void> {
    const now = this.#clock.now();
    if (outcome.ok) {
      await this.#db.query(
        `UPDATE webhook_deliveries SET status = 'delivered', delivered_at = $3, last_status = $4, last_error = NULL
         WHERE id = $1 AND attempts = $2 AND status = 'pending'`,
        [row.id, row.attempts, new Date(now), outcome.status],
      );
      return;
    }
    const failed = row.attempts >= this.#maxAttempts;
    const next = failed ? now : now + Math.max(0, this.#backoff(row.attempts));
    await this.#db.query(
      `UPDATE webhook_deliveries SET status = $3, next_attempt_at = $4, last_status = $5, last_error = $6
       WHERE id = $1 AND attempts = $2 AND status = 'pending'`,
      [row.id, row.attempts, failed ? 'failed' : 'pending', new Date(next), outcome.status, outcome.error.slice(0, 500)],
    );
  }
}

function message(error: unknown): string {
  if (error instanceof Error) {
    // undici's "fetch failed" hides the useful part (ECONNREFUSED, ENOTFOUND…) in `cause`.
    const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
    if (cause && typeof cause.code === 'string') return cause.code;
    if (cause && typeof cause.message === 'string') return cause.message;
    return error.message;
  }
  return String(error);
}
