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

export * from 'openfaceio/protocol';
import type { SignOnCode, SignOnPush, SignOnResult, PushSubscriptionJson } from 'openfaceio/protocol';

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

/** Sends an RFC 8291 encrypted Web Push message with the node's VAPID keys. */
export interface PushSender {
  /** The VAPID public key (base64url), for `pushManager.subscribe({ applicationServerKey })`. */
  readonly publicKey: string;
  /** Resolves when the push service accepted it; rejects with `{ statusCode }` (410 Gone: the subscription is dead). */
  send(subscription: PushSubscriptionJson, payload: SignOnPush): Promise<void>;
}
