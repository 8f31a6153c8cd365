import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHALLENGE_STEPS, decodeFrameMessage, encodeFrameHeader } from 'openfaceio/protocol';
import { drawChallenge, parseSteps, STEP_WINDOW_MS } from '../../src/sessions/pad/challenge-draw.js';
import { capturedAfter, clockOffset, timingProblems } from '../../src/sessions/pad/timing.js';
import { frame } from './frames.js';

describe('frame timing: arrival clock first, capture times for consistency', () => {
  // The client's clock is 5 s ahead of the node's; frames take 40–90 ms to arrive.
  const stamped = (arrival: number, lag = 50) => frame({ t: arrival, captureMs: arrival + 5000 - lag });

  it('accepts a steady stream, and a stream without capture times (older widgets)', () => {
    const frames = [0, 100, 200, 300, 2400].map((t, i) => stamped(t, 40 + 10 * i));
    assert.deepEqual(timingProblems(frames), []);
    assert.equal(clockOffset(frames), -5000 + 40);
    assert.deepEqual(timingProblems([frame({ t: 0 }), frame({ t: 100 })]), []);
  });

  it('flags capture times that go back, frames that sat in a buffer, a stream faster than real time, a header that disappears', () => {
    assert.deepEqual(timingProblems([stamped(0), stamped(100), frame({ t: 200, captureMs: 5000 })]), ['timing:capture-not-monotonic']);
    assert.deepEqual(timingProblems([stamped(0), stamped(100), stamped(3000, 2900)]), ['timing:frames-delayed', 'timing:clock-rate']);
    const fast = [0, 1000, 2000, 3000].map((t) => frame({ t, captureMs: 5000 + 3 * t }));
    assert.ok(timingProblems(fast).includes('timing:clock-rate'));
    assert.deepEqual(timingProblems([stamped(0), frame({ t: 100 })]), ['timing:header-dropped']);
  });

  it('tells a frame captured before a step was shown from one captured after', () => {
    const frames = [stamped(0), stamped(100)];
    const offset = clockOffset(frames);
    assert.equal(capturedAfter(stamped(1000, 50), 1000, offset), true);
    assert.equal(capturedAfter(stamped(1000, 1200), 1000, offset), false);
    assert.equal(capturedAfter(frame({ t: 1000 }), 1000, offset), true, 'no header: judged by arrival alone');
  });

  it('frames carry a versioned 16-byte header; a frame without one is the image itself', () => {
    const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    const message = new Uint8Array([...encodeFrameHeader(1_700_000_000_123.5), ...jpeg]);
    const decoded = decodeFrameMessage(message);
    assert.equal(decoded.captureMs, 1_700_000_000_123.5);
    assert.deepEqual([...decoded.image], [...jpeg]);
    assert.deepEqual(decodeFrameMessage(jpeg), { image: jpeg });
    // A later version with a longer header: the reader skips what it does not know.
    const v2 = new Uint8Array([...encodeFrameHeader(42), 9, 9, 9, 9, ...jpeg]);
    v2[4] = 2;
    v2[5] = 20;
    assert.deepEqual([...decodeFrameMessage(v2).image], [...jpeg]);
  });
});

describe('drawing a challenge', () => {
  const settings = { challengeSteps: [...CHALLENGE_STEPS], challengeLength: 3, challengeAlternative: 'blink-only' as const };

  it('draws from crypto.randomInt by default: length, windows, no step twice in a row, at least one head movement', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const plan = drawChallenge(settings);
      const steps = plan.steps.map((s) => s.step);
      assert.equal(steps.length, 3);
      for (let k = 1; k < steps.length; k++) assert.notEqual(steps[k], steps[k - 1]);
      assert.ok(steps.some((s) => s !== 'blink'));
      assert.deepEqual(
        plan.steps.map((s) => s.windowMs),
        steps.map((s) => STEP_WINDOW_MS[s]),
      );
      seen.add(steps.join());
    }
    assert.ok(seen.size > 20, `only ${seen.size} different challenges in 300 draws`);
  });

  it('keeps to the app’s steps; blink-only apps get blinks', () => {
    const plan = drawChallenge({ ...settings, challengeSteps: ['blink'], challengeLength: 2 });
    assert.deepEqual(
      plan.steps.map((s) => s.step),
      ['blink', 'blink'],
    );
    const turns = drawChallenge({ ...settings, challengeSteps: ['turn-left', 'turn-right'] }, () => 0);
    assert.deepEqual(
      turns.steps.map((s) => s.step),
      ['turn-left', 'turn-right', 'turn-left'],
    );
  });

  it('parses step lists and names the known steps when one is wrong', () => {
    assert.deepEqual(parseSteps('turn-left, blink', 'x'), ['turn-left', 'blink']);
    assert.throws(() => parseSteps('turn-left,nod', '--challenge'), /--challenge must be .*turn-left, turn-right, look-up, blink \(unknown: nod\)/);
  });
});
