import type { FastifyRequest } from 'fastify';
import type { NodeDeps } from '../deps.js';
import { FioHttpError } from '../routes/http-error.js';
import type { FioErrorName, ServerMessage } from 'openfaceio/protocol';
import { sha256Hex } from '../security/secrets.js';
import type { Logger } from '../sessions/ports.js';
import type { SessionTicket, SignOnTicket } from '../sessions/tickets.js';
import type { App } from '../store/apps.js';
import { SIGN_ON_CODES, SIGN_ON_LIMITS } from './contract.js';
import { SignOnError } from './failures.js';
import { assertNotLocked, clearLockout, recordFailure } from './lockouts.js';
import { signProof } from './proofs.js';
import { findUserById } from './store.js';
import { isRegistrationToken, peekRegistration, recordRegistrationEnrollment } from './tokens.js';
import { expire, findVerification, findVerificationByHash, finish, isExpired, markUsed, PHONE_CHECK_FAILED, publishResult } from './verifications.js';
import { FIO_ERROR_CODES } from 'openfaceio/protocol';

// The verdict hook: a scan session started with `signOnToken` (the phone page, served by the node)
// is admitted against the verification — forced to a 1:1 authenticate with the user's facial ID —
// and its verdict completes the verification exactly once. A registration token instead admits an
// enroll session whose new facial ID POST devices may then link.

type Deps = Pick<NodeDeps, 'db' | 'bus' | 'clock' | 'publicUrl'>;

