// hintFromSummary(): the worker's frame summary alone → the guidance hint (node, no models).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FrameSummary, MainFaceSummary, QualitySummary } from '../../../src/core/inference/worker-protocol.js';
import { FRAMING_LIMITS, hintFromSummary } from '../../../src/core/camera/guidance.js';
import type { Box } from '../../../src/vision/index.js';

const W = 640,
  H = 480;

/** A good, centred, frontal face 200 px wide with 80 px between the eyes. */
function frame(overrides: { faces?: number; box?: Box; quality?: Partial<QualitySummary>; main?: null } = {}): FrameSummary {
  const box = overrides.box ?? { x1: 220, y1: 140, x2: 420, y2: 380 };
  const cx = (box.x1 + box.x2) / 2,
    cy = (box.y1 + box.y2) / 2;
  const main: MainFaceSummary = {
    box,
    score: 0.99,
    keypoints: {
      leftEye: { x: cx - 40, y: cy - 30 },
      rightEye: { x: cx + 40, y: cy - 30 },
      nose: { x: cx, y: cy },
      mouthLeft: { x: cx - 30, y: cy + 40 },
      mouthRight: { x: cx + 30, y: cy + 40 },
    },
    quality: {
      issues: [],
      yaw: 0,
      pitch: 0,
      roll: 0,
      sharpness: 200,
      brightness: 120,
      interocular: 80,
      faceWidth: box.x2 - box.x1,
      ...overrides.quality,
    },
    liveness: 0.9,
    livenessHint: 'live',
  };
  return { width: W, height: H, faces: overrides.faces ?? 1, main: overrides.main === null ? null : main };
}

describe('hintFromSummary', () => {
  test('a good, centred, frontal face is good', () => {
    assert.equal(hintFromSummary(frame()), 'good');
  });

  test('no face', () => {
    assert.equal(hintFromSummary({ width: W, height: H, faces: 0, main: null }), 'no-face');
    assert.equal(hintFromSummary(frame({ faces: 0 })), 'no-face');
    assert.equal(hintFromSummary(frame({ main: null })), 'no-face');
  });

  test('several faces win over any quality issue of the main one', () => {
    assert.equal(hintFromSummary(frame({ faces: 2 })), 'many-faces');
    assert.equal(hintFromSummary(frame({ faces: 3, quality: { issues: ['too-dark', 'blurry'] } })), 'many-faces');
  });

  test('move closer: interocular below the quality limit, a too-small issue, or a face narrower than FRAMING_LIMITS.minWidth of the frame', () => {
    assert.equal(hintFromSummary(frame({ quality: { interocular: FRAMING_LIMITS.minInterocular - 1 } })), 'move-closer');
    assert.equal(hintFromSummary(frame({ quality: { issues: ['too-small'] } })), 'move-closer');
    const narrow = FRAMING_LIMITS.minWidth * W - 2;
    assert.equal(hintFromSummary(frame({ box: { x1: 320 - narrow / 2, y1: 180, x2: 320 + narrow / 2, y2: 320 } })), 'move-closer');
    const wide = FRAMING_LIMITS.minWidth * W + 2;
    assert.equal(hintFromSummary(frame({ box: { x1: 320 - wide / 2, y1: 180, x2: 320 + wide / 2, y2: 320 } })), 'good');
  });

  test('center: the face box centre far from the frame centre, horizontally or vertically', () => {
    assert.equal(hintFromSummary(frame({ box: { x1: 0, y1: 140, x2: 200, y2: 380 } })), 'center'); // centre x 100 of 640
    assert.equal(hintFromSummary(frame({ box: { x1: 420, y1: 140, x2: 620, y2: 380 } })), 'center');
    assert.equal(hintFromSummary(frame({ box: { x1: 220, y1: 0, x2: 420, y2: 160 } })), 'center'); // centre y 80 of 480
    assert.equal(hintFromSummary(frame({ box: { x1: 260, y1: 160, x2: 460, y2: 400 } })), 'good'); // 40 px right, 40 px down
  });

  test('lighting, pose and blur, in that order', () => {
    assert.equal(hintFromSummary(frame({ quality: { issues: ['too-dark'] } })), 'too-dark');
    assert.equal(hintFromSummary(frame({ quality: { issues: ['too-bright'] } })), 'too-bright');
    assert.equal(hintFromSummary(frame({ quality: { issues: ['not-frontal'] } })), 'look-straight');
    assert.equal(hintFromSummary(frame({ quality: { issues: ['blurry'] } })), 'hold-still');
    assert.equal(hintFromSummary(frame({ quality: { issues: ['blurry', 'not-frontal', 'too-dark'] } })), 'too-dark');
    assert.equal(hintFromSummary(frame({ quality: { issues: ['blurry', 'not-frontal'] } })), 'look-straight');
  });

  test('distance comes before framing, framing before lighting', () => {
    assert.equal(hintFromSummary(frame({ box: { x1: 0, y1: 0, x2: 60, y2: 80 }, quality: { issues: ['too-dark'] } })), 'move-closer');
    assert.equal(hintFromSummary(frame({ box: { x1: 0, y1: 140, x2: 200, y2: 380 }, quality: { issues: ['too-dark'] } })), 'center');
  });
});
