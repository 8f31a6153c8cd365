import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { computeSignature, signWebhook, verifyWebhook } from '../src/webhooks/signature.js';

const SECRET = 'whsec_test-secret';
const BODY = '{"id":"d1","event":"enroll","created":1700000000,"data":{"facialId":"f1"}}';
const T = 1_700_000_000;
const NOW = T * 1000;

describe('webhook signatures', () => {
  it('signs "<t>.<body>" with HMAC-SHA256 in the Stripe header format', () => {
    const expected = createHmac('sha256', SECRET).update(`${T}.${BODY}`).digest('hex');
    assert.equal(signWebhook(SECRET, BODY, T), `t=${T},v1=${expected}`);
    assert.equal(computeSignature(SECRET, Buffer.from(BODY), T), expected);
  });

  it('verifies a signature made by signWebhook, from a string or the raw bytes', () => {
    const header = signWebhook(SECRET, BODY, T);
    assert.deepEqual(verifyWebhook(SECRET, BODY, header, { now: NOW }), { ok: true, timestamp: T });
    assert.deepEqual(verifyWebhook(SECRET, Buffer.from(BODY), header, { now: NOW + 299_000 }), { ok: true, timestamp: T });
    // Node gives repeated headers as an array.
    assert.equal(verifyWebhook(SECRET, BODY, [header], { now: NOW }).ok, true);
  });

  it('rejects a tampered body and a wrong secret', () => {
    const header = signWebhook(SECRET, BODY, T);
    assert.deepEqual(verifyWebhook(SECRET, BODY.replace('f1', 'f2'), header, { now: NOW }), { ok: false, reason: 'signature-mismatch' });
    assert.deepEqual(verifyWebhook('whsec_other', BODY, header, { now: NOW }), { ok: false, reason: 'signature-mismatch' });
  });

  it('rejects a re-signed timestamp with the old signature (the timestamp is signed)', () => {
    const v1 = computeSignature(SECRET, BODY, T);
    assert.deepEqual(verifyWebhook(SECRET, BODY, `t=${T + 60},v1=${v1}`, { now: NOW }), { ok: false, reason: 'signature-mismatch' });
  });

  it('rejects stale and far-future timestamps, with a configurable tolerance', () => {
    const header = signWebhook(SECRET, BODY, T);
    assert.deepEqual(verifyWebhook(SECRET, BODY, header, { now: NOW + 301_000 }), { ok: false, reason: 'stale-timestamp' });
    assert.deepEqual(verifyWebhook(SECRET, BODY, header, { now: NOW - 301_000 }), { ok: false, reason: 'stale-timestamp' });
    assert.equal(verifyWebhook(SECRET, BODY, header, { now: NOW + 3_000_000, toleranceSeconds: 3600 }).ok, true);
    assert.equal(verifyWebhook(SECRET, BODY, header, { now: NOW + 11_000, toleranceSeconds: 10 }).ok, false);
  });

  it('rejects missing and malformed headers', () => {
    const v1 = computeSignature(SECRET, BODY, T);
    assert.deepEqual(verifyWebhook(SECRET, BODY, undefined, { now: NOW }), { ok: false, reason: 'missing-header' });
    assert.deepEqual(verifyWebhook(SECRET, BODY, '', { now: NOW }), { ok: false, reason: 'missing-header' });
    for (const bad of [`v1=${v1}`, `t=${T}`, `t=abc,v1=${v1}`, `t=${T},t=${T},v1=${v1}`, `t=${T},v1=zz`, 'garbage']) {
      assert.deepEqual(verifyWebhook(SECRET, BODY, bad, { now: NOW }), { ok: false, reason: 'malformed-header' }, bad);
    }
  });

  it('accepts any of several v1 signatures (secret rotation) and ignores unknown schemes', () => {
    const good = computeSignature(SECRET, BODY, T);
    const old = computeSignature('whsec_old', BODY, T);
    assert.equal(verifyWebhook(SECRET, BODY, `t=${T},v1=${old},v1=${good}`, { now: NOW }).ok, true);
    assert.equal(verifyWebhook(SECRET, BODY, `t=${T},v0=abc,v1=${good.toUpperCase()}`, { now: NOW }).ok, true);
    assert.equal(verifyWebhook(SECRET, BODY, `t=${T},v1=${old}`, { now: NOW }).ok, false);
  });

  it('refuses to sign with a timestamp that is not whole unix seconds', () => {
    assert.throws(() => signWebhook(SECRET, BODY, 1.5), RangeError);
    assert.throws(() => signWebhook(SECRET, BODY, -1), RangeError);
  });
});
