// The view-model over a sign-on snapshot (Zag's `connect`): the element's pure views read these
// fields and call these functions; they never look at the machine.
import type { SignOnSnapshot } from './sign-on.machine.js';
import { stateOf } from './sign-on.machine.js';
import type { SignOnEvent, SignOnFailureInfo, SignOnLookup, SignOnState, SignOnVerified } from './sign-on.types.js';

export interface SignOnApi {
  state: SignOnState;
  lookup: SignOnLookup;
  account: string;
  /** The QR code's SVG markup (`waiting`). */
  qr: string;
  /** The link the QR code holds (`waiting`), for a "copy link" or a test. */
  verifyUrl: string;
  error: SignOnFailureInfo | null;
  verified: SignOnVerified | null;
  /** The desktop is waiting for the phone: the user may give up and start over. */
  canCancel: boolean;
  canRetry: boolean;
  submit(account: string): void;
  cancel(): void;
  retry(): void;
}

export function connectSignOn(snapshot: SignOnSnapshot, send: (event: SignOnEvent) => void): SignOnApi {
  const state = stateOf(snapshot);
  const { context } = snapshot;
  return {
    state,
    lookup: context.lookup,
    account: context.account,
    qr: state === 'waiting' ? context.qr : '',
    verifyUrl: state === 'waiting' ? (context.login?.verify_url ?? '') : '',
    error: state === 'failed' ? context.error : null,
    verified: state === 'verified' ? context.verified : null,
    canCancel: state === 'looking-up' || state === 'notification-sent' || state === 'waiting',
    canRetry: (state === 'failed' && context.error?.retryable !== false) || state === 'expired',
    submit: (account) => send({ type: 'SIGN_ON.SUBMIT', account }),
    cancel: () => send({ type: 'SIGN_ON.CANCEL' }),
    retry: () => send({ type: 'SIGN_ON.RETRY' }),
  };
}
