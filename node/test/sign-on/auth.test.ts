import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SIGN_ON_CODES, SIGN_ON_LIMITS } from '../../src/sign-on/contract.js';
import { updateApp } from '../../src/store/apps.js';
import { backends, type BackendEnv } from '../helpers/backends.js';
import { assertFailure, assertOk, fakeFacialId, siteWithToken, startSignOnNode, userWithPhone, type SignOnTestNode } from './helpers.js';

// Module level: backends() registers the shared servers' shutdown as a file-level hook.
const BACKEND = backends()[0]!;
const C = SIGN_ON_CODES;

const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
const headerOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString('utf8')) as Record<string, unknown>;

describe('sign-on: application_auth and the app token', () => {
  let env: BackendEnv;
  let node: SignOnTestNode;
  before(async () => {
    env = await BACKEND.open();
    node = await startSignOnNode(env);
  });
  after(async () => {
    await node?.close();
    await env?.close();
  });

  it("answers Axiam's shape: a 30-day HS256 JWT for the app and domain", async () => {
    const created = await node.createApp({}, ['https://shop.example', 'https://www.other.example:8443']);
    const answer = await node.call('POST', 'application_auth', {
      body: { api_key: created.apiKey, secret_key: created.secret, domain: 'shop.example' },
    });
    assert.equal(answer.status, 200);
    assert.deepEqual(Object.keys(answer.body).sort(), ['data', 'success']);
    assert.deepEqual(Object.keys(answer.body.data!).sort(), ['authenticated_token', 'expires_in']);
    assert.equal(answer.body.data!.expires_in, 2_592_000);
    const jwt = String(answer.body.data!.authenticated_token);
    assert.deepEqual(headerOf(jwt), { alg: 'HS256', typ: 'JWT' });
    const claims = claimsOf(jwt);
    assert.equal(claims.sub, created.app.id);
    assert.equal(claims.dom, 'shop.example');
    assert.equal(typeof claims.jti, 'string');
    assert.equal(Number(claims.exp) - Number(claims.iat), SIGN_ON_LIMITS.appTokenTtlSeconds);
    // A domain may be given as a URL, with any case; the port does not matter (hostnames are compared).
    for (const domain of ['https://WWW.other.example:8443/login', 'www.other.example']) {
      const other = await node.call('POST', 'application_auth', { body: { api_key: created.apiKey, secret_key: created.secret, domain } });
      assert.equal(claimsOf(String(assertOk(other).authenticated_token)).dom, 'www.other.example');
    }
  });

  it('refuses wrong credentials with 1001 (401), alike for an unknown key and a wrong secret', async () => {
    const created = await node.createApp({}, ['https://shop.example']);
    const wrongSecret = await node.call('POST', 'application_auth', {
      body: { api_key: created.apiKey, secret_key: 'ofs_wrong', domain: 'shop.example' },
      ip: '10.1.0.1',
    });
    const unknownKey = await node.call('POST', 'application_auth', {
      body: { api_key: 'ofk_unknown', secret_key: created.secret, domain: 'shop.example' },
      ip: '10.1.0.1',
    });
    assertFailure(wrongSecret, C.BAD_CREDENTIALS, 401);
    assertFailure(unknownKey, C.BAD_CREDENTIALS, 401);
    assert.equal(wrongSecret.body.message, unknownKey.body.message);
  });

  it('refuses a domain the app did not register with 1002 (401)', async () => {
    const created = await node.createApp({}, ['https://shop.example']);
    const answer = await node.call('POST', 'application_auth', {
      body: { api_key: created.apiKey, secret_key: created.secret, domain: 'evil.example' },
    });
    const body = assertFailure(answer, C.DOMAIN_MISMATCH, 401);
    assert.match(String(body.message), /evil\.example.*shop\.example/);
  });

  it('refuses an IP after 20 failed attempts in 15 minutes', async () => {
    const created = await node.createApp({}, ['https://shop.example']);
    for (let i = 0; i < 20; i++)
      await node.call('POST', 'application_auth', { body: { api_key: 'ofk_x', secret_key: 'y', domain: 'shop.example' }, ip: '10.1.1.1' });
    const answer = await node.call('POST', 'application_auth', {
      body: { api_key: created.apiKey, secret_key: created.secret, domain: 'shop.example' },
      ip: '10.1.1.1',
    });
    assertFailure(answer, C.BAD_CREDENTIALS, 429);
    assert.ok(answer.headers['retry-after']);
  });

  it('refuses a missing, tampered, alg:none, foreign or expired token, and one for a dropped domain, with 1003', async () => {
    const site = await siteWithToken(node);
    const push = (token?: string) =>
      node.call('POST', 'login/push_notification', { body: { id: 'nobody' }, ...(token ? { token } : {}), ip: '10.1.2.1' });
    assertFailure(await push(), C.INVALID_APP_TOKEN, 401);
    const [h, p, s] = site.token.split('.');
    const otherClaims = Buffer.from(JSON.stringify({ ...claimsOf(site.token), sub: '00000000-0000-4000-8000-000000000000' })).toString('base64url');
    assertFailure(await push(`${h}.${otherClaims}.${s}`), C.INVALID_APP_TOKEN);
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    assertFailure(await push(`${none}.${p}.`), C.INVALID_APP_TOKEN);
    // Another node (another store, another secret): its tokens mean nothing here.
    const otherEnv = await BACKEND.open();
    const otherNode = await startSignOnNode(otherEnv);
    try {
      const foreign = await siteWithToken(otherNode);
      assertFailure(await push(foreign.token), C.INVALID_APP_TOKEN);
    } finally {
      await otherNode.close();
      await otherEnv.close();
    }
    assert.equal((await push(site.token)).body.code, C.USER_NOT_FOUND, 'the valid token itself is accepted');
    await updateApp(env.db, site.appId, { origins: ['https://shop2.example'] });
    assertFailure(await push(site.token), C.INVALID_APP_TOKEN);
    const fresh = await siteWithToken(node);
    node.clock.advance(SIGN_ON_LIMITS.appTokenTtlSeconds * 1000 + 1000);
    const expired = assertFailure(await push(fresh.token), C.INVALID_APP_TOKEN);
    assert.match(String(expired.message), /expired/);
  });

  it('publishes the proof key as a JWKS, private part never; keeps its private material only in the store', async () => {
    const answer = await node.call('GET', 'jwks.json');
    assert.equal(answer.status, 200);
    const keys = answer.body.keys as Record<string, unknown>[];
    assert.equal(keys.length, 1);
    assert.deepEqual(Object.keys(keys[0]!).sort(), ['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
    assert.equal(keys[0]!.alg, 'ES256');
    assert.equal(keys[0]!.crv, 'P-256');
    const stored = await env.db.query<{ name: string }>('SELECT name FROM node_keys ORDER BY name');
    assert.deepEqual(
      stored.rows.map((r) => r.name),
      ['sign-on-app-token-hs256', 'sign-on-proof-es256'],
    );
  });

  it('verify_proof: 1003 without the app token, 1031 for something that is not a proof, 1040 without one', async () => {
    const site = await siteWithToken(node);
    assertFailure(await node.call('POST', 'verify_proof', { body: { proof: 'x.y.z' } }), C.INVALID_APP_TOKEN);
    assertFailure(await node.call('POST', 'verify_proof', { token: site.token, body: { proof: site.token } }), C.INVALID_PROOF, 401);
    assertFailure(await node.call('POST', 'verify_proof', { token: site.token, body: {} }), C.BAD_REQUEST, 400);
  });

  it('answers the VAPID key, or 1012 when the node has no Web Push; unknown routes in the SignOnFailure shape', async () => {
    assert.equal(assertOk(await node.call('GET', 'vapid_public_key')).public_key, node.push.publicKey);
    const saved = node.deps.pushSender;
    delete node.deps.pushSender;
    try {
      const answer = assertFailure(await node.call('GET', 'vapid_public_key'), C.NO_DEVICE, 503);
      assert.match(String(answer.message), /no Web Push/);
      const site = await siteWithToken(node);
      await userWithPhone(node, site.token, 'u-nopush', await fakeFacialId(env, site.appId));
      assertFailure(
        await node.call('POST', 'login/push_notification', { token: site.token, body: { id: 'u-nopush' }, ip: '10.1.3.1' }),
        C.NO_DEVICE,
        503,
      );
    } finally {
      node.deps.pushSender = saved;
    }
    assertFailure(await node.call('GET', 'no/such/route'), C.BAD_REQUEST, 404);
  });
});
