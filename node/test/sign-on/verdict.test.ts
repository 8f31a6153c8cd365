import assert from 'node:assert/strict';
import { createPublicKey, verify } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { SignOnResult } from '../../src/sign-on/contract.js';
import { SIGN_ON_CODES, signOnBusChannel } from '../../src/sign-on/contract.js';
import { createSubscriptionAuthority } from '../../src/sign-on/verifications.js';
import { sha256Hex } from '../../src/security/secrets.js';
import { backends, type BackendEnv } from '../helpers/backends.js';
import { dataPath } from '../../../test/helpers/data.js';
import { frameOf, runSession, type SessionRun } from '../helpers/scan-client.js';
import { videoFrames } from '../helpers/widget-page.js';
import { assertFailure, assertOk, siteWithToken, startSignOnNode, subscription, type SignOnTestNode } from './helpers.js';

const C = SIGN_ON_CODES;
const errorName = (run: SessionRun) => (run.verdict && !run.verdict.ok ? run.verdict.error.name : run.verdict ? 'ok' : 'no verdict');

/** The next message on a verification's bus channel (subscribed before the scan starts). */
async function nextResult(env: BackendEnv, token: string): Promise<{ result: Promise<SignOnResult>; stop: () => Promise<void> }> {
  let resolve!: (r: SignOnResult) => void;
  const result = new Promise<SignOnResult>((r) => (resolve = r));
  const stop = await env.bus.subscribe(signOnBusChannel(sha256Hex(token)), (m) => resolve(JSON.parse(m) as SignOnResult));
  return { result, stop };
}

