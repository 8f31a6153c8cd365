// What the admin API and the console show of an application's sign-on users: who they are, their
// phones (the push service's host and when they registered, never the subscription's keys) and
// whether face sign-in is locked for them.
import type { Queryable } from '../store/db.js';

export interface SignOnUserSummary {
  uid: string;
  email: string | null;
  facialId: string | null;
  createdAt: string;
  devices: number;
  lock: { failures: number; lockedUntil: string | null; permanent: boolean };
}

export interface SignOnDeviceSummary {
  id: string;
  /** The push service's host (fcm.googleapis.com, updates.push.services.mozilla.com, web.push.apple.com …). */
  pushService: string;
  createdAt: string;
}

interface UserRow {
  id: string;
  uid: string;
  email: string | null;
  facial_id: string | null;
  created_at: Date | string;
  devices: unknown;
  failures: number | null;
  locked_until: Date | string | null;
  permanent: boolean | null;
}

const iso = (d: Date | string) => new Date(d).toISOString();
const escapeLike = (q: string) => q.replace(/[\\%_]/g, (c) => `\\${c}`);

const toSummary = (r: UserRow): SignOnUserSummary => ({
  uid: r.uid,
  email: r.email,
  facialId: r.facial_id,
  createdAt: iso(r.created_at),
  devices: Number(r.devices ?? 0),
  lock: { failures: r.failures ?? 0, lockedUntil: r.locked_until === null ? null : iso(r.locked_until), permanent: r.permanent ?? false },
});

const SELECT = `SELECT u.id, u.uid, u.email, u.facial_id, u.created_at,
    (SELECT count(*) FROM sign_on_devices d WHERE d.user_id = u.id) AS devices,
    l.failures, l.locked_until, l.permanent
  FROM sign_on_users u LEFT JOIN sign_on_lockouts l ON l.user_id = u.id`;

/** Users by uid order (keyset paging on uid); `q` matches the uid or the e-mail (case-insensitive substring). */
export async function listSignOnUsers(
  db: Queryable,
  appId: string,
  options: { limit: number; after?: string; q?: string },
): Promise<SignOnUserSummary[]> {
  const params: unknown[] = [appId, options.limit];
  let where = 'u.app_id = $1';
  if (options.after !== undefined) {
    params.push(options.after);
    where += ` AND u.uid > $${params.length}`;
  }
  if (options.q) {
    params.push(`%${escapeLike(options.q)}%`);
    where += ` AND (u.uid ILIKE $${params.length} OR u.email ILIKE $${params.length})`;
  }
  const { rows } = await db.query<UserRow>(`${SELECT} WHERE ${where} ORDER BY u.uid LIMIT $2`, params);
  return rows.map(toSummary);
}

/** One user and its phones; null when the app has no such uid. */
export async function signOnUserDetail(
  db: Queryable,
  appId: string,
  uid: string,
): Promise<(SignOnUserSummary & { deviceList: SignOnDeviceSummary[] }) | null> {
  const { rows } = await db.query<UserRow>(`${SELECT} WHERE u.app_id = $1 AND u.uid = $2`, [appId, uid]);
  const user = rows[0];
  if (!user) return null;
  const devices = await db.query<{ id: string; endpoint: string; created_at: Date | string }>(
    'SELECT id, endpoint, created_at FROM sign_on_devices WHERE user_id = $1 ORDER BY created_at',
    [user.id],
  );
  return {
    ...toSummary(user),
    deviceList: devices.rows.map((d) => ({ id: d.id, pushService: hostOf(d.endpoint), createdAt: iso(d.created_at) })),
  };
}

/** Removes one of a user's phones; false when the app has no such user or device. */
export async function removeUserDevice(db: Queryable, appId: string, uid: string, deviceId: string): Promise<boolean> {
  const { rows } = await db.query(
    `DELETE FROM sign_on_devices d USING sign_on_users u
     WHERE d.id = $3 AND d.user_id = u.id AND u.app_id = $1 AND u.uid = $2 RETURNING d.id`,
    [appId, uid, deviceId],
  );
  return rows.length > 0;
}

const hostOf = (endpoint: string): string => {
  try {
    return new URL(endpoint).host;
  } catch {
    return '?';
  }
};
