import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PadEvidence } from '../../src/sessions/pad/decide.js';
import { decidePad } from '../../src/sessions/pad/decide.js';
import { PAD_THRESHOLDS as T } from '../../src/sessions/pad/thresholds.js';

/** Evidence of a clearly live session; each case changes one thing. */
const live: PadEvidence = {
  frames: 12,
  spanMs: 1500,
  liveness: { median: 0.99, low: 0.97, frames: 12 },
  copies: 'none',
  nearCopies: 'some',
  motion: 0.06,
  blink: false,
  virtualCamera: false,
  timing: [],
  identityChanged: false,
  challenge: 'none',
};
const kind = (e: Partial<PadEvidence>, mode: Parameters<typeof decidePad>[1]) => decidePad({ ...live, ...e }, mode).kind;

describe('the PAD fusion (decidePad)', () => {
  it('refuses hard evidence in every mode: timing, a changed face, a failed challenge, a looped still, a sure spoof score', () => {
    for (const mode of ['passive', 'active', 'active-on-doubt'] as const) {
      assert.equal(kind({ timing: ['timing:frames-delayed'] }, mode), 'attack');
      assert.equal(kind({ identityChanged: true }, mode), 'attack');
      assert.equal(kind({ challenge: 'failed', challengeFailure: 'missed:blink' }, mode), 'attack');
      assert.equal(kind({ copies: 'all' }, mode), 'attack');
      assert.equal(kind({ liveness: { median: T.liveness.veto / 2, low: 0, frames: 12 } }, mode), 'attack');
    }
    assert.deepEqual(decidePad({ ...live, challenge: 'failed', challengeFailure: 'missed:blink' }, 'active').reasons, ['challenge:missed:blink']);
  });

  it('passive: the median decides; a looped still waits for enough frames first', () => {
    assert.equal(kind({}, 'passive'), 'live');
    assert.equal(kind({ liveness: { median: 0.3, low: 0.2, frames: 3 } }, 'passive'), 'attack');
    assert.equal(kind({ copies: 'all', frames: 3 }, 'passive'), 'wait');
    assert.equal(kind({ liveness: { median: 0.99, low: 0.99, frames: 1 } }, 'passive'), 'wait');
  });

  it('active: only a passed challenge (or the PIN standing in for it) proves liveness, and a weak passive score does not outweigh it', () => {
    assert.equal(kind({}, 'active'), 'challenge');
    assert.equal(kind({ challenge: 'running' }, 'active'), 'challenge');
    assert.equal(kind({ challenge: 'passed', liveness: { median: 0.1, low: 0.03, frames: 12 } }, 'active'), 'live');
    assert.equal(kind({ challenge: 'waived' }, 'active'), 'live');
  });

  it('active-on-doubt: skips the challenge only for clearly live evidence with motion or a blink', () => {
    assert.equal(kind({}, 'active-on-doubt'), 'live');
    assert.equal(kind({ motion: 0.01, blink: true }, 'active-on-doubt'), 'live');
    assert.equal(kind({ frames: 4, spanMs: 400 }, 'active-on-doubt'), 'wait');
    for (const doubt of [
      { motion: 0.01 },
      { motion: null },
      { liveness: { median: 0.93, low: 0.92, frames: 12 } },
      { liveness: { median: 0.99, low: 0.6, frames: 12 } },
      { copies: 'some' as const },
    ])
      assert.equal(kind(doubt, 'active-on-doubt'), 'challenge', JSON.stringify(doubt));
    assert.deepEqual(decidePad({ ...live, motion: 0.01 }, 'active-on-doubt').reasons, ['doubt:no-motion-or-blink']);
  });

  it('a virtual camera: refused with weak or repeated frames, never clearly live', () => {
    assert.equal(kind({ virtualCamera: true, liveness: { median: 0.8, low: 0.7, frames: 12 } }, 'passive'), 'attack');
    assert.equal(kind({ virtualCamera: true, copies: 'some' }, 'passive'), 'attack');
    assert.equal(kind({ virtualCamera: true }, 'passive'), 'live');
    assert.equal(kind({ virtualCamera: true }, 'active-on-doubt'), 'challenge');
  });
});
