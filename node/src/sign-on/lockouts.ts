import type { Queryable } from '../store/db.js';
import { SIGN_ON_CODES, SIGN_ON_LIMITS } from './contract.js';
import { SignOnError } from './failures.js';

// Axiam's lockouts, per site user (not per IP: the target is the account): 5 failed sign-ons →
// locked 15 minutes; 10 → locked until the site's admin unlocks (POST users/:uid/unlock). A
// verified sign-on clears the count. Kept in the store, not the bus: a lock must survive restarts.

export interface LockState {
  failures: number;
  lockedUntil: number | null;
  permanent: boolean;
}

/** 1016 / 1017 when the user is locked at `now`. */
export async function assertNotLocked(db: Queryable, userId: string, now: number): Promise<void> {
  const state = await lockState(db, userId);
  if (state.permanent) {
    throw new SignOnError(
      SIGN_ON_CODES.LOCKED_PERMANENTLY,
      `face sign-on is locked for this user after ${SIGN_ON_LIMITS.permanentLockAfter} failures: the site's admin must unlock it (POST users/:uid/unlock)`,
    );
  }
  if (state.lockedUntil !== null && state.lockedUntil > now) {
    const minutes = Math.ceil((state.lockedUntil - now) / 60_000);
    throw new SignOnError(
      SIGN_ON_CODES.LOCKED_TEMPORARILY,
      `face sign-on is locked for this user for ${minutes} more minute(s) after ${SIGN_ON_LIMITS.temporaryLockAfter} failures`,
      {
        headers: { 'retry-after': String(Math.ceil((state.lockedUntil - now) / 1000)) },
      },
    );
  }
}

export async function lockState(db: Queryable, userId: string): Promise<LockState> {
  const { rows } = await db.query<{ failures: number; locked_until: Date | null; permanent: boolean }>(
    'SELECT failures, locked_until, permanent FROM sign_on_lockouts WHERE user_id = $1',
    [userId],
  );
  const r = rows[0];
  return r
    ? { failures: r.failures, lockedUntil: r.locked_until ? new Date(r.locked_until).getTime() : null, permanent: r.permanent }
    : { failures: 0, lockedUntil: null, permanent: false };
}

/** Counts one failed sign-on (atomically: two nodes failing at once both count) and locks at the thresholds. */
export async function recordFailure(db: Queryable, userId: string, now: number): Promise<LockState> {
  const { rows } = await db.query<{ failures: number }>(
    `INSERT INTO sign_on_lockouts (user_id, failures) VALUES ($1, 1)
     ON CONFLICT (user_id) DO UPDATE SET failures = sign_on_lockouts.failures + 1 RETURNING failures`,
    [userId],
  );
  const failures = rows[0]!.failures;
  if (failures >= SIGN_ON_LIMITS.permanentLockAfter) {
    await db.query('UPDATE sign_on_lockouts SET permanent = true WHERE user_id = $1', [userId]);
  } else if (failures === SIGN_ON_LIMITS.temporaryLockAfter) {
    await db.query('UPDATE sign_on_lockouts SET locked_until = $2 WHERE user_id = $1', [
      userId,
      new Date(now + SIGN_ON_LIMITS.temporaryLockMs).toISOString(),
    ]);
  }
  return lockState(db, userId);
}

/** A verified sign-on, or an admin's unlock: the count starts over. */
export async function clearLockout(db: Queryable, userId: string): Promise<void> {
  await db.query('DELETE FROM sign_on_lockouts WHERE user_id = $1', [userId]);
}
