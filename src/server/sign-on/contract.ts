// Cross-device facial sign-on (issue 5, DESIGN.md §5): the Axiam-compatible API and the pieces
// that share it. This file is the contract between the parts (HTTP API, ActionCable channel,
// Web Push, phone pages, <faceio-sign-on>); each part lives in its own file of this folder.
//
// The flow:
//   host backend ── POST application_auth {api_key, secret_key, domain} ──▶ JWT (30 days, HS256, node secret)
//   host backend ── POST login/push_notification (Bearer JWT) {id: uid} ──▶ {verification_token, subscription_secret}
//        └ the node sends a Web Push to the user's registered phone: "open <node>/sign-on/verify#t=<token>"
//   phone page   ── <faceio-authenticate facial-id=…> 1:1, its scan session carries `signOnToken`
//        └ the node decides; the verdict completes the verification ONCE and is published on the bus
//   desktop      ── WS /cable (ActionCable protocol) subscribe {channel:'FacialSignOnLoginChannel',
//                   verification_token, subscription_secret} ──▶ {status:'verified', proof} | {status:'failed', code}
//   host backend ── POST verify_proof (Bearer JWT) {proof} ──▶ {uid} (single use), or offline with /jwks.json
//
// Where Axiam leaked, we close: a channel subscription needs the second secret only the party that
// started the login holds (a token alone is not enough); tokens are single use and expire in 10
// minutes; the JWT never reaches a browser (the widget gets a 5-minute single-use start token from
// the host backend); every refusal has a code, a developer message and a user message.

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
  | { status: 'failed'; verification_token: string; code: number; message: string; user_message: string }
  | { status: 'expired'; verification_token: string };

/** Bus channel the verdict of a verification is published on (any node relays it to its /cable subscribers). */
export const signOnBusChannel = (verificationTokenHash: string): string => `signon:result:${verificationTokenHash}`;

/** What the /cable server asks the sign-on store before confirming a subscription. */
export type SubscriptionCheck =
  | {
      ok: true;
      /** sha256 of the verification token: the bus channel key */ tokenHash: string;
      /** a verdict already in (late subscriber) */ result: SignOnResult | null;
    }
  | { ok: false; code: SignOnCode; message: string };

export interface SubscriptionAuthority {
  /** Checks `verification_token` + `subscription_secret`, and claims the single subscriber slot. */
  claim(verificationToken: string, subscriptionSecret: string): Promise<SubscriptionCheck>;
  /** The subscriber went away (the slot may be claimed again with the same secret). */
  release(verificationToken: string): Promise<void>;
}

/** A Web Push subscription as the browser's PushSubscription.toJSON() gives it. */
export interface PushSubscriptionJson {
  endpoint: string;
  expirationTime?: number | null;
  keys: { p256dh: string; auth: string };
}

/** Sends an RFC 8291 encrypted Web Push message with the node's VAPID keys. */
export interface PushSender {
  /** The VAPID public key (base64url), for `pushManager.subscribe({ applicationServerKey })`. */
  readonly publicKey: string;
  /** Resolves when the push service accepted it; rejects with `{ statusCode }` (410 Gone: the subscription is dead). */
  send(subscription: PushSubscriptionJson, payload: SignOnPush): Promise<void>;
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
