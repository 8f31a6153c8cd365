import type { Queryable } from '../store/db.js';
import type { WebhookBody, WebhookEvent } from './queue.js';

/** The delivery log an app owner sees (admin API / CLI). Contains no secret and no biometric data. */
export interface WebhookDelivery {
  id: string;
  event: WebhookEvent;
  url: string;
  body: WebhookBody;
  idempotencyKey: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  /** ISO 8601; for a pending delivery, when it is next tried. */
  nextAttemptAt: string;
  /** HTTP status of the last attempt, null when it got no response (timeout, network error). */
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

interface DeliveryRow {
  id: string;
  event: WebhookEvent;
  url: string;
  body: WebhookBody | string;
  idempotency_key: string;
  status: WebhookDelivery['status'];
  attempts: number;
  next_attempt_at: Date | string;
  last_status: number | null;
  last_error: string | null;
  created_at: Date | string;
  delivered_at: Date | string | null;
}

const COLUMNS = 'id, event, url, body, idempotency_key, status, attempts, next_attempt_at, last_status, last_error, created_at, delivered_at';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const iso = (d: Date | string): string => new Date(d).toISOString();

const toDelivery = (r: DeliveryRow): WebhookDelivery => ({
  id: r.id,
  event: r.event,
  url: r.url,
  body: typeof r.body === 'string' ? (JSON.parse(r.body) as WebhookBody) : r.body,
  idempotencyKey: r.idempotency_key,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: iso(r.next_attempt_at),
  lastStatus: r.last_status,
  lastError: r.last_error,
  createdAt: iso(r.created_at),
  deliveredAt: r.delivered_at === null ? null : iso(r.delivered_at),
});

export interface ListDeliveriesOptions {
  /** 1–200, default 50. */
  limit?: number;
  /** Cursor: the id of the last delivery of the previous page; returns older ones. */
  before?: string;
}

/** The app's deliveries, newest first (ties broken by id, so `before` paging never skips or repeats). */
export async function listDeliveries(db: Queryable, appId: string, { limit = 50, before }: ListDeliveriesOptions = {}): Promise<WebhookDelivery[]> {
  const n = Math.min(Math.max(Math.trunc(limit) || 1, 1), 200);
  if (before !== undefined && !UUID.test(before)) return [];
  const { rows } =
    before === undefined
      ? await db.query<DeliveryRow>(`SELECT ${COLUMNS} FROM webhook_deliveries WHERE app_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`, [
          appId,
          n,
        ])
      : await db.query<DeliveryRow>(
          `SELECT ${COLUMNS} FROM webhook_deliveries
           WHERE app_id = $1
             AND (created_at, id) < (SELECT created_at, id FROM webhook_deliveries WHERE id = $3 AND app_id = $1)
           ORDER BY created_at DESC, id DESC LIMIT $2`,
          [appId, n, before],
        );
  return rows.map(toDelivery);
}

/**
 * Sends a delivery again, now: back to pending, same body and same idempotency key (it is the same
 * event, so a receiver that already handled it may ignore it). `attempts` is not reset — it is the
 * fencing token that stops a stale send from recording over a newer one — so a delivery whose retry
 * budget is spent gets exactly one more try, and one still within budget keeps its remaining retries.
 * Resolves to null when the app has no such delivery. Redelivering a delivery that is being sent at
 * this very moment may reach the receiver twice; the idempotency key covers that.
 */
export async function redeliver(db: Queryable, appId: string, deliveryId: string, now: number = Date.now()): Promise<WebhookDelivery | null> {
  if (!UUID.test(deliveryId)) return null;
  const { rows } = await db.query<DeliveryRow>(
    `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = $3, delivered_at = NULL
     WHERE id = $1 AND app_id = $2 RETURNING ${COLUMNS}`,
    [deliveryId, appId, new Date(now)],
  );
  return rows[0] ? toDelivery(rows[0]) : null;
}
