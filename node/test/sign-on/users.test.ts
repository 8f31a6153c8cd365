import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SIGN_ON_CODES } from '../../src/sign-on/contract.js';
import { backends, type BackendEnv } from '../helpers/backends.js';
import { assertFailure, assertOk, fakeFacialId, siteWithToken, startSignOnNode, subscription, type SignOnTestNode } from './helpers.js';

// Module level: backends() registers the shared servers' shutdown as a file-level hook.
const BACKEND = backends()[0]!;
const C = SIGN_ON_CODES;

describe('sign-on: site users and phone registration', () => {
  let env: BackendEnv;
  let node: SignOnTestNode;
  let site: Awaited<ReturnType<typeof siteWithToken>>;
  before(async () => {
    env = await BACKEND.open();
    node = await startSignOnNode(env);
    site = await siteWithToken(node);
  });
  after(async () => {
    await node?.close();
    await env?.close();
  });

  it('POST users creates or updates the user and answers a one-time registration link', async () => {
    const facialId = await fakeFacialId(env, site.appId);
    const data = assertOk(await node.call('POST', 'users', { token: site.token, body: { uid: 'u1', email: 'u1@example.com', facial_id: facialId } }));
    assert.equal(data.uid, 'u1');
    assert.equal(data.facial_id, facialId);
    assert.equal(data.expires_in, 600);
    assert.match(String(data.registration_token), /^rt_/);
    assert.equal(data.registration_url, `http://localhost:80/sign-on/register#t=${String(data.registration_token)}`);
    // An update keeps what it does not name; null clears.
    const updated = assertOk(await node.call('POST', 'users', { token: site.token, body: { uid: 'u1', email: null } }));
    assert.deepEqual([updated.email, updated.facial_id], [null, facialId]);
  });

  it("refuses another app's facial ID (404), a taken e-mail (409), a bad body (1040)", async () => {
    const other = await siteWithToken(node, 'https://other.example');
    const foreign = await fakeFacialId(env, other.appId);
    assertFailure(await node.call('POST', 'users', { token: site.token, body: { uid: 'u2', facial_id: foreign } }), C.BAD_REQUEST, 404);
    assertOk(await node.call('POST', 'users', { token: site.token, body: { uid: 'u3', email: 'same@example.com' } }));
    assertFailure(await node.call('POST', 'users', { token: site.token, body: { uid: 'u4', email: 'SAME@example.com' } }), C.BAD_REQUEST, 409);
    // The same e-mail in another site is another person.
    assertOk(await node.call('POST', 'users', { token: other.token, body: { uid: 'u4', email: 'same@example.com' } }));
    assertFailure(await node.call('POST', 'users', { token: site.token, body: { email: 'x@example.com' } }), C.BAD_REQUEST, 400);
    assertFailure(await node.call('POST', 'users', { body: { uid: 'u5' } }), C.INVALID_APP_TOKEN, 401);
  });

  it('the registration page reads its token; POST devices registers the phone once', async () => {
    const { registration_token: token } = assertOk(await node.call('POST', 'users', { token: site.token, body: { uid: 'u6' } }));
    const page = assertOk(await node.call('GET', `registration/${String(token)}`));
    assert.deepEqual(page, {
      public_id: site.publicId,
      site: 'shop.example',
      uid: 'u6',
      facial_id: null,
      enrolled_facial_id: null,
      expires_at: page.expires_at,
    });
    const device = assertOk(await node.call('POST', 'devices', { body: { registration_token: token, subscription: subscription('u6') } }));
    assert.deepEqual(device, { uid: 'u6', site: 'shop.example', device_registered: true, facial_id: null });
    assertFailure(
      await node.call('POST', 'devices', { body: { registration_token: token, subscription: subscription('u6b') } }),
      C.INVALID_VERIFICATION_TOKEN,
      404,
    );
    assertFailure(await node.call('GET', `registration/${String(token)}`), C.INVALID_VERIFICATION_TOKEN, 404);
    const { rows } = await env.db.query("SELECT d.subscription FROM sign_on_devices d JOIN sign_on_users u ON u.id = d.user_id WHERE u.uid = 'u6'");
    assert.deepEqual(rows, [{ subscription: subscription('u6') }]);
  });

  it('POST devices: only an https push service (http on loopback), and no facial ID the registration did not enroll', async () => {
    const { registration_token: token } = assertOk(await node.call('POST', 'users', { token: site.token, body: { uid: 'u7' } }));
    const withEndpoint = (endpoint: string) => ({ registration_token: token, subscription: { ...subscription('u7'), endpoint } });
    assertFailure(await node.call('POST', 'devices', { body: withEndpoint('http://10.0.0.5/internal') }), C.BAD_REQUEST, 400);
    assertFailure(await node.call('POST', 'devices', { body: withEndpoint('file:///etc/passwd') }), C.BAD_REQUEST, 400);
    const someoneElse = await fakeFacialId(env, site.appId);
    assertFailure(
      await node.call('POST', 'devices', { body: { ...withEndpoint('https://push.example/x'), facial_id: someoneElse } }),
      C.BAD_REQUEST,
      403,
    );
    assertOk(await node.call('POST', 'devices', { body: withEndpoint('http://127.0.0.1:9999/push') }));
  });

  it('DELETE users/:uid removes the user and its phones (1007 after)', async () => {
    const { registration_token: token } = assertOk(await node.call('POST', 'users', { token: site.token, body: { uid: 'u8' } }));
    assertOk(await node.call('POST', 'devices', { body: { registration_token: token, subscription: subscription('u8') } }));
    assert.deepEqual(assertOk(await node.call('DELETE', 'users/u8', { token: site.token })), { uid: 'u8', deleted: true });
    assertFailure(await node.call('DELETE', 'users/u8', { token: site.token }), C.USER_NOT_FOUND, 404);
    const { rows } = await env.db.query("SELECT 1 FROM sign_on_devices WHERE subscription->>'endpoint' = $1", [subscription('u8').endpoint]);
    assert.equal(rows.length, 0);
  });
});
