import { randomUUID } from 'node:crypto';
import type { App } from '../store/apps.js';
import type { Queryable } from '../store/db.js';
import { SIGN_ON_CODES, SIGN_ON_LIMITS } from './contract.js';
import { SignOnError } from './failures.js';
import { signEs256, verifyEs256 } from './jwt.js';
import { nodeKeys } from './tokens.js';

/**
 * The proof <faceio-sign-on> posts to the host's form-action after a verified result: an ES256
 * JWT the host's backend checks with POST verify_proof (single use, enforced here) or offline
 * against GET jwks.json (then the host must remember `jti` itself until `exp`). Claims:
 *   iss  the node's URL            aud  the site's domain (the one the app token was issued for)
 *   sub  the site user's uid       app  the app's public ID (two apps may share a domain)
 *   jti  unique ID (single use)    iat  when the face was verified    exp  iat + 2 minutes
 */
export interface ProofClaims {
  iss: string;
  aud: string;
  sub: string;
  app: string;
  jti: string;
  iat: number;
  exp: number;
}

export async function signProof(
  db: Queryable,
  fields: { issuer: string; site: string; uid: string; appPublicId: string },
  now: number,
): Promise<{ proof: string; verifiedAt: string }> {
  const keys = await nodeKeys(db);
  const iat = Math.floor(now / 1000);
  const claims: ProofClaims = {
    iss: fields.issuer,
    aud: fields.site,
    sub: fields.uid,
    app: fields.appPublicId,
    jti: randomUUID(),
    iat,
    exp: iat + SIGN_ON_LIMITS.proofTtlMs / 1000,
  };
  return { proof: await signEs256({ ...claims }, keys.proof.privateKey, keys.proof.kid), verifiedAt: new Date(iat * 1000).toISOString() };
}

/**
 * Accepts a proof once, for the app and site of the caller's token: 1031 when it is not the
 * node's, expired, for another site or app, or already used.
 */
export async function redeemProof(
  db: Queryable,
  caller: { app: App; site: string },
  proof: string,
  now: number,
): Promise<{ uid: string; verified_at: string; site: string }> {
  const refuse = (why: string) => new SignOnError(SIGN_ON_CODES.INVALID_PROOF, why);
  const claims = (await verifyEs256(proof, (await nodeKeys(db)).proof.publicKey)) as Partial<ProofClaims> | null;
  if (
    !claims ||
    typeof claims.sub !== 'string' ||
    typeof claims.jti !== 'string' ||
    typeof claims.exp !== 'number' ||
    typeof claims.iat !== 'number'
  ) {
    throw refuse('the proof is not one this node signed');
  }
  if (claims.exp * 1000 <= now) throw refuse('the proof has expired (proofs are valid for 2 minutes)');
  if (claims.aud !== caller.site || claims.app !== caller.app.publicId) throw refuse('the proof was issued for another site');
  const { rows } = await db.query('INSERT INTO sign_on_used_proofs (jti, expires_at) VALUES ($1, $2) ON CONFLICT (jti) DO NOTHING RETURNING jti', [
    claims.jti,
    new Date(claims.exp * 1000).toISOString(),
  ]);
  if (rows.length === 0) throw refuse('the proof was already used (proofs are single use)');
  return { uid: claims.sub, verified_at: new Date(claims.iat * 1000).toISOString(), site: claims.aud };
}

/** The proof-signing public key as a JWK Set (RFC 7517), for hosts that verify offline. */
export async function jwks(db: Queryable): Promise<{ keys: Record<string, unknown>[] }> {
  return { keys: [(await nodeKeys(db)).proof.publicJwk] };
}

/** Used proof IDs past their expiry can go: an expired proof is refused anyway. */
export async function forgetExpiredProofs(db: Queryable, now: number): Promise<number> {
  const { rows } = await db.query('DELETE FROM sign_on_used_proofs WHERE expires_at < $1 RETURNING jti', [new Date(now).toISOString()]);
  return rows.length;
}
