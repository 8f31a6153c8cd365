import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SIGN_ON_CODES } from '../../src/sign-on/contract.js';
import { backends, type BackendEnv } from '../helpers/backends.js';
import {
  assertFailure,
  assertOk,
  fakeFacialId,
  siteWithToken,
  startSignOnNode,
  subscription,
  userWithPhone,
  type SignOnTestNode,
} from './helpers.js';

// Module level: backends() registers the shared servers' shutdown as a file-level hook.
const BACKEND = backends()[0]!;
const C = SIGN_ON_CODES;
const SHOP = 'https://shop.example';

describe('sign-on: starting a login (push_notification, start token, widget login, the phone page look-up)', () => {
  let env: BackendEnv;
  let node: SignOnTestNode;
  let site: Awaited<ReturnType<typeof siteWithToken>>;
  let ip = 0;
  /** One address per call unless a test is about per-IP limits (10 pushes per 5 minutes per IP). */
  const nextIp = () => `10.2.${Math.floor(++ip / 250)}.${ip % 250}`;
  const push = (id: string, token = site.token, address = nextIp()) =>
    node.call('POST', 'login/push_notification', { token, body: { id }, ip: address });

  before(async () => {
    env = await BACKEND.open();
    node = await startSignOnNode(env);
    site = await siteWithToken(node, SHOP);
    await userWithPhone(node, site.token, 'alice', await fakeFacialId(env, site.appId));
  });
  after(async () => {
    await node?.close();
    await env?.close();
  });

  it("push_notification: Axiam's shape plus the subscription secret, and a push to the phone with the verify link", async () => {
    const before = node.push.sent.length;
    const answer = await push('alice');
    assert.deepEqual(Object.keys(answer.body).sort(), ['data', 'success']);
    const data = assertOk(answer);
    assert.deepEqual(Object.keys(data).sort(), ['subscription_secret', 'verification_token']);
    assert.match(String(data.verification_token), /^vt_[\w-]{43}$/);
    assert.match(String(data.subscription_secret), /^ss_[\w-]{43}$/);
    assert.equal(node.push.sent.length, before + 1);
    const sent = node.push.sent.at(-1)!;
    assert.equal(sent.subscription.endpoint, subscription('alice').endpoint);
    assert.equal(sent.payload.type, 'sign-on');
    assert.equal(sent.payload.site, 'shop.example');
    assert.equal(sent.payload.url, `http://localhost:80/sign-on/verify#t=${String(data.verification_token)}`);
    assert.ok(Date.parse(sent.payload.expiresAt) - node.clock.now() === 10 * 60_000);
    // Only hashes are stored.
    const rows = await env.db.query('SELECT * FROM sign_on_verifications');
    const dump = JSON.stringify(rows.rows);
    assert.ok(!dump.includes(String(data.verification_token)) && !dump.includes(String(data.subscription_secret)));
  });

  it('1007 for an unknown uid, and for a uid that exists only in another site (tenant isolation)', async () => {
    assertFailure(await push('nobody'), C.USER_NOT_FOUND, 404);
    const other = await siteWithToken(node, 'https://other.example');
    await userWithPhone(node, other.token, 'bob', await fakeFacialId(env, other.appId));
    assertOk(await push('bob', other.token));
    assertFailure(await push('bob'), C.USER_NOT_FOUND, 404);
    assertFailure(await push('alice', other.token), C.USER_NOT_FOUND, 404);
  });

  it('1012 when the user has no phone, or only dead subscriptions (which are then removed)', async () => {
    assertOk(await node.call('POST', 'users', { token: site.token, body: { uid: 'carol', facial_id: await fakeFacialId(env, site.appId) } }));
    const none = assertFailure(await push('carol'), C.NO_DEVICE, 404);
    assert.match(String(none.message), /no registered phone/);
    await userWithPhone(node, site.token, 'dave', await fakeFacialId(env, site.appId));
    node.push.dead.add(subscription('dave').endpoint);
    assertFailure(await push('dave'), C.NO_DEVICE);
    const left = await env.db.query("SELECT d.id FROM sign_on_devices d JOIN sign_on_users u ON u.id = d.user_id WHERE u.uid = 'dave'");
    assert.equal(left.rows.length, 0, 'the 410 Gone subscription is deleted');
    // A user without a linked face cannot be verified on any phone.
    assertOk(await node.call('POST', 'users', { token: site.token, body: { uid: 'erin' } }));
    assert.match(String(assertFailure(await push('erin'), C.NO_DEVICE).message), /no facial ID linked/);
  });

  it('1022 after 10 pushes per 5 minutes from one IP, 1023 after 5 per 5 minutes for one uid', async () => {
    for (const uid of ['p1', 'p2', 'p3', 'p4']) await userWithPhone(node, site.token, uid, await fakeFacialId(env, site.appId));
    for (let i = 0; i < 5; i++) assertOk(await push('p1'));
    const perUser = assertFailure(await push('p1'), C.PUSH_RATE_PER_CLIENT, 429);
    assert.ok(Number(perUser.http_code) === 429);
    for (let i = 0; i < 10; i++) await push(i % 2 ? 'p2' : 'p3', site.token, '10.3.0.1');
    const perIp = await push('p2', site.token, '10.3.0.1');
    assertFailure(perIp, C.PUSH_RATE_PER_IP, 429);
    assert.ok(Number(perIp.headers['retry-after']) > 0);
    // The site's backend forwards each browser's address (Axiam's X-Forwarded-For): the limit counts
    // the browser, so the backend's own address is not one shared bucket for all its users.
    const forwarded = (id: string, browser: string) =>
      node.call('POST', 'login/push_notification', {
        token: site.token,
        body: { id },
        ip: '10.3.0.1',
        headers: { 'x-forwarded-for': `${browser}, 10.3.0.1` },
      });
    assertOk(await forwarded('p4', '203.0.113.7'));
    await env.elapse(5 * 60_000 + 1);
    assertOk(await push('p1'));
  });

  it('login/start: a single-use start token; widget/login consumes it (1030 the second time)', async () => {
    const start = assertOk(await node.call('POST', 'login/start', { token: site.token, body: {} }));
    assert.match(String(start.start_token), /^st_/);
    assert.equal(start.expires_in, 300);
    const login = (startToken: unknown) =>
      node.call('POST', 'widget/login', { body: { start_token: startToken, id: 'alice' }, headers: { origin: SHOP }, ip: nextIp() });
    const first = await login(start.start_token);
    const data = assertOk(first);
    assert.equal(data.device, true);
    assert.match(String(data.verify_url), /\/sign-on\/verify#t=vt_/);
    assert.equal(first.headers['access-control-allow-origin'], SHOP);
    const again = await login(start.start_token);
    assertFailure(again, C.INVALID_START_TOKEN, 401);
    assert.equal(again.headers['access-control-allow-origin'], SHOP, 'the page can read the refusal');
    assertFailure(await node.call('POST', 'login/start', { body: {} }), C.INVALID_APP_TOKEN);
  });

  it('widget/login without a phone: no push, device:false and the verify URL for the QR code; lookup by e-mail', async () => {
    await node.call('POST', 'users', {
      token: site.token,
      body: { uid: 'frank', email: 'Frank@Example.com', facial_id: await fakeFacialId(env, site.appId) },
    });
    const start = assertOk(await node.call('POST', 'login/start', { token: site.token }));
    const before = node.push.sent.length;
    const answer = await node.call('POST', 'widget/login', {
      body: { start_token: start.start_token, email: 'frank@example.com' },
      headers: { origin: SHOP },
      ip: nextIp(),
    });
    const data = assertOk(answer);
    assert.equal(data.device, false);
    assert.match(String(data.verify_url), /^http:\/\/localhost:80\/sign-on\/verify#t=vt_/);
    assert.ok(String(data.verify_url).endsWith(String(data.verification_token)));
    assert.ok(data.subscription_secret && data.expires_at);
    assert.equal(node.push.sent.length, before);
  });

  it('widget/login: CORS preflight for registered origins only; another origin gets 1002; a missing user 1007', async () => {
    const preflight = await node.call('OPTIONS', 'widget/login', { headers: { origin: SHOP, 'access-control-request-method': 'POST' } });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers['access-control-allow-origin'], SHOP);
    const stranger = await node.call('OPTIONS', 'widget/login', {
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    assert.equal(stranger.headers['access-control-allow-origin'], undefined);
    const other = await siteWithToken(node, 'https://other2.example');
    const start = assertOk(await node.call('POST', 'login/start', { token: site.token }));
    // other2.example is registered (by another app), so the browser may read the answer, but this start token is shop.example's.
    assertFailure(
      await node.call('POST', 'widget/login', {
        body: { start_token: start.start_token, id: 'alice' },
        headers: { origin: 'https://other2.example' },
      }),
      C.DOMAIN_MISMATCH,
      403,
    );
    const start2 = assertOk(await node.call('POST', 'login/start', { token: other.token }));
    assertFailure(
      await node.call('POST', 'widget/login', {
        body: { start_token: start2.start_token, id: 'alice' },
        headers: { origin: 'https://other2.example' },
      }),
      C.USER_NOT_FOUND,
    );
    assertFailure(await node.call('POST', 'widget/login', { body: { start_token: start2.start_token } }), C.BAD_REQUEST, 400);
  });

  it('GET verification/:token: what the phone page needs; 1004 unknown, 1005 used, 1004 expired', async () => {
    const data = assertOk(await push('alice'));
    const look = assertOk(await node.call('GET', `verification/${String(data.verification_token)}`, { ip: nextIp() }));
    assert.deepEqual(Object.keys(look).sort(), ['expires_at', 'facial_id', 'public_id', 'site']);
    assert.equal(look.public_id, site.publicId);
    assert.equal(look.site, 'shop.example');
    assertFailure(await node.call('GET', 'verification/vt_unknownunknownunknownunknown', { ip: nextIp() }), C.INVALID_VERIFICATION_TOKEN, 404);
    // Used by a scan session (the phone page's next step): 1005.
    const started = await node.app.inject({
      method: 'POST',
      url: '/v1/sessions',
      payload: { publicId: site.publicId, op: 'authenticate', signOnToken: data.verification_token },
      headers: { origin: 'http://localhost' },
    });
    assert.equal(started.statusCode, 201, started.body);
    assertFailure(await node.call('GET', `verification/${String(data.verification_token)}`, { ip: nextIp() }), C.VERIFICATION_TOKEN_USED, 409);
    await env.elapse(5 * 60_000 + 1);
    const later = assertOk(await push('alice'));
    node.clock.advance(10 * 60_000 + 1);
    assertFailure(await node.call('GET', `verification/${String(later.verification_token)}`, { ip: nextIp() }), C.INVALID_VERIFICATION_TOKEN);
  });

  it('GET verification/:token: 1024 after 10 look-ups per IP, 1025 after 5 per token (5 minutes)', async () => {
    await env.elapse(5 * 60_000 + 1);
    const data = assertOk(await push('alice'));
    const look = (address: string) => node.call('GET', `verification/${String(data.verification_token)}`, { ip: address });
    for (let i = 0; i < 5; i++) assertOk(await look(nextIp()));
    assertFailure(await look(nextIp()), C.VERIFY_RATE_PER_TOKEN, 429);
    for (let i = 0; i < 10; i++) await node.call('GET', `verification/vt_nothing${i}nothingnothingnothing`, { ip: '10.4.0.1' });
    assertFailure(await look('10.4.0.1'), C.VERIFY_RATE_PER_IP, 429);
  });
});