// The verdict hook with real scans (real models, a real WebSocket): the phone registers (enrolls
// with its registration token), then approves a login 1:1; the desktop's channel hears the result,
// and the host checks the proof once, or offline with the JWKS. On both back ends.
for (const BACKEND of backends())
  describe(`sign-on verdicts with real scans (${BACKEND.name})`, () => {
    let env: BackendEnv;
    let node: SignOnTestNode;
    let site: Awaited<ReturnType<typeof siteWithToken>>;
    let enrollFrames: Uint8Array[];
    let authFrames: Uint8Array[];
    let facialId = '';
    let ip = 0;
    const push = async () => {
      const data = assertOk(await node.call('POST', 'login/push_notification', { token: site.token, body: { id: 'lin' }, ip: `10.6.0.${++ip}` }));
      return { token: String(data.verification_token), secret: String(data.subscription_secret) };
    };
    /** The phone page's scan: the node's own origin, the sign-on token in the session request. */
    const phoneScan = (signOnToken: string, frames: Uint8Array[], op: 'enroll' | 'authenticate' = 'authenticate') =>
      runSession(node.url, { publicId: site.publicId, op, signOnToken }, frames, { origin: node.url });

    before(async () => {
      env = await BACKEND.open();
      node = await startSignOnNode(env, { listen: true });
      site = await siteWithToken(node);
      const frames = await Promise.all(videoFrames(dataPath('video/person-lmm-webcam.mp4'), 12).map((file) => frameOf(file)));
      enrollFrames = frames.slice(0, 8);
      authFrames = frames.slice(8); // the clip is 3 s: 12 frames at 4 per second
    });
    after(async () => {
      await node?.close();
      await env?.close();
    });

    it('registers the phone: it enrolls with its registration token, then links that facial ID and its push subscription', async () => {
      const created = assertOk(await node.call('POST', 'users', { token: site.token, body: { uid: 'lin', email: 'lin@example.com' } }));
      const registration = String(created.registration_token);
      const enrolled = await phoneScan(registration, enrollFrames, 'enroll');
      assert.equal(errorName(enrolled), 'ok', JSON.stringify(enrolled.verdict));
      facialId = (enrolled.verdict as { result: { facialId: string } }).result.facialId;
      assert.equal(assertOk(await node.call('GET', `registration/${registration}`)).enrolled_facial_id, facialId);
      const device = assertOk(
        await node.call('POST', 'devices', { body: { registration_token: registration, subscription: subscription('lin'), facial_id: facialId } }),
      );
      assert.equal(device.facial_id, facialId);
    });

    it('verified: the same face on the phone → a proof on the channel, accepted once by verify_proof, verifiable offline', async () => {
      const { token, secret } = await push();
      const authority = createSubscriptionAuthority(node.deps);
      assert.equal((await authority.claim(token, secret)).ok, true);
      const look = assertOk(await node.call('GET', `verification/${token}`));
      assert.equal(look.facial_id, facialId);
      const heard = await nextResult(env, token);
      const scan = await phoneScan(token, authFrames);
      assert.equal(errorName(scan), 'ok', JSON.stringify(scan.verdict));
      assert.deepEqual((scan.verdict as { result: unknown }).result, { facialId, payload: null }, "the phone never sees the host's payload");
      const result = await heard.result;
      await heard.stop();
      assert.equal(result.status, 'verified', JSON.stringify(result));
      if (result.status !== 'verified') return;
      assert.equal(result.verification_token, token);
      assert.equal(result.uid, 'lin');
      assert.ok(!Number.isNaN(Date.parse(result.verified_at)));

      // Offline, as a host would with any JOSE library: ES256 over the JWKS key.
      const jwks = (await node.call('GET', 'jwks.json')).body as { keys: { kid: string }[] };
      const [h, p, s] = result.proof.split('.') as [string, string, string];
      const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as { alg: string; kid: string };
      assert.deepEqual([header.alg, header.kid], ['ES256', jwks.keys[0]!.kid]);
      const key = createPublicKey({ key: jwks.keys[0] as unknown as import('node:crypto').JsonWebKey, format: 'jwk' });
      assert.ok(verify('sha256', Buffer.from(`${h}.${p}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(s, 'base64url')));
      const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
      assert.deepEqual([claims.iss, claims.aud, claims.sub, claims.app], [node.url, 'shop.example', 'lin', site.publicId]);
      assert.equal(Number(claims.exp) - Number(claims.iat), 120);

      // Another site's app token cannot redeem it (and does not use it up).
      const other = await siteWithToken(node, 'https://other.example');
      assertFailure(await node.call('POST', 'verify_proof', { token: other.token, body: { proof: result.proof } }), C.INVALID_PROOF);
      const redeemed = assertOk(await node.call('POST', 'verify_proof', { token: site.token, body: { proof: result.proof } }));
      assert.deepEqual(redeemed, { uid: 'lin', verified_at: result.verified_at, site: 'shop.example' });
      assert.match(
        String(assertFailure(await node.call('POST', 'verify_proof', { token: site.token, body: { proof: result.proof } }), C.INVALID_PROOF).message),
        /already used/,
      );

      // A late (re)subscriber gets the kept result; the token cannot start another scan (1005).
      await authority.release(token);
      const late = await authority.claim(token, secret);
      assert.equal(late.ok && late.result?.status, 'verified');
      const replay = await phoneScan(token, authFrames);
      assert.equal(replay.created.status, 409);
      assert.equal((replay.created.body as { error: { signOnCode: number } }).error.signOnCode, C.VERIFICATION_TOKEN_USED);
      const { rows } = await env.db.query<{ status: string }>('SELECT status FROM sign_on_verifications WHERE token_hash = $1', [sha256Hex(token)]);
      assert.equal(rows[0]!.status, 'verified');
    });

    it('a proof from one node is accepted by another node of the same store (keys are per store)', async () => {
      const second = await env.secondNode();
      const other = await startSignOnNode({ ...env, ...second });
      try {
        assert.deepEqual((await other.call('GET', 'jwks.json')).body, (await node.call('GET', 'jwks.json')).body);
        const { token } = await push();
        const heard = await nextResult(env, token);
        assert.equal(errorName(await phoneScan(token, authFrames)), 'ok');
        const result = await heard.result;
        await heard.stop();
        assert.equal(result.status, 'verified');
        assertOk(await other.call('POST', 'verify_proof', { token: site.token, body: { proof: (result as { proof: string }).proof } }));
      } finally {
        await other.close();
      }
    });

    it('failed: another face on the phone → "failed" on the channel and one lockout failure', async () => {
      const { token } = await push();
      const heard = await nextResult(env, token);
      const stranger = await Promise.all(['img47.jpg', 'img48.jpg'].map((f) => frameOf(dataPath('faces', 'deepface_id03', f))));
      const scan = await phoneScan(token, stranger);
      assert.notEqual(errorName(scan), 'ok');
      const result = await heard.result;
      await heard.stop();
      assert.equal(result.status, 'failed', JSON.stringify(result));
      if (result.status !== 'failed') return;
      assert.equal(result.code, (scan.verdict as { error: { code: number } }).error.code);
      assert.match(result.message, /face check on the phone failed/);
      assert.ok(result.user_message.length > 0);
      const { rows } = await env.db.query<{ failures: number }>(
        'SELECT failures FROM sign_on_lockouts l JOIN sign_on_users u ON u.id = l.user_id WHERE u.uid = $1',
        ['lin'],
      );
      assert.equal(rows[0]!.failures, 1);
    });

    it('the phone leaving mid-scan fails the verification (ABORTED_BY_USER) instead of leaving the desktop waiting, without counting toward the lockout', async () => {
      const failures = async () =>
        (
          await env.db.query<{ failures: number }>(
            'SELECT failures FROM sign_on_lockouts l JOIN sign_on_users u ON u.id = l.user_id WHERE u.uid = $1',
            ['lin'],
          )
        ).rows[0]?.failures ?? 0;
      const before = await failures();
      const { token } = await push();
      const heard = await nextResult(env, token);
      await phoneScan(token, authFrames.slice(0, 1)); // one frame, then the page goes away
      const result = await heard.result;
      await heard.stop();
      assert.deepEqual(result.status === 'failed' && result.code, 23);
      // Only "not this person" verdicts count: abandoning verifications must not lock an account.
      assert.equal(await failures(), before);
    });
  });
