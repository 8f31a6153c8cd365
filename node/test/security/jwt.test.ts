// JWT attacks on the sign-on tokens, now verified with `jose` (issue 12, item 7): alg "none",
// edited claims, HS256/ES256 confusion (the public key used as an HMAC secret), a `jwk` / `kid`
// smuggled in the header, and junk. Every one refused; the genuine tokens accepted.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { signEs256, signHs256, verifyEs256, verifyHs256 } from '../../src/sign-on/jwt.js';
import { nodeKeys } from '../../src/sign-on/tokens.js';
import { backends, type BackendEnv } from '../helpers/backends.js';

const BACKEND = backends()[0]!;
const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

describe('JWT verification refuses the classic attacks', () => {
  let env: BackendEnv;
  before(async () => {
    env = await BACKEND.open();
  });
  after(async () => env?.close());

  it('HS256 app tokens: alg none, edited claims, another secret, junk', async () => {
    const secret = (await nodeKeys(env.db)).appTokenSecret;
    const token = await signHs256({ sub: 'app-1', dom: 'shop.example', exp: 2e9 }, secret);
    assert.deepEqual(await verifyHs256(token, secret), { sub: 'app-1', dom: 'shop.example', exp: 2e9 });
    const [header, , signature] = token.split('.');
    const edited = `${header}.${b64({ sub: 'app-2', dom: 'shop.example', exp: 2e9 })}.${signature}`;
    assert.equal(await verifyHs256(edited, secret), null, 'edited claims');
    assert.equal(await verifyHs256(`${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'app-1' })}.`, secret), null, 'alg none');
    assert.equal(await verifyHs256(await signHs256({ sub: 'app-1' }, Buffer.alloc(32, 7)), secret), null, 'another secret');
    for (const junk of ['', 'a.b', 'a.b.c', '..', `${token}.x`, 'x'.repeat(5000)])
      assert.equal(await verifyHs256(junk, secret), null, junk.slice(0, 20));
  });

  it('ES256 proofs: HS256 with the public key as secret, an embedded jwk, edited claims', async () => {
    const { proof } = await nodeKeys(env.db);
    const token = await signEs256({ sub: 'ada', aud: 'shop.example' }, proof.privateKey, proof.kid);
    assert.equal((await verifyEs256(token, proof.publicKey))?.sub, 'ada');
    // Key confusion: sign HS256 with the bytes of the public JWK / PEM the node publishes.
    for (const keyBytes of [JSON.stringify(proof.publicJwk), proof.publicKey.export({ type: 'spki', format: 'pem' }).toString()]) {
      const input = `${b64({ alg: 'HS256', typ: 'JWT', kid: proof.kid })}.${b64({ sub: 'mallory', aud: 'shop.example' })}`;
      const forged = `${input}.${createHmac('sha256', keyBytes).update(input).digest('base64url')}`;
      assert.equal(await verifyEs256(forged, proof.publicKey), null, 'HS256 signed with the public key');
    }
    const [header, , signature] = token.split('.');
    assert.equal(await verifyEs256(`${header}.${b64({ sub: 'mallory', aud: 'shop.example' })}.${signature}`, proof.publicKey), null, 'edited claims');
    const smuggled = `${b64({ alg: 'ES256', typ: 'JWT', jwk: proof.publicJwk, kid: '../../etc/passwd' })}.${b64({ sub: 'mallory' })}.${signature}`;
    assert.equal(await verifyEs256(smuggled, proof.publicKey), null, 'a header jwk / kid changes nothing');
    assert.equal(await verifyEs256(`${b64({ alg: 'none' })}.${b64({ sub: 'mallory' })}.`, proof.publicKey), null, 'alg none');
  });
});
