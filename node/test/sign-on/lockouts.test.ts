import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SIGN_ON_CODES, SIGN_ON_LIMITS, signOnBusChannel } from '../../src/sign-on/contract.js';
import { createSubscriptionAuthority, sweepSignOn } from '../../src/sign-on/verifications.js';
import { sha256Hex } from '../../src/security/secrets.js';
import { backends, type BackendEnv } from '../helpers/backends.js';
import { assertFailure, assertOk, fakeFacialId, siteWithToken, startSignOnNode, userWithPhone, type SignOnTestNode } from './helpers.js';

// Module level: backends() registers the shared servers' shutdown as a file-level hook.
const BACKEND = backends()[0]!;
const C = SIGN_ON_CODES;

// The phone side without a face: scan-session admission with a sign-on token (single use, expiry,
// locks) and the /cable server's subscription authority. The verdicts themselves: verdict.test.ts.
describe('sign-on: token use, expiry, lockouts, subscriptions', () => {
  let env: BackendEnv;
  let node: SignOnTestNode;
  let site: Awaited<ReturnType<typeof siteWithToken>>;
  let ip = 0;
  const nextIp = () => `10.5.${Math.floor(++ip / 250)}.${ip % 250}`;
  /** A fresh verification for `uid` (the bus windows are moved past the push limits first). */
  const login = async (uid: string) => {
    await env.elapse(SIGN_ON_LIMITS.pushPerClient.windowMs + 1);
    const data = assertOk(await node.call('POST', 'login/push_notification', { token: site.token, body: { id: uid }, ip: nextIp() }));
    return { token: String(data.verification_token), secret: String(data.subscription_secret) };
  };
  /** POST /v1/sessions from the node's own phone page. */
  const startScan = (token: string) =>
    node.app.inject({
      method: 'POST',
      url: '/v1/sessions',
      payload: { publicId: site.publicId, op: 'enroll', signOnToken: token },
      headers: { origin: 'http://localhost' },
      remoteAddress: nextIp(),
    });
  const refusal = (r: { statusCode: number; json(): unknown }) => (r.json() as { error: { name: string; signOnCode?: number } }).error;

  before(async () => {
    env = await BACKEND.open();
    node = await startSignOnNode(env);
    site = await siteWithToken(node);
    for (const uid of ['ann', 'ben', 'cid']) await userWithPhone(node, site.token, uid, await fakeFacialId(env, site.appId));
  });
  after(async () => {
    await node?.close();
    await env?.close();
  });

  it('admits one scan session per token, forced to a 1:1 authenticate; the second gets 1005', async () => {
    const { token } = await login('ann');
    const first = await startScan(token);
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(
      (first.json() as { settings: { minFrames: number } }).settings.minFrames,
      node.deps.limits.minFramesAuthenticate,
      'authenticate, whatever op the page asked',
    );
    const second = await startScan(token);
    assert.equal(second.statusCode, 409);
    assert.deepEqual(
      { name: refusal(second).name, signOnCode: refusal(second).signOnCode },
      { name: 'SESSION_EXPIRED', signOnCode: C.VERIFICATION_TOKEN_USED },
    );
  });

  it("is refused from any page but the node's own and the site's, and with an unknown token (1004)", async () => {
    const { token } = await login('ann');
    const foreign = await node.app.inject({
      method: 'POST',
      url: '/v1/sessions',
      payload: { publicId: site.publicId, op: 'authenticate', signOnToken: token },
      headers: { origin: 'https://evil.example' },
    });
    assert.equal(refusal(foreign).name, 'FORBIDDDEN_ORIGIN');
    const unknown = await startScan('vt_thisisnotatokenthisisnotatoken');
    assert.equal(refusal(unknown).signOnCode, C.INVALID_VERIFICATION_TOKEN);
    const other = await siteWithToken(node, 'https://other.example');
    const wrongApp = await node.app.inject({
      method: 'POST',
      url: '/v1/sessions',
      payload: { publicId: other.publicId, op: 'authenticate', signOnToken: token },
      headers: { origin: 'http://localhost' },
    });
    assert.equal(refusal(wrongApp).signOnCode, C.INVALID_VERIFICATION_TOKEN, "a token works only with its own site's app");
  });

  it('expires tokens after 10 minutes (the node clock): 1004, the desktop hears "expired"', async () => {
    const { token } = await login('ben');
    const heard: string[] = [];
    const stop = await env.bus.subscribe(signOnBusChannel(sha256Hex(token)), (m) => heard.push(m));
    node.clock.advance(SIGN_ON_LIMITS.verificationTtlMs + 1);
    const late = await startScan(token);
    assert.equal(late.statusCode, 404);
    assert.equal(refusal(late).signOnCode, C.INVALID_VERIFICATION_TOKEN);
    await stop();
    assert.deepEqual(
      heard.map((m) => JSON.parse(m) as unknown),
      [{ status: 'expired', verification_token: token }],
    );
  });

  it('locks a user 15 minutes after 5 failures (1016), for good after 10 (1017), until an admin unlocks', async () => {
    const fail = async () => {
      const { token } = await login('cid');
      node.clock.advance(SIGN_ON_LIMITS.verificationTtlMs + 1);
      assert.equal(refusal(await startScan(token)).signOnCode, C.INVALID_VERIFICATION_TOKEN);
    };
    const push = () => node.call('POST', 'login/push_notification', { token: site.token, body: { id: 'cid' }, ip: nextIp() });
    for (let i = 0; i < 5; i++) await fail();
    await env.elapse(SIGN_ON_LIMITS.pushPerClient.windowMs + 1);
    const locked = assertFailure(await push(), C.LOCKED_TEMPORARILY, 423);
    assert.match(String(locked.message), /15 more minute/);
    node.clock.advance(SIGN_ON_LIMITS.temporaryLockMs + 1);
    for (let i = 0; i < 5; i++) await fail();
    await env.elapse(SIGN_ON_LIMITS.pushPerClient.windowMs + 1);
    assertFailure(await push(), C.LOCKED_PERMANENTLY, 423);
    node.clock.advance(24 * 3_600_000);
    await env.elapse(SIGN_ON_LIMITS.pushPerClient.windowMs + 1);
    assertFailure(await push(), C.LOCKED_PERMANENTLY, 423);
    assertFailure(await node.call('POST', 'users/nobody/unlock', { token: site.token }), C.USER_NOT_FOUND);
    assert.deepEqual(assertOk(await node.call('POST', 'users/cid/unlock', { token: site.token })), { uid: 'cid', unlocked: true });
    assertOk(await push());
  });

  it('counts a replayed token once, not once per replay (a leaked link must not lock the user out)', async () => {
    const failures = async () =>
      (
        await env.db.query<{ failures: number }>(
          "SELECT l.failures FROM sign_on_lockouts l JOIN sign_on_users u ON u.id = l.user_id WHERE u.uid = 'ann'",
        )
      ).rows[0]?.failures ?? 0;
    const before = await failures();
    const { token } = await login('ann');
    assert.equal((await startScan(token)).statusCode, 201);
    for (let i = 0; i < 6; i++) assert.equal(refusal(await startScan(token)).signOnCode, C.VERIFICATION_TOKEN_USED);
    assert.equal(await failures(), before + 1);
  });

  it('claim(): needs the subscription secret, gives the single subscriber slot once, again after release', async () => {
    const authority = createSubscriptionAuthority(node.deps);
    const { token, secret } = await login('ben');
    const unknown = await authority.claim('vt_unknownunknownunknownunknown', secret);
    assert.deepEqual(unknown.ok ? null : unknown.code, C.INVALID_VERIFICATION_TOKEN);
    const wrong = await authority.claim(token, 'ss_wrong');
    assert.equal(wrong.ok ? null : wrong.code, C.SUBSCRIPTION_REFUSED);
    const first = await authority.claim(token, secret);
    assert.deepEqual(first, { ok: true, tokenHash: sha256Hex(token), result: null });
    const second = await authority.claim(token, secret);
    assert.equal(second.ok ? null : second.code, C.SUBSCRIPTION_REFUSED);
    assert.match(second.ok ? '' : second.message, /already has a subscriber/);
    await authority.release(token);
    assert.equal((await authority.claim(token, secret)).ok, true);
    node.clock.advance(SIGN_ON_LIMITS.verificationTtlMs + 1);
    await authority.release(token);
    const expired = await authority.claim(token, secret);
    assert.equal(expired.ok ? null : expired.code, C.INVALID_VERIFICATION_TOKEN);
  });

  it('claim() of a verification the node saw expire: 1004', async () => {
    const authority = createSubscriptionAuthority(node.deps);
    const { token, secret } = await login('ben');
    node.clock.advance(SIGN_ON_LIMITS.verificationTtlMs + 1);
    await startScan(token); // marks it expired
    const check = await authority.claim(token, secret);
    assert.equal(check.ok ? null : check.code, C.INVALID_VERIFICATION_TOKEN);
  });

  it('the sweep expires stale verifications and deletes them an hour later', async () => {
    await login('ben');
    node.clock.advance(SIGN_ON_LIMITS.verificationTtlMs + 1);
    const first = await sweepSignOn(node.deps);
    assert.ok(first.expired >= 1);
    node.clock.advance(3_600_000);
    const second = await sweepSignOn(node.deps);
    assert.ok(second.deleted >= 1);
    const { rows } = await env.db.query<{ n: number }>('SELECT count(*)::int AS n FROM sign_on_verifications WHERE expires_at < $1', [
      new Date(node.clock.now() - 3_600_000).toISOString(),
    ]);
    assert.equal(rows[0]!.n, 0);
  });
});
