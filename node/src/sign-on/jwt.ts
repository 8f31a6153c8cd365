import { createHmac, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { safeEqual } from '../security/secrets.js';

// Compact JWS with node:crypto rather than `jose`: the node signs and checks exactly two token
// kinds (HS256 app tokens, ES256 proofs) with fixed headers, so ~60 lines with no dependency do it,
// and pinning `alg` per call closes the classic JWT holes (alg "none", HS/ES confusion) by
// construction. Hosts verifying proofs offline use any JOSE library against /jwks.json.

export type Claims = Record<string, unknown> & { exp?: number; iat?: number; jti?: string };

const b64u = (value: Buffer | string): string => Buffer.from(value).toString('base64url');

function encode(header: Record<string, string>, claims: Claims): string {
  return `${b64u(JSON.stringify(header))}.${b64u(JSON.stringify(claims))}`;
}

/** The parts of a compact JWS, or null when it is not one. Header and payload must be JSON objects. */
function parse(token: string): { header: Record<string, unknown>; claims: Claims; signingInput: string; signature: Buffer } | null {
  if (token.length > 4096) return null;
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) return null;
  try {
    const header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')) as unknown;
    const claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as unknown;
    if (!header || typeof header !== 'object' || !claims || typeof claims !== 'object' || Array.isArray(claims)) return null;
    return {
      header: header as Record<string, unknown>,
      claims: claims as Claims,
      signingInput: `${parts[0]}.${parts[1]}`,
      signature: Buffer.from(parts[2]!, 'base64url'),
    };
  } catch {
    return null;
  }
}

export function signHs256(claims: Claims, secret: Uint8Array): string {
  const input = encode({ alg: 'HS256', typ: 'JWT' }, claims);
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** The claims of an HS256 token signed with `secret`, or null (wrong alg, bad signature, malformed). Expiry is the caller's check. */
export function verifyHs256(token: string, secret: Uint8Array): Claims | null {
  const jws = parse(token);
  if (!jws || jws.header.alg !== 'HS256') return null;
  const expected = createHmac('sha256', secret).update(jws.signingInput).digest('base64url');
  return safeEqual(jws.signature.toString('base64url'), expected) ? jws.claims : null;
}

export function signEs256(claims: Claims, privateKey: KeyObject, kid: string): string {
  const input = encode({ alg: 'ES256', typ: 'JWT', kid }, claims);
  // JWS wants the raw r||s signature (RFC 7518 §3.4), not DER.
  return `${input}.${b64u(sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' }))}`;
}

/** The claims of an ES256 token signed by `publicKey`, or null. Expiry and audience are the caller's checks. */
export function verifyEs256(token: string, publicKey: KeyObject): Claims | null {
  const jws = parse(token);
  if (!jws || jws.header.alg !== 'ES256' || jws.signature.length !== 64) return null;
  const ok = verify('sha256', Buffer.from(jws.signingInput), { key: publicKey, dsaEncoding: 'ieee-p1363' }, jws.signature);
  return ok ? jws.claims : null;
}

/** A P-256 public key from its JWK (as /jwks.json publishes it). */
export const publicKeyFromJwk = (jwk: Record<string, unknown>): KeyObject =>
  createPublicKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' });
