import { generateKeyPairSync, randomBytes, randomUUID, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import type { Bus, Clock } from '../bus/bus.js';
import type { App } from '../store/apps.js';
import { findAppById } from '../store/apps.js';
import type { Queryable } from '../store/db.js';
import { randomToken, sha256Hex } from '../security/secrets.js';
import { SIGN_ON_CODES, SIGN_ON_LIMITS } from './contract.js';
import { SignOnError } from './failures.js';
import { signHs256, verifyHs256 } from './jwt.js';
import { loadOrCreateKey } from './store.js';
import { exportJWK } from 'jose';

/** The node's signing keys: generated once per store (node_keys), cached per store handle. */
export interface NodeKeys {
  appTokenSecret: Buffer;
  proof: { kid: string; privateKey: KeyObject; publicKey: KeyObject; publicJwk: Record<string, unknown> };
}

const cache = new WeakMap<Queryable, Promise<NodeKeys>>();

async function loadKeys(db: Queryable): Promise<NodeKeys> {
  const hs = await loadOrCreateKey(db, 'sign-on-app-token-hs256', () => ({ secret: randomBytes(32).toString('base64url') }));
  const es = await loadOrCreateKey(db, 'sign-on-proof-es256', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    return { kid: randomUUID(), jwk: privateKey.export({ format: 'jwk' }) };
  });
  const privateKey = createPrivateKey({ key: es.jwk, format: 'jwk' });
  const publicKey = createPublicKey(privateKey);
  const { kty, crv, x, y } = await exportJWK(publicKey);
  return {
    appTokenSecret: Buffer.from(hs.secret, 'base64url'),
    proof: { kid: es.kid, privateKey, publicKey, publicJwk: { kty, crv, x, y, kid: es.kid, alg: 'ES256', use: 'sig' } },
  };
}

export function nodeKeys(db: Queryable): Promise<NodeKeys> {
  let keys = cache.get(db);
  if (!keys) {
    keys = loadKeys(db);
    keys.catch(() => cache.delete(db)); // a store hiccup must not poison the cache
    cache.set(db, keys);
  }
  return keys;
}

/** A domain as sites give it (`shop.example`, `https://shop.example:8443/x`) → its lower-case hostname, or null. */
export function hostnameOf(domain: string): string | null {
  const value = domain.trim().toLowerCase();
  if (!value || value.length > 253) return null;
  try {
    return new URL(value.includes('://') ? value : `https://${value}`).hostname || null;
  } catch {
    return null;
  }
}

/** The hostnames of an app's registered origins: the domains it may sign users on for. */
export const appDomains = (app: App): string[] => app.origins.map((o) => new URL(o).hostname);

/** The 30-day app token application_auth answers (HS256 with the node's secret). */
export async function issueAppToken(db: Queryable, clock: Clock, app: App, domain: string): Promise<string> {
  const iat = Math.floor(clock.now() / 1000);
  const claims = { sub: app.id, dom: domain, jti: randomUUID(), iat, exp: iat + SIGN_ON_LIMITS.appTokenTtlSeconds };
  return signHs256(claims, (await nodeKeys(db)).appTokenSecret);
}

/**
 * The app and site behind `Authorization: Bearer <JWT>`, or 1003: missing, malformed, signed by
 * another store, expired, for an app that is no longer active, or for a domain the app dropped.
 */
export async function authenticateAppToken(db: Queryable, clock: Clock, authorization: string | undefined): Promise<{ app: App; site: string }> {
  const refuse = (why: string) =>
    new SignOnError(SIGN_ON_CODES.INVALID_APP_TOKEN, `${why}: call application_auth for a new token and send it as "Authorization: Bearer <token>"`);
  const [scheme, token] = (authorization ?? '').split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !token) throw refuse('missing Bearer token');
  const claims = await verifyHs256(token, (await nodeKeys(db)).appTokenSecret);
  if (!claims || typeof claims.sub !== 'string' || typeof claims.dom !== 'string' || typeof claims.exp !== 'number')
    throw refuse('the token is not one this node issued');
  if (claims.exp * 1000 <= clock.now()) throw refuse('the token has expired');
  const app = /^[0-9a-f-]{36}$/.test(claims.sub) ? await findAppById(db, claims.sub) : null;
  if (!app || app.status !== 'active') throw refuse('the application behind this token is gone or not active');
  if (!appDomains(app).includes(claims.dom)) throw refuse(`the domain ${claims.dom} is no longer registered for this application`);
  return { app, site: claims.dom };
}

