// Key rotation (console and admin API): new credentials replace the old ones at once; only their
// hashes are stored, so the new values are returned once, to the caller.
import { newApiKey, newSecret, newWebhookSecret, sha256Hex } from '../security/secrets.js';
import type { Queryable } from './db.js';

/** A new API key and secret; the old pair stops working immediately. */
export async function rotateApiKeys(db: Queryable, appId: string): Promise<{ apiKey: string; secret: string }> {
  const apiKey = newApiKey();
  const secret = newSecret();
  const { affectedRows } = await db.query('UPDATE apps SET api_key_hash = $2, secret_hash = $3 WHERE id = $1', [
    appId,
    sha256Hex(apiKey),
    sha256Hex(secret),
  ]);
  if (affectedRows === 0) throw new Error(`no app ${appId}`);
  return { apiKey, secret };
}

/** A new webhook signing secret (deliveries from now on are signed with it). */
export async function rotateWebhookSecret(db: Queryable, appId: string): Promise<string> {
  const webhookSecret = newWebhookSecret();
  const { affectedRows } = await db.query("UPDATE apps SET settings = settings || jsonb_build_object('webhookSecret', $2::text) WHERE id = $1", [
    appId,
    webhookSecret,
  ]);
  if (affectedRows === 0) throw new Error(`no app ${appId}`);
  return webhookSecret;
}
