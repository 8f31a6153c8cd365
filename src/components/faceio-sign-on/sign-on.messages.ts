// <faceio-sign-on>'s texts (ids `signon.*`; translators edit locales/*.xlf): a heading and a status
// line per state, and one text per code of the sign-on contract (src/protocol/sign-on.ts), so a
// refusal reads in the element's locale whatever language the node answered in.
import { msg } from '@lit/localize';
import { SIGN_ON_CODES, type SignOnCode } from '../../protocol/index.js';
import type { SignOnFailureInfo, SignOnLookup, SignOnState } from '../../core/sign-on/sign-on.types.js';

type Text = () => string;
const C = SIGN_ON_CODES;

export const signOnText = {
  labelEmail: () => msg('Email address', { id: 'signon.label-email' }),
  labelUid: () => msg('User ID', { id: 'signon.label-uid' }),
  submit: () => msg('Send the sign-in request', { id: 'signon.submit' }),
  retry: () => msg('Start again', { id: 'signon.retry' }),
  cancel: () => msg('Cancel', { id: 'signon.cancel' }),
  qr: () => msg('QR code that opens the face check on a phone', { id: 'signon.qr-label' }),
  openHere: () => msg('Or open the face check on this device', { id: 'signon.open-here' }),
};

const HEADINGS: Readonly<Record<SignOnState, Text>> = {
  idle: () => msg('Sign in with your phone', { id: 'signon.heading' }),
  'looking-up': () => msg('Sign in with your phone', { id: 'signon.heading' }),
  'notification-sent': () => msg('Check your phone', { id: 'signon.heading.notification-sent' }),
  waiting: () => msg('Scan with your phone', { id: 'signon.heading.waiting' }),
  verified: () => msg('Verified', { id: 'signon.heading.verified' }),
  failed: () => msg('Not signed in', { id: 'signon.heading.failed' }),
  expired: () => msg('Request expired', { id: 'signon.heading.expired' }),
};

const STATUS: Readonly<Record<Exclude<SignOnState, 'failed'>, Text>> = {
  idle: () => msg('We will send a sign-in request to your phone.', { id: 'signon.idle' }),
  'looking-up': () => msg('Looking up your account…', { id: 'signon.looking-up' }),
  'notification-sent': () => msg('We sent a notification to your phone. Open it and look at the camera.', { id: 'signon.notification-sent' }),
  waiting: () => msg('Scan this code with your phone, then look at its camera.', { id: 'signon.waiting' }),
  verified: () => msg('Verified. Signing you in…', { id: 'signon.verified' }),
  expired: () => msg('The sign-in request expired. Send a new one.', { id: 'signon.expired' }),
};

/** One text per code: what happened and what to do. */
const ERRORS: Readonly<Record<SignOnCode, Text>> = {
  [C.BAD_CREDENTIALS]: () => msg('This site cannot use face sign-in right now.', { id: 'signon.error.unavailable' }),
  [C.DOMAIN_MISMATCH]: () => msg('This site cannot use face sign-in right now.', { id: 'signon.error.unavailable' }),
  [C.INVALID_APP_TOKEN]: () => msg('This site cannot use face sign-in right now.', { id: 'signon.error.unavailable' }),
  [C.INVALID_VERIFICATION_TOKEN]: () => msg('This sign-in request has expired. Start again.', { id: 'signon.error.request-expired' }),
  [C.VERIFICATION_TOKEN_USED]: () => msg('This sign-in request was already used. Start again.', { id: 'signon.error.request-used' }),
  [C.SUBSCRIPTION_REFUSED]: () => msg('This sign-in request belongs to another window. Start again.', { id: 'signon.error.other-window' }),
  [C.USER_NOT_FOUND]: () => msg('We could not find that account. Check what you typed and try again.', { id: 'signon.error.user-not-found' }),
  [C.NO_DEVICE]: () => msg('No phone is registered for this account yet.', { id: 'signon.error.no-device' }),
  [C.LOCKED_TEMPORARILY]: () => msg('Too many failed face sign-ins. Try again in 15 minutes.', { id: 'signon.error.locked' }),
  [C.LOCKED_PERMANENTLY]: () =>
    msg('Face sign-in is locked for this account. Contact the site’s support.', { id: 'signon.error.locked-permanently' }),
  [C.PUSH_RATE_PER_IP]: () => msg('Too many sign-in requests. Wait a few minutes and try again.', { id: 'signon.error.too-many' }),
  [C.PUSH_RATE_PER_CLIENT]: () => msg('Too many sign-in requests. Wait a few minutes and try again.', { id: 'signon.error.too-many' }),
  [C.VERIFY_RATE_PER_IP]: () => msg('Too many sign-in requests. Wait a few minutes and try again.', { id: 'signon.error.too-many' }),
  [C.VERIFY_RATE_PER_TOKEN]: () => msg('Too many sign-in requests. Wait a few minutes and try again.', { id: 'signon.error.too-many' }),
  [C.INVALID_START_TOKEN]: () => msg('This sign-in form has expired. Reload the page and try again.', { id: 'signon.error.form-expired' }),
  [C.INVALID_PROOF]: () => msg('The sign-in could not be confirmed. Try again.', { id: 'signon.error.proof' }),
  [C.BAD_REQUEST]: () => msg('Something went wrong with this sign-in. Try again later.', { id: 'signon.error.bad-request' }),
  [C.NETWORK]: () => msg('The connection to the server failed. Check your internet connection and try again.', { id: 'signon.error.network' }),
  [C.WIDGET_MISCONFIGURED]: () =>
    msg('Face sign-in is not set up correctly on this page. Contact the site’s support.', { id: 'signon.error.misconfigured' }),
  [C.FACE_CHECK_FAILED]: () => msg('The face check on your phone did not succeed.', { id: 'signon.error.face-check' }),
};

const LOCKS = {
  temporary: () => msg('Too many failures: try again in 15 minutes.', { id: 'signon.error.now-locked' }),
  permanent: () => msg('Face sign-in is now locked for this account: contact the site’s support.', { id: 'signon.error.now-locked-permanently' }),
};

export const headingOf = (state: SignOnState): string => HEADINGS[state]();

export const labelOf = (lookup: SignOnLookup): string => (lookup === 'email' ? signOnText.labelEmail() : signOnText.labelUid());

/** The text for a failure, in the active locale (the lock, when this failure set one, after it). */
export function errorTextOf(error: SignOnFailureInfo): string {
  const text = (ERRORS[error.code] ?? ERRORS[C.BAD_REQUEST])();
  return error.lock ? `${text} ${LOCKS[error.lock]()}` : text;
}

/** The status line of a state (a failure's text for `failed`). */
export const statusOf = (state: SignOnState, error: SignOnFailureInfo | null): string =>
  state === 'failed' ? errorTextOf(error ?? { code: C.BAD_REQUEST, message: '', retryable: true }) : STATUS[state]();
