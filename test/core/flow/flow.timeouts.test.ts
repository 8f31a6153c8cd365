import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MIN_READING_MS, TIMEOUT_BOUNDS, normalizeTimeout, normalizeTimeouts } from '../../../src/core/flow/flow.timeouts.js';
import type { FioTimeoutName } from '../../../src/core/flow/flow.timeouts.js';

describe('fio.js timeout parameters', () => {
  it('defaults to fio.js values', () => {
    assert.deepEqual(normalizeTimeouts(), { permission: 27_000, terms: 600_000, intro: 12_000, idle: 27_000, reply: 40_000, pin: 60_000 });
  });

  it('reads seconds, and minutes for termsTimeout', () => {
    assert.deepEqual(
      normalizeTimeouts({ permissionTimeout: 15, termsTimeout: 5, enrollIntroTimeout: 8, idleTimeout: 20, replyTimeout: 30, pinTimeout: 90 }),
      {
        permission: 15_000,
        terms: 300_000,
        intro: 8_000,
        idle: 20_000,
        reply: 30_000,
        pin: 90_000,
      },
    );
  });

  it('falls back to the default below the floor, as fio.js does', () => {
    // fio.js: idleTimeout must be > 9, replyTimeout > 15, termsTimeout within 3–30 minutes.
    assert.equal(normalizeTimeout('idleTimeout', 9), 27_000);
    assert.equal(normalizeTimeout('idleTimeout', 10), 10_000);
    assert.equal(normalizeTimeout('replyTimeout', 15), 40_000);
    assert.equal(normalizeTimeout('replyTimeout', 16), 16_000);
    assert.equal(normalizeTimeout('termsTimeout', 2), 600_000);
    assert.equal(normalizeTimeout('termsTimeout', 3), 180_000);
    assert.equal(normalizeTimeout('permissionTimeout', 9), 27_000);
    assert.equal(normalizeTimeout('enrollIntroTimeout', 4), 12_000);
    assert.equal(normalizeTimeout('enrollIntroTimeout', 6), 6_000);
  });

  it('clamps above the ceiling', () => {
    assert.equal(normalizeTimeout('termsTimeout', 31), 1_800_000);
    assert.equal(normalizeTimeout('permissionTimeout', 600), 120_000);
    assert.equal(normalizeTimeout('idleTimeout', 121), 120_000);
    assert.equal(normalizeTimeout('replyTimeout', 1e9), 120_000);
    assert.equal(normalizeTimeout('pinTimeout', 301), 300_000);
    assert.equal(normalizeTimeout('enrollIntroTimeout', 61), 60_000);
  });

  it('accepts numeric strings (HTML attributes) and ignores junk', () => {
    assert.equal(normalizeTimeout('idleTimeout', '20'), 20_000);
    assert.equal(normalizeTimeout('idleTimeout', ' 12.5 '), 12_500);
    for (const junk of ['', 'abc', null, undefined, NaN, Infinity, -5, 0, {}, true]) {
      assert.equal(normalizeTimeout('idleTimeout', junk), 27_000, String(junk));
    }
  });

  it('never lets a read/type phase time out under 6 s (WCAG 2.2.1)', () => {
    for (const [name, bound] of Object.entries(TIMEOUT_BOUNDS)) {
      const ms = bound.min * (bound.unit === 'min' ? 60_000 : 1_000);
      assert.ok(ms >= MIN_READING_MS, `${name} floor ${ms} ms`);
      assert.ok(bound.min <= bound.default && bound.default <= bound.max, `${name} default within bounds`);
      // The smallest value anyone can configure is the floor itself.
      assert.ok(normalizeTimeout(name as FioTimeoutName, 0.001) >= MIN_READING_MS);
    }
  });
});