/** The node as phones reach it: the configured public URL, else the request's scheme and host (X-Forwarded-* when trustProxy). */
export const nodeUrlOf = (deps: Pick<NodeDeps, 'publicUrl'>, request: FastifyRequest): string =>
  (deps.publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');

export interface SignOnAdmission {
  op: 'authenticate' | 'enroll';
  facialId?: string;
  signOn: SignOnTicket;
}

/** Counts one failure per token at most: a replayed link must not become a way to lock someone out. */
async function countOnce(deps: Deps, userId: string, tokenHash: string): Promise<void> {
  if (await deps.bus.putOnce(`signon:failed-use:${tokenHash}`, '1', SIGN_ON_LIMITS.verificationTtlMs * 2))
    await recordFailure(deps.db, userId, deps.clock.now());
}

/** Admits a scan session for `token` in `app`, or throws the SignOnError that refuses it. */
export async function admitSignOnSession(deps: Deps, app: App, token: string, issuer: string): Promise<SignOnAdmission> {
  if (isRegistrationToken(token)) {
    const registration = await peekRegistration(deps.bus, token);
    if (!registration || registration.appId !== app.id)
      throw new SignOnError(SIGN_ON_CODES.INVALID_VERIFICATION_TOKEN, 'registration token unknown, expired (10 minutes) or already used');
    return { op: 'enroll', signOn: { kind: 'register', tokenHash: sha256Hex(token) } };
  }
  const now = deps.clock.now();
  const v = await findVerification(deps.db, token);
  if (!v || v.appId !== app.id) throw new SignOnError(SIGN_ON_CODES.INVALID_VERIFICATION_TOKEN, 'verification token unknown for this application');
  await assertNotLocked(deps.db, v.userId, now);
  if (isExpired(v, now)) {
    await countOnce(deps, v.userId, v.tokenHash);
    throw await expire(deps, v, token);
  }
  if (v.status !== 'pending' || v.usedAt !== null || !(await markUsed(deps.db, v.tokenHash, now))) {
    await countOnce(deps, v.userId, v.tokenHash);
    throw new SignOnError(SIGN_ON_CODES.VERIFICATION_TOKEN_USED, 'verification token already used: a token starts one face check');
  }
  const user = await findUserById(deps.db, v.userId);
  if (!user?.facialId) throw new SignOnError(SIGN_ON_CODES.NO_DEVICE, 'this user has no facial ID linked: register the phone first');
  return { op: 'authenticate', facialId: user.facialId, signOn: { kind: 'verify', token, tokenHash: v.tokenHash, issuer } };
}

/** A SignOnError as POST /v1/sessions answers it: the fio.js error the widget knows, plus `signOnCode`. */
export function sessionRefusal(error: SignOnError): FioHttpError {
  const C = SIGN_ON_CODES;
  const locked: number[] = [C.LOCKED_TEMPORARILY, C.LOCKED_PERMANENTLY, C.NO_DEVICE];
  const name: FioErrorName = locked.includes(error.code) ? 'UNAUTHORIZED' : 'SESSION_EXPIRED';
  const refusal = new FioHttpError(error.httpCode, name, error.message, error.headers);
  refusal.wire.signOnCode = error.code;
  return refusal;
}

export interface SessionObserver {
  /** Sees every message to the phone; returns what the phone gets instead (no payload in sign-on mode). */
  relay(message: ServerMessage): ServerMessage;
  /** The socket closed (after a verdict, or before one: then the attempt failed). */
  closed(): void;
}

/** Watches a sign-on session's messages to complete its verification (or registration) once. */
export function observeSignOnSession(deps: Deps, ticket: SessionTicket & { signOn: SignOnTicket }, app: App, log: Logger): SessionObserver {
  const signOn = ticket.signOn;
  let done = false;
  const run = (work: Promise<void>) =>
    void work.catch((error: unknown) => log.error({ err: String(error), app: app.publicId }, 'sign-on completion failed'));
  if (signOn.kind === 'register') {
    return {
      relay(message) {
        if (message.type === 'verdict' && message.ok && 'timestamp' in message.result)
          run(recordRegistrationEnrollment(deps.bus, signOn.tokenHash, message.result.facialId, deps.clock.now()));
        return message;
      },
      closed: () => undefined,
    };
  }
  return {
    relay(message) {
      if (message.type !== 'verdict' || done) return message;
      done = true;
      if (!message.ok) {
        run(completeFailed(deps, signOn, message.error.code, `the face check on the phone failed: ${message.error.name} (${message.error.message})`));
        return message;
      }
      const facialId = 'facialId' in message.result ? message.result.facialId : '';
      run(completeVerified(deps, signOn, app, facialId));
      // The phone page is the node's, not the host's: the host's payload stays with the host.
      return 'payload' in message.result ? { ...message, result: { ...message.result, payload: null } } : message;
    },
    closed() {
      if (done) return;
      done = true;
      run(completeFailed(deps, signOn, 23, 'the phone left before the face check ended (ABORTED_BY_USER)'));
    },
  };
}

type VerifyTicket = Extract<SignOnTicket, { kind: 'verify' }>;

async function completeVerified(deps: Deps, signOn: VerifyTicket, app: App, facialId: string): Promise<void> {
  const now = deps.clock.now();
  const v = await findVerificationByHash(deps.db, signOn.tokenHash);
  const user = v ? await findUserById(deps.db, v.userId) : null;
  // 1:1 already forces this; checked again so that no path can sign a proof for another face.
  if (!v || !user || user.facialId !== facialId)
    return completeFailed(deps, signOn, 6, 'the verified face is not the one linked to this user (FACE_MISMATCH)');
  const { proof, verifiedAt } = await signProof(deps.db, { issuer: signOn.issuer, site: v.site, uid: user.uid, appPublicId: app.publicId }, now);
  if (!(await finish(deps.db, signOn.tokenHash, 'verified', now))) return;
  await clearLockout(deps.db, user.id);
  await publishResult(deps.bus, signOn.tokenHash, {
    status: 'verified',
    verification_token: signOn.token,
    uid: user.uid,
    proof,
    verified_at: verifiedAt,
  });
}

/**
 * Verdicts that say "not this person" count toward the lockout (Axiam counts face mismatches);
 * a phone that left mid-scan, saw no face or timed out does not — otherwise anyone holding a start
 * token could lock any account by opening and abandoning verifications, without a face.
 */
const IDENTITY_FAILURES: ReadonlySet<number> = new Set([
  FIO_ERROR_CODES.UNRECOGNIZED_FACE,
  FIO_ERROR_CODES.PAD_ATTACK,
  FIO_ERROR_CODES.FACE_MISMATCH,
  FIO_ERROR_CODES.WRONG_PIN_CODE,
]);

async function completeFailed(deps: Deps, signOn: VerifyTicket, code: number, message: string): Promise<void> {
  const now = deps.clock.now();
  const v = await finish(deps.db, signOn.tokenHash, 'failed', now, code);
  if (!v) return;
  const lock = IDENTITY_FAILURES.has(code) ? await recordFailure(deps.db, v.userId, now) : { permanent: false, lockedUntil: null };
  let userMessage = PHONE_CHECK_FAILED;
  if (lock.permanent) userMessage += ' Face sign-in is now locked for this account: contact the site’s support.';
  else if (lock.lockedUntil !== null && lock.lockedUntil > now) userMessage += ' Too many failures: try again in 15 minutes.';
  const locked = lock.permanent ? 'permanent' : lock.lockedUntil !== null && lock.lockedUntil > now ? 'temporary' : undefined;
  await publishResult(deps.bus, signOn.tokenHash, {
    status: 'failed',
    verification_token: signOn.token,
    code,
    message,
    user_message: userMessage,
    ...(locked ? { lock: locked } : {}),
  });
}
