import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChallengeStep } from 'openfaceio/protocol';
import { similarity } from 'openfaceio/vision';
import { planOf } from '../../src/sessions/pad/challenge-draw.js';
import type { PadFrame } from '../../src/sessions/pad/pad-frame.js';
import { PadSession } from '../../src/sessions/pad/pad-session.js';
import { landmarkHeadPose } from 'openfaceio/vision';
import { syntheticLandmarks } from '../../../test/helpers/synthetic-face.js';
import { clip, personEmbedding } from './frames.js';

/** Runs frames through an active PadSession; returns the decision after the last frame and every challenge message. */
function run(steps: ChallengeStep[], frames: PadFrame[], extra: { immediately?: boolean } = {}) {
  const pad = new PadSession({
    mode: 'active',
    plan: planOf(steps, 'blink-only'),
    virtualCamera: () => false,
    showFirstStepImmediately: extra.immediately ?? false,
  });
  const shown: { at: number; index: number }[] = pad.begin(0).map((m) => ({ at: 0, index: m.index }));
  let decision = pad.evaluate(0).decision;
  for (const f of frames) {
    const missed = pad.expire(f.arrivalMs);
    if (missed) return { decision: missed, shown, pad };
    for (const m of pad.add(f, f.arrivalMs)) shown.push({ at: f.arrivalMs, index: m.index });
    decision = pad.evaluate(f.arrivalMs).decision;
    if (decision.kind === 'attack' || decision.kind === 'live') break;
  }
  return { decision, shown, pad };
}

/** A user who looks at the camera for 1 s, then does each movement for 1 s, back to frontal for 0.5 s in between. */
const perform = (moves: ('left' | 'right' | 'up' | 'blink')[]) => (t: number) => {
  const i = Math.floor((t - 1000) / 1500);
  const within = (t - 1000) % 1500;
  const move = t >= 1000 && within < 1000 ? moves[i] : undefined;
  if (move === 'left') return { yaw: 35 };
  if (move === 'right') return { yaw: -35 };
  if (move === 'up') return { pitch: 30 };
  if (move === 'blink') return { eyeOpen: within >= 400 && within < 600 ? 0.1 : 1 };
  return {};
};

describe('the challenge, step by step (synthetic 3-D face)', () => {
  it('same person: frames of one synthetic person agree, another person does not', () => {
    assert.ok(similarity(personEmbedding(1, 0.3, 1), personEmbedding(1, 0.3, 2)) > 0.6);
    assert.ok(similarity(personEmbedding(1, 0.3, 1), personEmbedding(2, 0.3, 2)) < 0.3);
  });

  it('shows the first step once the frontal baseline is seen, moves on step by step, and passes when done in order', () => {
    const { decision, shown } = run(['turn-left', 'turn-right'], clip(0, 5000, 100, perform(['left', 'right'])));
    assert.equal(decision.kind, 'live', JSON.stringify(decision));
    assert.deepEqual(
      shown.map((s) => s.index),
      [0, 1, 2],
    );
    assert.equal(shown[0]!.at, 200, 'shown at the third frontal frame');
  });

  it('passes look-up and blink steps', () => {
    assert.equal(run(['look-up', 'blink'], clip(0, 5000, 100, perform(['up', 'blink']))).decision.kind, 'live');
  });

  it('fails a replay that turns the wrong way (a clear contrary action), and one that never moves (the window ends)', () => {
    const wrong = run(['turn-right', 'turn-left'], clip(0, 5000, 100, perform(['left', 'right'])));
    assert.equal(wrong.decision.kind, 'attack');
    assert.match(wrong.decision.reasons[0]!, /contrary-action:turned-left-during-turn-right/);
    const still = run(
      ['turn-left', 'blink'],
      clip(0, 8000, 100, () => ({})),
    );
    assert.deepEqual(still.decision.reasons, ['challenge:missed:turn-left']);
  });

  it('does not count a movement made before the step was shown', () => {
    // Turned left during the baseline's first frames only: never after the step appeared.
    const early = run(
      ['turn-left', 'turn-right'],
      [...clip(0, 300, 100, () => ({})), ...clip(300, 500, 100, () => ({ yaw: 35 })), ...clip(500, 7000, 100, () => ({}))],
    );
    assert.equal(early.decision.kind, 'attack');
  });

  it('does not count a turn faked by tilting a flat picture (perspective alone), nor one made by someone else', () => {
    // The frontal picture tilted about its vertical axis: a homography whose perspective fakes ≈ 25° of yaw.
    const tilt = (f: PadFrame, h: number): PadFrame => {
      const lm = f.face!.landmarks.map((p) => {
        const x = p.x - 320,
          y = p.y - 240,
          w = 1 + h * x;
        return { x: 320 + x / w, y: 240 + y / w };
      });
      return { ...f, face: { ...f.face!, landmarks: lm, pose: landmarkHeadPose(lm) } };
    };
    const picture = clip(0, 7000, 100, () => ({})).map((f) => (f.arrivalMs >= 1000 && f.arrivalMs < 2000 ? tilt(f, 0.01) : f));
    const base = landmarkHeadPose(syntheticLandmarks());
    assert.ok(picture[15]!.face!.pose.yaw - base.yaw >= 20, 'the tilt fakes a turn as far as the pose can tell');
    assert.deepEqual(run(['turn-left', 'turn-right'], picture).decision.reasons, ['challenge:missed:turn-left']);
    const swapped = run(
      ['turn-left', 'turn-right'],
      clip(0, 7000, 100, (t) => ({ ...perform(['left', 'right'])(t), person: t >= 1000 ? 2 : 1 })),
    );
    assert.equal(swapped.decision.kind, 'attack');
  });

  it('keeps the previous step pose excused for a while after the next step appears', () => {
    // Holds the left turn 1.5 s after it counted, then turns right.
    const hold = (t: number) => (t < 1000 ? {} : t < 2800 ? { yaw: 35 } : t < 3000 ? {} : t < 4000 ? { yaw: -35 } : {});
    assert.equal(run(['turn-left', 'turn-right'], clip(0, 5000, 100, hold)).decision.kind, 'live');
  });

  it('the recorded-file variant shows the first step with the recording, before the baseline', () => {
    const { shown } = run(['turn-left', 'turn-right'], clip(0, 5000, 100, perform(['left', 'right'])), { immediately: true });
    assert.equal(shown[0]!.at, 0);
  });
});

describe('the challenge as the widget sees it', () => {
  it('progress never says "all done" while the challenge waits for its baseline or runs; the blink-only switch starts over', () => {
    const pad = new PadSession({ mode: 'active', plan: planOf(['turn-left', 'turn-right'], 'blink-only'), virtualCamera: () => false });
    pad.begin(0);
    assert.deepEqual(pad.progress, { index: 0, total: 2 }, 'waiting for the baseline');
    for (const f of clip(0, 300, 100, () => ({}))) pad.add(f, f.arrivalMs);
    for (const f of clip(1000, 1300, 100, () => ({ yaw: 35 }))) pad.add(f, f.arrivalMs);
    assert.deepEqual(pad.progress, { index: 1, total: 2 });
    const switched = pad.alternative(1400, 'authenticate');
    assert.deepEqual(switched.message && [switched.message.steps, switched.message.index], [['blink', 'blink'], 0]);
    assert.deepEqual(pad.progress, { index: 0, total: 2 });
  });
});
