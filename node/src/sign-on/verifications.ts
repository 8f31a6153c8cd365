import type { Bus } from '../bus/bus.js';
import type { NodeDeps } from '../deps.js';
import type { Queryable } from '../store/db.js';
import { matchesHash, randomToken, sha256Hex } from '../security/secrets.js';
import type { SignOnResult, SubscriptionAuthority, SubscriptionCheck } from './contract.js';
import { SIGN_ON_CODES, SIGN_ON_LIMITS, signOnBusChannel } from './contract.js';
import { SignOnError, userMessageFor } from './failures.js';
import { forgetExpiredProofs } from './proofs.js';

// One login attempt. The verification token (the capability the phone gets) and the subscription
// secret (what only the desktop that started the login holds) are stored as SHA-256 hashes only.

export type VerificationStatus = 'pending' | 'verified' | 'failed' | 'expired';

export interface Verification {
  tokenHash: string;
  appId: string;
  userId: string;
  site: string;
  subscriptionSecretHash: string;
  status: VerificationStatus;
  failureCode: number | null;
  expiresAt: number;
  usedAt: number | null;
  subscriberClaimed: boolean;
}

interface VerificationRow {
  token_hash: string;
  app_id: string;
  user_id: string;
  site: string;
  subscription_secret_hash: string;
  status: VerificationStatus;
  failure_code: number | null;
  expires_at: Date;
  used_at: Date | null;
  subscriber_claimed: boolean;
}

const toVerification = (r: VerificationRow): Verification => ({
  tokenHash: r.token_hash,
  appId: r.app_id,
  userId: r.user_id,
  site: r.site,
  subscriptionSecretHash: r.subscription_secret_hash,
  status: r.status,
  failureCode: r.failure_code,
  expiresAt: new Date(r.expires_at).getTime(),
  usedAt: r.used_at ? new Date(r.used_at).getTime() : null,
  subscriberClaimed: r.subscriber_claimed,
});

const iso = (ms: number) => new Date(ms).toISOString();
const VERIFICATION_TOKEN = /^vt_[A-Za-z0-9_-]{20,100}$/;

/** Expired: marked so, or still unused past its 10 minutes (a scan admitted in time may finish after). */
export const isExpired = (v: Verification, now: number): boolean =>
  v.status === 'expired' || (v.status === 'pending' && v.usedAt === null && v.expiresAt <= now);

/** The failed result's text for the person on the desktop. */
export const PHONE_CHECK_FAILED = 'The face check on your phone did not succeed.';

export const isVerificationToken = (token: string): boolean => VERIFICATION_TOKEN.test(token);

export interface NewVerification {
  verificationToken: string;
  subscriptionSecret: string;
  tokenHash: string;
  expiresAt: number;
}