/**
 * The widget's start token: what the host backend gives <faceio-sign-on> instead of the JWT.
 * A JWT in a page would be a 30-day key to all of the site's users (anyone reading the page could
 * push logins to any uid, mint more start tokens, verify proofs); a start token is worth one login
 * attempt within 5 minutes, for the site it was minted for, and is gone once used.
 */
interface StartState {
  appId: string;
  site: string;
}

const startKey = (token: string) => `signon:start:${sha256Hex(token)}`;

export async function issueStartToken(bus: Bus, state: StartState): Promise<string> {
  const token = `st_${randomToken()}`;
  await bus.putOnce(startKey(token), JSON.stringify(state), SIGN_ON_LIMITS.startTokenTtlMs);
  return token;
}

/** Takes a start token (once, atomically across nodes), or 1030. */
export async function takeStartToken(bus: Bus, token: string): Promise<StartState> {
  const raw = /^st_[A-Za-z0-9_-]{20,100}$/.test(token) ? await bus.takeOnce(startKey(token)) : null;
  if (!raw)
    throw new SignOnError(
      SIGN_ON_CODES.INVALID_START_TOKEN,
      'start token unknown, expired (5 minutes) or already used: the host backend must call login/start again',
    );
  return JSON.parse(raw) as StartState;
}

/** What a phone registration token stands for (10 minutes; consumed when the device is registered). */
export interface RegistrationState {
  appId: string;
  userId: string;
  uid: string;
  site: string;
  expiresAt: number;
  /** Set by an enrollment session run with this token: the only facial ID POST devices may link. */
  enrolledFacialId?: string;
}

export const REGISTRATION_TTL_MS = 10 * 60_000;
const registrationKey = (token: string) => `signon:reg:${sha256Hex(token)}`;
const REGISTRATION_TOKEN = /^rt_[A-Za-z0-9_-]{20,100}$/;

export async function issueRegistrationToken(bus: Bus, state: RegistrationState): Promise<string> {
  const token = `rt_${randomToken()}`;
  await bus.putOnce(registrationKey(token), JSON.stringify(state), REGISTRATION_TTL_MS);
  return token;
}

/** Reads the registration behind a token without consuming it (the phone page, its enroll session). */
export async function peekRegistration(bus: Bus, token: string): Promise<RegistrationState | null> {
  const raw = REGISTRATION_TOKEN.test(token) ? await bus.get(registrationKey(token)) : null;
  return raw ? (JSON.parse(raw) as RegistrationState) : null;
}

export async function takeRegistration(bus: Bus, token: string): Promise<RegistrationState | null> {
  const raw = REGISTRATION_TOKEN.test(token) ? await bus.takeOnce(registrationKey(token)) : null;
  return raw ? (JSON.parse(raw) as RegistrationState) : null;
}

/** Records the facial ID the registration's enroll session created (kept until the token expires). */
export async function recordRegistrationEnrollment(bus: Bus, registrationTokenHash: string, facialId: string, now: number): Promise<void> {
  const key = `signon:reg:${registrationTokenHash}`;
  const raw = await bus.get(key);
  if (!raw) return;
  const state = JSON.parse(raw) as RegistrationState;
  await bus.set(key, JSON.stringify({ ...state, enrolledFacialId: facialId }), Math.max(1, state.expiresAt - now));
}

export const isRegistrationToken = (token: string): boolean => REGISTRATION_TOKEN.test(token);
