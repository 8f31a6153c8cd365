import { randomBytes } from 'node:crypto';
import type { AppSettings } from '../settings.js';
import { effectiveSettings } from '../settings.js';
import { newApiKey, newPublicId, newSecret, newWebhookSecret, sha256Hex } from '../security/secrets.js';
import type { Queryable } from './db.js';

export type AppStatus = 'active' | 'paused' | 'blocked';

export interface App {
  id: string;
  publicId: string;
  name: string;
  status: AppStatus;
  origins: string[];
  settings: AppSettings;
  pinPepper: Uint8Array;
  /** HMAC key for webhook signatures: the only secret stored in clear, because the node must sign with it. */
  webhookSecret: string;
  apiKeyHash: string;
  secretHash: string;
}

interface AppRow {
  id: string;
  public_id: string;
  name: string;
  status: AppStatus;
  origins: string[];
  settings: Partial<AppSettings> & { webhookSecret?: string };
  pin_pepper: Uint8Array;
  api_key_hash: string;
  secret_hash: string;
}

const toApp = (r: AppRow): App => {
  const { webhookSecret = '', ...settings } = r.settings ?? {};
  return {
    id: r.id,
    publicId: r.public_id,
    name: r.name,
    status: r.status,
    origins: r.origins,
    settings: effectiveSettings(settings),
    pinPepper: r.pin_pepper,
    webhookSecret,
    apiKeyHash: r.api_key_hash,
    secretHash: r.secret_hash,
  };
};

export interface CreatedApp {
  app: App;
  /** Shown once; only hashes are stored. */
  apiKey: string;
  secret: string;
  webhookSecret: string;
}

/** Origins are compared as `scheme://host[:port]`, lower-case, no path. */
export function normalizeOrigin(origin: string): string {
  const url = new URL(origin);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`origin must be http(s): ${origin}`);
  return url.origin.toLowerCase();
}

/** The normalised Origin header of a request, or null when absent, "null" or not an http(s) origin. */
export function originOf(header: string | undefined): string | null {
  if (!header || header === 'null') return null;
  try {
    return normalizeOrigin(header);
  } catch {
    return null;
  }
}

export async function createApp(db: Queryable, name: string, origins: string[]): Promise<CreatedApp> {
  const apiKey = newApiKey();
  const secret = newSecret();
  const webhookSecret = newWebhookSecret();
  const { rows } = await db.query<AppRow>(
    `INSERT INTO apps (public_id, name, api_key_hash, secret_hash, origins, settings, pin_pepper)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
    [newPublicId(), name, sha256Hex(apiKey), sha256Hex(secret), origins.map(normalizeOrigin), JSON.stringify({ webhookSecret }), randomBytes(32)],
  );
  return { app: toApp(rows[0]!), apiKey, secret, webhookSecret };
}

export async function findAppByPublicId(db: Queryable, publicId: string): Promise<App | null> {
  const { rows } = await db.query<AppRow>('SELECT * FROM apps WHERE public_id = $1', [publicId]);
  return rows[0] ? toApp(rows[0]) : null;
}

export async function findAppById(db: Queryable, id: string): Promise<App | null> {
  const { rows } = await db.query<AppRow>('SELECT * FROM apps WHERE id = $1', [id]);
  return rows[0] ? toApp(rows[0]) : null;
}

/** Looks an app up by the SHA-256 of its API key (the caller then checks the secret in constant time). */
export async function findAppByApiKey(db: Queryable, apiKey: string): Promise<App | null> {
  const { rows } = await db.query<AppRow>('SELECT * FROM apps WHERE api_key_hash = $1', [sha256Hex(apiKey)]);
  return rows[0] ? toApp(rows[0]) : null;
}

export async function listApps(db: Queryable): Promise<App[]> {
  const { rows } = await db.query<AppRow>('SELECT * FROM apps ORDER BY created_at');
  return rows.map(toApp);
}

/** Merges validated settings into the stored ones (the webhook secret is kept). */
export async function updateSettings(db: Queryable, appId: string, changes: Partial<AppSettings>): Promise<App> {
  const { rows } = await db.query<AppRow>('UPDATE apps SET settings = settings || $2::jsonb WHERE id = $1 RETURNING *', [
    appId,
    JSON.stringify(changes),
  ]);
  if (!rows[0]) throw new Error(`no app ${appId}`);
  return toApp(rows[0]);
}

export async function updateApp(db: Queryable, appId: string, changes: { status?: AppStatus; origins?: string[]; name?: string }): Promise<App> {
  const current = await findAppById(db, appId);
  if (!current) throw new Error(`no app ${appId}`);
  const { rows } = await db.query<AppRow>('UPDATE apps SET status = $2, origins = $3, name = $4 WHERE id = $1 RETURNING *', [
    appId,
    changes.status ?? current.status,
    (changes.origins ?? current.origins).map(normalizeOrigin),
    changes.name ?? current.name,
  ]);
  return toApp(rows[0]!);
}
