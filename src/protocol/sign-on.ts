// The cross-device sign-on contract (Axiam-compatible) between the node's API, its channel, its
// phone pages and <faceio-sign-on>: codes, limits, the channel's messages, the widget's login answer.

/** Axiam's published codes (1001, 1002, 1007, 1012, 1016, 1017, 1022–1025) and openfaceio's (1003–1006, 1030+). */
export const SIGN_ON_CODES = {
  BAD_CREDENTIALS: 1001,
  DOMAIN_MISMATCH: 1002,
  /** openfaceio: the Bearer JWT is missing, malformed, expired or not for this site. */
  INVALID_APP_TOKEN: 1003,
  /** openfaceio: the verification token is unknown or expired (10 minutes). */
  INVALID_VERIFICATION_TOKEN: 1004,
  /** openfaceio: the verification token was already used (replay). */
  VERIFICATION_TOKEN_USED: 1005,
  /** openfaceio: a channel subscription without the right subscription secret, or a second subscriber. */
  SUBSCRIPTION_REFUSED: 1006,
  USER_NOT_FOUND: 1007,
  NO_DEVICE: 1012,
  LOCKED_TEMPORARILY: 1016,
  LOCKED_PERMANENTLY: 1017,
  PUSH_RATE_PER_IP: 1022,
  PUSH_RATE_PER_CLIENT: 1023,
  VERIFY_RATE_PER_IP: 1024,
  VERIFY_RATE_PER_TOKEN: 1025,
  /** openfaceio: the widget's start token is unknown, expired or used. */
  INVALID_START_TOKEN: 1030,
  /** openfaceio: the proof is invalid, expired, for another site, or already used. */
  INVALID_PROOF: 1031,
  /** openfaceio: the request body is not what the endpoint takes. */
  BAD_REQUEST: 1040,
  /** openfaceio, reported by <faceio-sign-on>: the node could not be reached, or the channel dropped before a result. */
  NETWORK: 1041,
  /** openfaceio, reported by <faceio-sign-on>: the page's set-up is wrong (no node, no start token, the site's app token in the page). */
  WIDGET_MISCONFIGURED: 1042,
  /** openfaceio, reported by <faceio-sign-on>: the face check on the phone failed (the channel's `failed` result; its fio.js code is `faceCode`). */
  FACE_CHECK_FAILED: 1043,
} as const;

export type SignOnCodeName = keyof typeof SIGN_ON_CODES;
export type SignOnCode = (typeof SIGN_ON_CODES)[SignOnCodeName];

/** Axiam's failure body, plus what the widget needs: a message for the user and whether to retry. */
export interface SignOnFailure {
  success: false;
  /** For the developer. */
  message: string;
  code: SignOnCode;
  http_code: number;
  /** For the person in front of the screen (English; the widget localizes by code). */
  user_message: string;
  retryable: boolean;
}

export interface SignOnSuccess<T> {
  success: true;
  data: T;
}

/** Limits (Axiam's published ones). */
export const SIGN_ON_LIMITS = {
  appTokenTtlSeconds: 2_592_000,
  verificationTtlMs: 10 * 60_000,
  startTokenTtlMs: 5 * 60_000,
  proofTtlMs: 2 * 60_000,
  pushPerIp: { count: 10, windowMs: 5 * 60_000 },
  pushPerClient: { count: 5, windowMs: 5 * 60_000 },
  verifyPerIp: { count: 10, windowMs: 5 * 60_000 },
  verifyPerToken: { count: 5, windowMs: 5 * 60_000 },
  /** Failed sign-ons (bad/expired/replayed token, face mismatch) before a 15-minute lock… */
  temporaryLockAfter: 5,
  temporaryLockMs: 15 * 60_000,
  /** …and before a lock only an admin lifts. */
  permanentLockAfter: 10,
} as const;

/** The ActionCable channel name and what the desktop receives on it. */
export const SIGN_ON_CHANNEL = 'FacialSignOnLoginChannel';

export type SignOnResult =
  | { status: 'verified'; verification_token: string; uid: string; proof: string; verified_at: string }
  | {
      status: 'failed';
      verification_token: string;
      /** The phone's fio.js code (UNRECOGNIZED_FACE 3, PAD_ATTACK 5, FACE_MISMATCH 6, WRONG_PIN_CODE 8, ABORTED_BY_USER 23 …). */
      code: number;
      message: string;
      user_message: string;
      /** Set when this failure locked face sign-in for the user (15 minutes, or until an admin lifts it). */
      lock?: 'temporary' | 'permanent';
    }
  | { status: 'expired'; verification_token: string };

/** What POST /api/v1/facial_sign_on/widget/login answers. */
export interface WidgetLogin {
  verification_token: string;
  subscription_secret: string;
  /** False: the user has no registered phone; show `verify_url` as a QR code for any phone. */
  device: boolean;
  verify_url: string;
  /** When the verification expires (10 minutes). */
  expires_at?: string;
}

/** A Web Push subscription as the browser's PushSubscription.toJSON() gives it. */
export interface PushSubscriptionJson {
  endpoint: string;
  expirationTime?: number | null;
  keys: { p256dh: string; auth: string };
}

/** The JSON inside the push message the phone's service worker shows. */
export interface SignOnPush {
  type: 'sign-on';
  /** Where the notification leads: `<node>/sign-on/verify#t=<verification token>`. */
  url: string;
  /** The site asking (its domain), shown in the notification. */
  site: string;
  expiresAt: string;
}
