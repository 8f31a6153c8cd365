// The sign-on machine's pure helpers: its initial context, and the failure a thrown error or a
// channel result stands for (codes from the contract, src/protocol/sign-on.ts).
import { SIGN_ON_CODES, SIGN_ON_LIMITS, type SignOnResult } from '../../protocol/index.js';
import { SignOnFailure, type SignOnContext, type SignOnFailureInfo, type SignOnInput } from './sign-on.types.js';

export const initialContext = (input: SignOnInput): SignOnContext => ({
  node: input.node,
  lookup: input.lookup ?? 'email',
  verificationMs: input.verificationMs ?? SIGN_ON_LIMITS.verificationTtlMs,
  account: '',
  login: null,
  qr: '',
  error: null,
  verified: null,
});

/** A thrown error as a failure: ours as they are, anything else as a network failure. */
export function failureOf(error: unknown): SignOnFailureInfo {
  if (error instanceof SignOnFailure) return { code: error.code, message: error.message, retryable: error.retryable };
  return { code: SIGN_ON_CODES.NETWORK, message: String(error), retryable: true };
}

/** The channel's `failed` result: the face check on the phone did not pass (its fio.js code kept). */
export function failureOfResult(result: Extract<SignOnResult, { status: 'failed' }>): SignOnFailureInfo {
  return {
    code: SIGN_ON_CODES.FACE_CHECK_FAILED,
    message: result.message,
    retryable: result.lock !== 'permanent',
    faceCode: result.code,
    ...(result.lock ? { lock: result.lock } : {}),
  };
}

export const CHANNEL_REFUSED: SignOnFailureInfo = {
  code: SIGN_ON_CODES.SUBSCRIPTION_REFUSED,
  message: 'the node refused the channel subscription',
  retryable: true,
};

export const CHANNEL_CLOSED: SignOnFailureInfo = {
  code: SIGN_ON_CODES.NETWORK,
  message: 'the channel closed before a result',
  retryable: true,
};
