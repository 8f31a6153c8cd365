import type { Queryable } from './db.js';

export interface FacialIdRecord {
  facialId: string;
  payload: unknown;
  gender: string | null;
  age: number | null;
  hasPin: boolean;
  createdAt: string;
  lastSeenAt: string;
  templates: number;
}

interface FacialIdRow {
  id: string;
  payload: unknown;
  gender: string | null;
  age: number | null;
  pin_hash: string | null;
  created_at: Date;
  last_seen_at: Date;
  templates: number | string;
}

const toRecord = (r: FacialIdRow): FacialIdRecord => ({
  facialId: r.id,
  payload: r.payload ?? null,
  gender: r.gender,
  age: r.age === null ? null : Math.round(r.age),
  hasPin: r.pin_hash !== null,
  createdAt: new Date(r.created_at).toISOString(),
  lastSeenAt: new Date(r.last_seen_at).toISOString(),
  templates: Number(r.templates),
});

/** Float32 vectors are stored as their little-endian bytes (2 KB per 512-d template). */
export const vectorToBytes = (v: Float32Array): Buffer => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
export const bytesToVector = (b: Uint8Array): Float32Array => new Float32Array(new Uint8Array(b).buffer);

export interface NewEnrollment {
  appId: string;
  facialId: string;
  payload: unknown;
  pinHash: string | null;
  pinDigest: string | null;
  gender: string;
  age: number;
  templates: Float32Array[];
}

/** One enrollment: the facial ID and all its templates. Call inside a transaction. */
export async function insertEnrollment(tx: Queryable, e: NewEnrollment): Promise<void> {
  await tx.query('INSERT INTO facial_ids (id, app_id, payload, pin_hash, pin_digest, gender, age) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
    e.facialId,
    e.appId,
    JSON.stringify(e.payload ?? null),
    e.pinHash,
    e.pinDigest,
    e.gender,
    e.age,
  ]);
  for (const t of e.templates) {
    await tx.query('INSERT INTO templates (facial_id, app_id, vector) VALUES ($1, $2, $3)', [e.facialId, e.appId, vectorToBytes(t)]);
  }
}

export async function pinDigestTaken(db: Queryable, appId: string, digest: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM facial_ids WHERE app_id = $1 AND pin_digest = $2 LIMIT 1', [appId, digest]);
  return rows.length > 0;
}

const SELECT = `SELECT f.id, f.payload, f.gender, f.age, f.pin_hash, f.created_at, f.last_seen_at,
  (SELECT count(*) FROM templates t WHERE t.facial_id = f.id) AS templates FROM facial_ids f`;

export async function getFacialId(db: Queryable, appId: string, facialId: string): Promise<FacialIdRecord | null> {
  const { rows } = await db.query<FacialIdRow>(`${SELECT} WHERE f.app_id = $1 AND f.id = $2`, [appId, facialId]);
  return rows[0] ? toRecord(rows[0]) : null;
}

/**
 * Keyset-paged list, oldest first; `after` is the last facialId of the previous page; `q` keeps the
 * facial IDs that start with it or whose payload's JSON text contains it (case-insensitive).
 */
export async function listFacialIds(db: Queryable, appId: string, limit: number, after?: string, q?: string): Promise<FacialIdRecord[]> {
  const params: unknown[] = [appId, limit];
  let where = 'f.app_id = $1';
  if (after) {
    params.push(after);
    where += ' AND (f.created_at, f.id) > (SELECT created_at, id FROM facial_ids WHERE id = $3 AND app_id = $1)';
  }
  if (q) {
    const like = q.replace(/[\\%_]/g, (c) => `\\${c}`);
    params.push(`${like.toLowerCase()}%`, `%${like}%`);
    where += ` AND (f.id::text LIKE $${params.length - 1} OR f.payload::text ILIKE $${params.length})`;
  }
  const { rows } = await db.query<FacialIdRow>(`${SELECT} WHERE ${where} ORDER BY f.created_at, f.id LIMIT $2`, params);
  return rows.map(toRecord);
}

export async function pinHashOf(db: Queryable, appId: string, facialId: string): Promise<string | null> {
  const { rows } = await db.query<{ pin_hash: string | null }>('SELECT pin_hash FROM facial_ids WHERE app_id = $1 AND id = $2', [appId, facialId]);
  return rows[0]?.pin_hash ?? null;
}

