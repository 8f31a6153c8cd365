import type { Bus } from '../bus/bus.js';
import type { SessionOperation } from 'openfaceio/protocol';
import { randomToken, sha256Hex } from '../security/secrets.js';

/** What a session token stands for; kept on the bus (never in the token), under the token's hash. */
export interface SessionTicket {
  appId: string;
  op: SessionOperation;
  /** The page origin the session was created from (null when the request had none). */
  origin: string | null;
  payload?: unknown;
  /** 1:1 authentication against this facial ID only. */
  facialId?: string;
  locale?: string;
  ip: string;
  expiresAt: number;
  /** Cross-device sign-on (node/src/sign-on/verdicts.ts): the verification this session completes, or the phone registration it enrolls for. */
  signOn?: SignOnTicket;
}

/**
 * `verify`: the token is already marked used when the ticket is issued, so carrying it in clear
 * here (for the result's `verification_token`) gives nothing away; the issuer is the proof's `iss`.
 */
export type SignOnTicket = { kind: 'verify'; token: string; tokenHash: string; issuer: string } | { kind: 'register'; tokenHash: string };

const key = (token: string) => `session:${sha256Hex(token)}`;

/** Issues a one-time session token valid until `ticket.expiresAt`. */
export async function issueTicket(bus: Bus, ticket: SessionTicket, now: number): Promise<string> {
  const token = randomToken();
  await bus.putOnce(key(token), JSON.stringify(ticket), Math.max(1, ticket.expiresAt - now));
  return token;
}

/**
 * Redeems a token exactly once (atomic take on the bus, so two nodes can't both accept it). Null
 * when unknown, already used or expired — the caller answers SESSION_EXPIRED.
 */
export async function redeemTicket(bus: Bus, token: string, now: number): Promise<SessionTicket | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const raw = await bus.takeOnce(key(token));
  if (!raw) return null;
  const ticket = JSON.parse(raw) as SessionTicket;
  return ticket.expiresAt > now ? ticket : null;
}
