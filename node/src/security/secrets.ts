import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API keys and secrets are 256-bit random strings shown once at creation. The node stores only
 * their SHA-256: a fast hash is right for high-entropy secrets (nothing to brute-force), and it lets
 * the key be looked up by hash. Comparisons are constant-time.
 */
export const sha256Hex = (value: string): string => createHash('sha256').update(value).digest('hex');

export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** Constant-time equality of two strings (false on different lengths, without early exit on content). */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  if (ab.length !== bb.length) {
    timingSafeEqual(ab, ab);
    return false;
  }
  return timingSafeEqual(ab, bb);
}

/** True when `presented` hashes to `storedHash` (constant-time). */
export const matchesHash = (presented: string, storedHash: string): boolean => safeEqual(sha256Hex(presented), storedHash);

export function newPublicId(): string {
  // Lower-case base32-ish, unambiguous: easy to read out and to paste in an attribute.
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(10);
  return `ofio_${Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('')}`;
}

export const newApiKey = (): string => `ofk_${randomToken()}`;
export const newSecret = (): string => `ofs_${randomToken()}`;
export const newWebhookSecret = (): string => `whsec_${randomToken()}`;

/** Keyed digest used only to test PIN uniqueness within an app (argon2id hashes are salted, so they can't be compared). */
export const pinDigest = (pepper: Uint8Array, pin: string): string => createHmac('sha256', pepper).update(pin).digest('hex');
