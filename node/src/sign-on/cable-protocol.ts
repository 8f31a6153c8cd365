// The ActionCable wire protocol as the stock `@rails/actioncable` consumer (8.x) speaks it — pure
// functions, no sockets. Read against node_modules/@rails/actioncable/src/{connection,subscriptions,
// subscription_guarantor,connection_monitor,internal}.js:
//   - the consumer offers the subprotocols ['actioncable-v1-json', 'actioncable-unsupported', …its own];
//     it drops every message unless the server selected 'actioncable-v1-json', and closes itself
//     (no reconnect) when the server selected 'actioncable-unsupported';
//   - server → client: {type:'welcome'}, {type:'ping', message:<unix s>} (the consumer calls the
//     connection stale after 6 s without any message), {identifier, type:'confirm_subscription' |
//     'reject_subscription'}, {identifier, message} (data), {type:'disconnect', reason, reconnect};
//   - client → server: {command:'subscribe' | 'unsubscribe', identifier} and
//     {command:'message', identifier, data:<JSON string>}; `identifier` is JSON.stringify(params)
//     and the consumer matches replies by that exact string, so it is echoed back byte for byte.
import type { SignOnResult } from './contract.js';
import { SIGN_ON_CHANNEL } from './contract.js';
import { parseJsonObject } from '../json-object.js';

export const CABLE_PROTOCOL = 'actioncable-v1-json';
/** Selected only to tell a consumer that offers no protocol we speak to stop (it closes without reconnecting). */
export const CABLE_PROTOCOL_UNSUPPORTED = 'actioncable-unsupported';

/** The consumer's known reasons (INTERNAL.disconnect_reasons); it only logs them. */
export type DisconnectReason = 'unauthorized' | 'invalid_request' | 'server_restart' | 'remote';

export type CableServerMessage =
  | { type: 'welcome' }
  | { type: 'ping'; message: number }
  | { type: 'disconnect'; reason: DisconnectReason; reconnect: boolean }
  | { identifier: string; type: 'confirm_subscription' | 'reject_subscription' }
  | { identifier: string; message: SignOnResult };

export type CableCommand = { command: 'subscribe' | 'unsubscribe'; identifier: string } | { command: 'message'; identifier: string; data: string };

export const welcome = (): CableServerMessage => ({ type: 'welcome' });
export const ping = (nowMs: number): CableServerMessage => ({ type: 'ping', message: Math.floor(nowMs / 1000) });
export const confirmSubscription = (identifier: string): CableServerMessage => ({ identifier, type: 'confirm_subscription' });
export const rejectSubscription = (identifier: string): CableServerMessage => ({ identifier, type: 'reject_subscription' });
export const channelMessage = (identifier: string, message: SignOnResult): CableServerMessage => ({ identifier, message });
export const disconnect = (reason: DisconnectReason, reconnect: boolean): CableServerMessage => ({ type: 'disconnect', reason, reconnect });

/**
 * The subprotocol to answer, as Rails' websocket-driver picks it: the first of the client's offers
 * that the server speaks (so a future consumer offering a newer protocol first still gets v1), the
 * "unsupported" marker when that is all we share, none otherwise.
 */
export function selectCableProtocol(offered: ReadonlySet<string> | readonly string[]): string | false {
  for (const protocol of offered) if (protocol === CABLE_PROTOCOL || protocol === CABLE_PROTOCOL_UNSUPPORTED) return protocol;
  return false;
}

/** Longest identifier accepted (the sign-on one is ~150 characters). */
export const MAX_IDENTIFIER_LENGTH = 1024;

/** A client command, or null for anything else (Rails logs and ignores those; so do we). */
export function parseCommand(text: string): CableCommand | null {
  const value = parseJsonObject(text);
  if (!value) return null;
  const { command, identifier, data } = value;
  if (typeof identifier !== 'string' || identifier.length === 0 || identifier.length > MAX_IDENTIFIER_LENGTH) return null;
  if (command === 'subscribe' || command === 'unsubscribe') return { command, identifier };
  if (command === 'message' && typeof data === 'string') return { command, identifier, data };
  return null;
}

/** Longest verification token / subscription secret accepted (ours are 43 base64url characters). */
const MAX_PARAM_LENGTH = 256;

export interface SignOnSubscriptionParams {
  verificationToken: string;
  subscriptionSecret: string;
}

/** `{channel:'FacialSignOnLoginChannel', verification_token, subscription_secret}`, or null. */
export function parseSignOnIdentifier(identifier: string): SignOnSubscriptionParams | null {
  const value = parseJsonObject(identifier);
  if (!value) return null;
  const { channel, verification_token: token, subscription_secret: secret } = value;
  if (channel !== SIGN_ON_CHANNEL) return null;
  const valid = (s: unknown): s is string => typeof s === 'string' && s.length > 0 && s.length <= MAX_PARAM_LENGTH;
  if (!valid(token) || !valid(secret)) return null;
  return { verificationToken: token, subscriptionSecret: secret };
}

/** A verdict from the bus (published by the sign-on store on some node), or null if it is not one. */
export function parseSignOnResult(text: string): SignOnResult | null {
  const value = parseJsonObject(text);
  if (!value) return null;
  const { status, verification_token: token } = value;
  if (typeof token !== 'string' || (status !== 'verified' && status !== 'failed' && status !== 'expired')) return null;
  return value as SignOnResult;
}