export async function payloadOf(db: Queryable, appId: string, facialId: string): Promise<unknown> {
  const { rows } = await db.query<{ payload: unknown }>('SELECT payload FROM facial_ids WHERE app_id = $1 AND id = $2', [appId, facialId]);
  return rows[0]?.payload ?? null;
}

/**
 * Deletes a facial ID and (by cascade) its templates. Resolves to the ID as stored (PostgreSQL's
 * canonical spelling, whatever the caller's), for the index and the webhook; null when none.
 */
export async function deleteFacialId(db: Queryable, appId: string, facialId: string): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>('DELETE FROM facial_ids WHERE app_id = $1 AND id = $2 RETURNING id', [appId, facialId]);
  return rows[0]?.id ?? null;
}

export async function setPayload(db: Queryable, appId: string, facialId: string, payload: unknown): Promise<boolean> {
  const { rows } = await db.query('UPDATE facial_ids SET payload = $3 WHERE app_id = $1 AND id = $2 RETURNING id', [
    appId,
    facialId,
    JSON.stringify(payload ?? null),
  ]);
  return rows.length > 0;
}

export async function setPin(db: Queryable, appId: string, facialId: string, pinHash: string, digest: string): Promise<boolean> {
  const { rows } = await db.query('UPDATE facial_ids SET pin_hash = $3, pin_digest = $4 WHERE app_id = $1 AND id = $2 RETURNING id', [
    appId,
    facialId,
    pinHash,
    digest,
  ]);
  return rows.length > 0;
}

export async function touchFacialId(db: Queryable, appId: string, facialId: string): Promise<void> {
  await db.query('UPDATE facial_ids SET last_seen_at = now() WHERE app_id = $1 AND id = $2', [appId, facialId]);
}

/** Every template of an app, for loading its in-memory index at start. */
export async function* templatesOf(db: Queryable, appId: string): AsyncGenerator<{ facialId: string; vector: Float32Array }> {
  const pageSize = 5000;
  let lastId = 0;
  for (;;) {
    const { rows } = await db.query<{ id: string | number; facial_id: string; vector: Uint8Array }>(
      'SELECT id, facial_id, vector FROM templates WHERE app_id = $1 AND id > $2 ORDER BY id LIMIT $3',
      [appId, lastId, pageSize],
    );
    for (const r of rows) yield { facialId: r.facial_id, vector: bytesToVector(r.vector) };
    if (rows.length < pageSize) return;
    lastId = Number(rows[rows.length - 1]!.id);
  }
}

/** Facial IDs idle for longer than `days` (retention); returns the deleted IDs. */
export async function deleteIdle(db: Queryable, appId: string, days: number): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `DELETE FROM facial_ids WHERE app_id = $1 AND last_seen_at < now() - ($2 || ' days')::interval RETURNING id`,
    [appId, String(days)],
  );
  return rows.map((r) => r.id);
}

/** One statistics row: a session verdict (with its fio.js code when it failed, and how long it took) or another event. */
export async function recordEvent(
  db: Queryable,
  appId: string,
  kind: string,
  outcome: string,
  code: number | null = null,
  durationMs: number | null = null,
): Promise<void> {
  await db.query('INSERT INTO events (app_id, kind, outcome, code, duration_ms) VALUES ($1, $2, $3, $4, $5)', [
    appId,
    kind,
    outcome,
    code,
    durationMs === null ? null : Math.round(durationMs),
  ]);
}

export async function appStatistics(
  db: Queryable,
  appId: string,
): Promise<{ facialIds: number; templates: number; events: { kind: string; outcome: string; count: number }[] }> {
  const ids = await db.query<{ n: string | number }>('SELECT count(*) AS n FROM facial_ids WHERE app_id = $1', [appId]);
  const tpl = await db.query<{ n: string | number }>('SELECT count(*) AS n FROM templates WHERE app_id = $1', [appId]);
  const ev = await db.query<{ kind: string; outcome: string; n: string | number }>(
    'SELECT kind, outcome, count(*) AS n FROM events WHERE app_id = $1 GROUP BY kind, outcome ORDER BY kind, outcome',
    [appId],
  );
  return {
    facialIds: Number(ids.rows[0]!.n),
    templates: Number(tpl.rows[0]!.n),
    events: ev.rows.map((r) => ({ kind: r.kind, outcome: r.outcome, count: Number(r.n) })),
  };
}
