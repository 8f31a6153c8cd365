import { createPublicKey, type KeyObject } from 'node:crypto';
import { compactVerify, SignJWT } from 'jose';

// Compact JWS with `jose` (issue 12, item 7: the maintained library, not hand-written JOSE). The
// node signs and checks exactly two token kinds — HS256 app tokens and ES256 proofs — and pins the
// algorithm on every check, which closes the classic holes (alg "none", HS/ES confusion, a key
// swapped in through the header). Only the signature is checked here: the claims (expiry against
// the injected clock, audience, single use) are each caller's, with its own error code.

export type Claims = Record<string, unknown> & { exp?: number; iat?: number; jti?: string };

/** Longest token accepted (ours are ~300 characters): anything longer is not ours. */
const MAX_TOKEN_LENGTH = 4096;

export function signHs256(claims: Claims, secret: Uint8Array): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(secret);
}

export function signEs256(claims: Claims, privateKey: KeyObject, kid: string): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid }).sign(privateKey);
}

/** The claims of a compact JWS signed with `key` under exactly `alg`, or null (wrong alg, bad signature, malformed, claims not an object). */
async function verified(token: string, key: Uint8Array | KeyObject, alg: 'HS256' | 'ES256'): Promise<Claims | null> {
  if (token.length > MAX_TOKEN_LENGTH) return null;
  try {
    const { payload } = await compactVerify(token, key, { algorithms: [alg] });
    const claims = JSON.parse(new TextDecoder().decode(payload)) as unknown;
    return claims && typeof claims === 'object' && !Array.isArray(claims) ? (claims as Claims) : null;
  } catch {
    return null;
  }
}

/** The claims of an HS256 token signed with `secret`, or null. Expiry is the caller's check. */
export const verifyHs256 = (token: string, secret: Uint8Array): Promise<Claims | null> => verified(token, secret, 'HS256');

/** The claims of an ES256 token signed by `publicKey`, or null. Expiry and audience are the caller's checks. */
export const verifyEs256 = (token: string, publicKey: KeyObject): Promise<Claims | null> => verified(token, publicKey, 'ES256');

/** A P-256 public key from its JWK (as /jwks.json publishes it). */
export const publicKeyFromJwk = (jwk: Record<string, unknown>): KeyObject =>
  createPublicKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' });
