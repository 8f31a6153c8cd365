// Types of the sign-on machine (<faceio-sign-on>): its states, input, context, events and the
// contract of its two actors — `startLogin` (the widget login call, and the QR code when the user
// has no phone) and `channel` (the /cable subscription) — which tests and stories replace.
import type { SignOnCode, SignOnResult, WidgetLogin } from '../../protocol/index.js';

/** `idle` (the account form) → `looking-up` → `notification-sent` | `waiting` (QR code) → `verified` | `failed` | `expired`. */
export type SignOnState = 'idle' | 'looking-up' | 'notification-sent' | 'waiting' | 'verified' | 'failed' | 'expired';

export const SIGN_ON_STATES: readonly SignOnState[] = ['idle', 'looking-up', 'notification-sent', 'waiting', 'verified', 'failed', 'expired'];

export type SignOnLookup = 'email' | 'uid';

export interface SignOnInput {
  /** The processing node's URL. */
  node: string;
  lookup?: SignOnLookup;
  /** ms the desktop waits for the phone (default: the node's 10-minute verification life). */
  verificationMs?: number;
}

/** Why the attempt ended without a verified result. */
export interface SignOnFailureInfo {
  /** A SIGN_ON_CODES code: the node's refusal, or the widget's own (1041 network, 1042 set-up, 1043 face check). */
  code: SignOnCode;
  /** For the developer (English). */
  message: string;
  retryable: boolean;
  /** FACE_CHECK_FAILED: the phone's fio.js code. */
  faceCode?: number;
  /** FACE_CHECK_FAILED: this failure locked face sign-in for the account. */
  lock?: 'temporary' | 'permanent';
}

export interface SignOnVerified {
  uid: string;
  proof: string;
  verifiedAt: string;
}

export interface SignOnContext {
  node: string;
  lookup: SignOnLookup;
  verificationMs: number;
  /** What the user typed (their e-mail or uid). */
  account: string;
  login: WidgetLogin | null;
  /** The QR code (SVG markup) for `login.verify_url` when no phone was notified. */
  qr: string;
  error: SignOnFailureInfo | null;
  verified: SignOnVerified | null;
}

/** What `startLogin` resolves to. */
export interface LoginOutcome {
  login: WidgetLogin;
  qr: string;
}

export interface StartLoginInput {
  node: string;
  lookup: SignOnLookup;
  account: string;
}

export interface ChannelInput {
  node: string;
  login: WidgetLogin;
}

export type SignOnEvent =
  | { type: 'SIGN_ON.SUBMIT'; account: string }
  | { type: 'SIGN_ON.CANCEL' }
  | { type: 'SIGN_ON.RETRY' }
  | { type: 'CHANNEL.CONFIRMED' }
  | { type: 'CHANNEL.REJECTED' }
  | { type: 'CHANNEL.CLOSED' }
  | { type: 'CHANNEL.RESULT'; result: SignOnResult };

/** An error the actors throw: a code from the contract and whether to retry. */
export class SignOnFailure extends Error implements SignOnFailureInfo {
  override readonly name = 'SignOnFailure';
  constructor(
    readonly code: SignOnCode,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}
