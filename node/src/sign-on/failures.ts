import type { Bus } from '../bus/bus.js';
import { hitLimit } from '../routes/rate-limit.js';
import type { SignOnCode, SignOnFailure, SignOnSuccess } from './contract.js';
import { SIGN_ON_CODES } from './contract.js';

const C = SIGN_ON_CODES;

/**
 * Per code: the HTTP status, whether the same person can simply try again, and the text for the
 * person in front of the screen (English; <faceio-sign-on> localizes by code). The developer
 * message is given at each throw, where the actual cause is known.
 */
const DEFAULTS: Record<SignOnCode, { http: number; retryable: boolean; user: string }> = {
  [C.BAD_CREDENTIALS]: { http: 401, retryable: false, user: 'This site cannot use face sign-on right now.' },
  [C.DOMAIN_MISMATCH]: { http: 401, retryable: false, user: 'This site cannot use face sign-on right now.' },
  [C.INVALID_APP_TOKEN]: { http: 401, retryable: false, user: 'This site cannot use face sign-on right now.' },
  [C.INVALID_VERIFICATION_TOKEN]: { http: 404, retryable: true, user: 'This sign-in request has expired. Start again on your computer.' },
  [C.VERIFICATION_TOKEN_USED]: { http: 409, retryable: true, user: 'This sign-in request was already used. Start again on your computer.' },
  [C.SUBSCRIPTION_REFUSED]: { http: 403, retryable: false, user: 'This sign-in request belongs to another window.' },
  [C.USER_NOT_FOUND]: { http: 404, retryable: true, user: 'We could not find that account.' },
  [C.NO_DEVICE]: { http: 404, retryable: false, user: 'No phone is registered for this account yet.' },
  [C.LOCKED_TEMPORARILY]: { http: 423, retryable: true, user: 'Too many failed face sign-ins. Try again in 15 minutes.' },
  [C.LOCKED_PERMANENTLY]: { http: 423, retryable: false, user: 'Face sign-in is locked for this account. Contact the site’s support.' },
  [C.PUSH_RATE_PER_IP]: { http: 429, retryable: true, user: 'Too many sign-in requests. Wait a few minutes and try again.' },
  [C.PUSH_RATE_PER_CLIENT]: { http: 429, retryable: true, user: 'Too many sign-in requests for this account. Wait a few minutes and try again.' },
  [C.VERIFY_RATE_PER_IP]: { http: 429, retryable: true, user: 'Too many attempts. Wait a few minutes and try again.' },
  [C.VERIFY_RATE_PER_TOKEN]: { http: 429, retryable: true, user: 'Too many attempts. Start again on your computer.' },
  [C.INVALID_START_TOKEN]: { http: 401, retryable: true, user: 'This sign-in form has expired. Reload the page and try again.' },
  [C.INVALID_PROOF]: { http: 401, retryable: true, user: 'The face sign-in could not be confirmed. Try again.' },
  [C.BAD_REQUEST]: { http: 400, retryable: false, user: 'Something went wrong with this sign-in. Try again later.' },
  // Reported by the widget itself, never by the node; listed so every code has its text here too.
  [C.NETWORK]: { http: 502, retryable: true, user: 'The connection to the server failed. Check your internet connection and try again.' },
  [C.WIDGET_MISCONFIGURED]: { http: 500, retryable: false, user: 'Face sign-in is not set up correctly on this page. Contact the site’s support.' },
  [C.FACE_CHECK_FAILED]: { http: 401, retryable: true, user: 'The face check on your phone did not succeed.' },
};

/** A refusal of the sign-on API; answered as a SignOnFailure by the routes' error handler. */
export class SignOnError extends Error {
  readonly code: SignOnCode;
  readonly httpCode: number;
  readonly userMessage: string;
  readonly retryable: boolean;
  readonly headers: Record<string, string>;

  constructor(code: SignOnCode, message: string, options: { http?: number; userMessage?: string; headers?: Record<string, string> } = {}) {
    super(message);
    const d = DEFAULTS[code];
    this.code = code;
    this.httpCode = options.http ?? d.http;
    this.userMessage = options.userMessage ?? d.user;
    this.retryable = d.retryable;
    this.headers = options.headers ?? {};
  }

  toFailure(): SignOnFailure {
    return {
      success: false,
      message: this.message,
      code: this.code,
      http_code: this.httpCode,
      user_message: this.userMessage,
      retryable: this.retryable,
    };
  }
}

/** The default text for the person, for codes reported outside an HTTP answer (the /cable channel, the phone page). */
export const userMessageFor = (code: SignOnCode): string => DEFAULTS[code].user;

/** Axiam's success body. */
export const ok = <T>(data: T): SignOnSuccess<T> => ({ success: true, data });

/** hitLimit() with Axiam's codes: over it → `code` (429, Retry-After). */
export async function signOnLimit(bus: Bus, key: string, limit: { count: number; windowMs: number }, code: SignOnCode, what: string): Promise<void> {
  const retryAfter = await hitLimit(bus, `signon:${key}`, limit.count, limit.windowMs);
  if (retryAfter !== null) {
    throw new SignOnError(code, `${what}: limit of ${limit.count} per ${limit.windowMs / 60_000} minutes reached, retry in ${retryAfter} s`, {
      http: 429,
      headers: { 'retry-after': String(retryAfter) },
    });
  }
}