export async function createVerification(
  db: Queryable,
  fields: { appId: string; userId: string; site: string },
  now: number,
): Promise<NewVerification> {
  const verificationToken = `vt_${randomToken()}`;
  const subscriptionSecret = `ss_${randomToken()}`;
  const tokenHash = sha256Hex(verificationToken);
  const expiresAt = now + SIGN_ON_LIMITS.verificationTtlMs;
  await db.query(
    `INSERT INTO sign_on_verifications (token_hash, app_id, user_id, site, subscription_secret_hash, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [tokenHash, fields.appId, fields.userId, fields.site, sha256Hex(subscriptionSecret), iso(now), iso(expiresAt)],
  );
  return { verificationToken, subscriptionSecret, tokenHash, expiresAt };
}

/** The verification behind a token (by its hash), or null for anything that is not one. */
export async function findVerification(db: Queryable, token: string): Promise<Verification | null> {
  if (!isVerificationToken(token)) return null;
  return findVerificationByHash(db, sha256Hex(token));
}

export async function findVerificationByHash(db: Queryable, tokenHash: string): Promise<Verification | null> {
  const { rows } = await db.query<VerificationRow>('SELECT * FROM sign_on_verifications WHERE token_hash = $1', [tokenHash]);
  return rows[0] ? toVerification(rows[0]) : null;
}

/** A push that reached no phone: the attempt never existed. */
export async function deleteVerification(db: Queryable, tokenHash: string): Promise<void> {
  await db.query('DELETE FROM sign_on_verifications WHERE token_hash = $1', [tokenHash]);
}

/** Marks the token used by a scan session; false when another session got it first (single use). */
export async function markUsed(db: Queryable, tokenHash: string, now: number): Promise<boolean> {
  const { rows } = await db.query(
    "UPDATE sign_on_verifications SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND status = 'pending' RETURNING token_hash",
    [tokenHash, iso(now)],
  );
  return rows.length > 0;
}

/**
 * Moves a pending verification to its final status, exactly once across nodes (the UPDATE's
 * WHERE is the arbiter); the row when this call did it, null when it was already final.
 */
export async function finish(
  db: Queryable,
  tokenHash: string,
  status: Exclude<VerificationStatus, 'pending'>,
  now: number,
  failureCode: number | null = null,
): Promise<Verification | null> {
  const { rows } = await db.query<VerificationRow>(
    "UPDATE sign_on_verifications SET status = $2, completed_at = $3, failure_code = $4 WHERE token_hash = $1 AND status = 'pending' RETURNING *",
    [tokenHash, status, iso(now), failureCode],
  );
  return rows[0] ? toVerification(rows[0]) : null;
}

// The last result of a verification stays on the bus while it is useful (a desktop that
// subscribes late, or reconnects, still gets it): the proof's lifetime for a verified one.
const resultKey = (tokenHash: string) => `signon:last:${tokenHash}`;

/** The result kept on the bus for late subscribers (null when none or gone); the /cable server re-reads it once listening. */
export async function keptResult(bus: Bus, tokenHash: string): Promise<SignOnResult | null> {
  const kept = await bus.get(resultKey(tokenHash));
  return kept ? (JSON.parse(kept) as SignOnResult) : null;
}

/** Publishes a verification's result to every node's /cable subscribers and keeps it for late ones. */
export async function publishResult(bus: Bus, tokenHash: string, result: SignOnResult): Promise<void> {
  const message = JSON.stringify(result);
  await bus.set(resultKey(tokenHash), message, result.status === 'verified' ? SIGN_ON_LIMITS.proofTtlMs : SIGN_ON_LIMITS.verificationTtlMs);
  await bus.publish(signOnBusChannel(tokenHash), message);
}

// Compared against when the token is unknown, so an unknown token costs what a wrong secret does.
const NO_HASH = '0'.repeat(64);

/**
 * What the /cable server asks before confirming a subscription: the token must be a live (or just
 * finished) verification, the subscription secret must match its hash (constant time), and the
 * single subscriber slot must be free. A token alone is not enough (Axiam's channel leaked there).
 */
export function createSubscriptionAuthority(deps: Pick<NodeDeps, 'db' | 'bus' | 'clock'>): SubscriptionAuthority {
  return {
    async claim(verificationToken, subscriptionSecret): Promise<SubscriptionCheck> {
      const v = await findVerification(deps.db, verificationToken);
      const secretOk = matchesHash(typeof subscriptionSecret === 'string' ? subscriptionSecret : '', v?.subscriptionSecretHash ?? NO_HASH);
      if (!v) return { ok: false, code: SIGN_ON_CODES.INVALID_VERIFICATION_TOKEN, message: 'verification token unknown or expired' };
      if (!secretOk) return { ok: false, code: SIGN_ON_CODES.SUBSCRIPTION_REFUSED, message: 'wrong subscription_secret for this verification token' };
      if (isExpired(v, deps.clock.now())) {
        return { ok: false, code: SIGN_ON_CODES.INVALID_VERIFICATION_TOKEN, message: 'verification token expired (10 minutes)' };
      }
      const { rows } = await deps.db.query(
        'UPDATE sign_on_verifications SET subscriber_claimed = true WHERE token_hash = $1 AND NOT subscriber_claimed RETURNING token_hash',
        [v.tokenHash],
      );
      if (rows.length === 0) return { ok: false, code: SIGN_ON_CODES.SUBSCRIPTION_REFUSED, message: 'this verification already has a subscriber' };
      return { ok: true, tokenHash: v.tokenHash, result: await lastResult(deps.bus, v, verificationToken) };
    },
    async release(verificationToken) {
      if (!isVerificationToken(verificationToken)) return;
      await deps.db.query('UPDATE sign_on_verifications SET subscriber_claimed = false WHERE token_hash = $1', [sha256Hex(verificationToken)]);
    },
  };
}

/** The result a late subscriber gets: the kept one, else what the store still knows. */
async function lastResult(bus: Bus, v: Verification, verificationToken: string): Promise<SignOnResult | null> {
  const kept = await keptResult(bus, v.tokenHash);
  if (kept) return kept;
  if (v.status === 'pending') return null;
  if (v.status === 'failed') {
    return {
      status: 'failed',
      verification_token: verificationToken,
      code: v.failureCode ?? 0,
      message: 'the face check on the phone failed',
      user_message: PHONE_CHECK_FAILED,
    };
  }
  // Verified, but the proof has expired since: the desktop must start again.
  return { status: 'expired', verification_token: verificationToken };
}

/** 1004 for an expired verification found on a use path (marks it expired and tells the desktop). */
export async function expire(deps: Pick<NodeDeps, 'db' | 'bus' | 'clock'>, v: Verification, verificationToken: string): Promise<SignOnError> {
  if (await finish(deps.db, v.tokenHash, 'expired', deps.clock.now()))
    await publishResult(deps.bus, v.tokenHash, { status: 'expired', verification_token: verificationToken });
  return new SignOnError(SIGN_ON_CODES.INVALID_VERIFICATION_TOKEN, 'verification token expired (10 minutes): the desktop must start a new login', {
    userMessage: userMessageFor(SIGN_ON_CODES.INVALID_VERIFICATION_TOKEN),
  });
}

/**
 * The hourly cleanup: pending verifications past their expiry become `expired` (the desktop's
 * element times out on its own `expires_at`); rows an hour past
 * expiry are deleted (tokens are dead by then; the hour lets a slow desktop still read the
 * outcome); used proof IDs past expiry are forgotten.
 */
export async function sweepSignOn(deps: Pick<NodeDeps, 'db' | 'clock'>): Promise<{ expired: number; deleted: number; proofs: number }> {
  const now = deps.clock.now();
  // A used token's scan may still be running at expiry (admitted in time): give it 10 more minutes.
  const expired = await deps.db.query(
    "UPDATE sign_on_verifications SET status = 'expired', completed_at = $1 WHERE status = 'pending' AND ((used_at IS NULL AND expires_at <= $1) OR expires_at <= $2) RETURNING token_hash",
    [iso(now), iso(now - SIGN_ON_LIMITS.verificationTtlMs)],
  );
  const deleted = await deps.db.query('DELETE FROM sign_on_verifications WHERE expires_at < $1 RETURNING token_hash', [iso(now - 3_600_000)]);
  return { expired: expired.rows.length, deleted: deleted.rows.length, proofs: await forgetExpiredProofs(deps.db, now) };
}
