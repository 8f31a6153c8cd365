// The sign-on push to the user's phone: RFC 8291 (aes128gcm) encrypted Web Push with VAPID (RFC 8292),
// through the `web-push` package. The VAPID key pair is generated once per store (node_keys, shared
// by every node on it: a phone subscribed through one node must accept pushes from all of them).
import { createRequire } from 'node:module';
import type { Agent } from 'node:https';
import type { Clock } from '../bus/bus.js';
import { systemClock } from '../bus/bus.js';
import type { Queryable } from '../store/db.js';
import type { PushSender, PushSubscriptionJson, SignOnPush } from './contract.js';
import { loadOrCreateKey } from './store.js';

// `web-push` ships no types; this is the part of its API used here.
interface WebPushModule {
  generateVAPIDKeys(): VapidKeys;
  sendNotification(
    subscription: PushSubscriptionJson,
    payload: string,
    options: {
      vapidDetails: { subject: string; publicKey: string; privateKey: string };
      TTL: number;
      urgency: 'very-low' | 'low' | 'normal' | 'high';
      contentEncoding: 'aes128gcm';
      timeout: number;
      agent?: Agent;
    },
  ): Promise<{ statusCode: number }>;
}
const webpush = createRequire(import.meta.url)('web-push') as WebPushModule;

/** Base64url: the uncompressed P-256 public point (65 bytes) and the private scalar (32 bytes). */
export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

/** The node_keys entry. */
export const VAPID_KEY_NAME = 'vapid';

/** A contact for push services (RFC 8292 §2.1) — operators should set their own (mailto: or https:). */
export const DEFAULT_VAPID_SUBJECT = 'mailto:openfaceio@localhost';

export interface PushSenderOptions {
  /** VAPID `sub` claim: a mailto: or https: contact for the push service's operator. */
  subject?: string;
  /** Reads the time for the TTL (the verification's remaining time). */
  clock?: Clock;
  /** HTTPS agent for the push service requests, e.g. one trusting a private CA (the tests' local endpoint). */
  agent?: Agent;
  /** Gives up on an unresponsive push service after this (default 10 s). */
  timeoutMs?: number;
}

/** A push the push service refused (`statusCode`: 404/410 → the subscription is dead, drop it), or one not sent at all (no status). */
export class PushSendError extends Error {
  constructor(
    message: string,
    readonly statusCode?: number,
  ) {
    super(message);
    this.name = 'PushSendError';
  }
}

const isVapidKeys = (v: unknown): v is VapidKeys =>
  !!v && typeof v === 'object' && typeof (v as VapidKeys).publicKey === 'string' && typeof (v as VapidKeys).privateKey === 'string';

/** Loads the store's VAPID keys, generating them the first time any node asks. */
export async function loadVapidKeys(db: Queryable): Promise<VapidKeys> {
  const keys = await loadOrCreateKey<unknown>(db, VAPID_KEY_NAME, () => webpush.generateVAPIDKeys());
  if (!isVapidKeys(keys)) throw new Error(`node_keys '${VAPID_KEY_NAME}' is not a VAPID key pair`);
  return keys;
}

export async function createPushSender(db: Queryable, options: PushSenderOptions = {}): Promise<PushSender> {
  const keys = await loadVapidKeys(db);
  const subject = options.subject ?? DEFAULT_VAPID_SUBJECT;
  if (!/^(mailto:|https:\/\/)/.test(subject)) throw new Error(`the VAPID subject must be a mailto: or https: URL, got "${subject}"`);
  const clock = options.clock ?? systemClock;
  return {
    publicKey: keys.publicKey,
    async send(subscription: PushSubscriptionJson, payload: SignOnPush): Promise<void> {
      // The push is worth nothing once the verification has expired: the push service may drop it then.
      const ttl = Math.ceil((Date.parse(payload.expiresAt) - clock.now()) / 1000);
      if (!(ttl > 0)) throw new PushSendError('the verification has expired: nothing to push');
      try {
        await webpush.sendNotification(subscription, JSON.stringify(payload), {
          vapidDetails: { subject, publicKey: keys.publicKey, privateKey: keys.privateKey },
          TTL: ttl,
          // A person is waiting at the desktop: wake the phone (RFC 8030 §5.3).
          urgency: 'high',
          contentEncoding: 'aes128gcm',
          timeout: options.timeoutMs ?? 10_000,
          ...(options.agent ? { agent: options.agent } : {}),
        });
      } catch (error) {
        const { statusCode, body, message } = error as { statusCode?: number; body?: string; message?: string };
        // Neither the endpoint (a capability URL) nor the keys go into the message.
        if (typeof statusCode === 'number')
          throw new PushSendError(`the push service answered ${statusCode}${body ? `: ${String(body).slice(0, 200)}` : ''}`, statusCode);
        // Unreachable or timed out, or a subscription web-push refuses (malformed keys).
        throw new PushSendError(`the push was not sent: ${message ?? String(error)}`);
      }
    },
  };
}
