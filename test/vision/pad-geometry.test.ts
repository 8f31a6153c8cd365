import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BlinkLimits, EyeSample, PoseLimits } from '../../src/vision/index.js';
import {
  alignmentResidual,
  classifyPose,
  decodeEyeClosed,
  detectBlinks,
  eyeCrops,
  homographyTransform,
  landmarkHeadPose,
  meanEyeAspectRatio,
  poseBaseline,
  residualToShape,
  rigidity,
  meanShape,
} from '../../src/vision/index.js';
import { syntheticLandmarks } from '../helpers/synthetic-face.js';

const close = (a: number, b: number, eps = 1e-6) => assert.ok(Math.abs(a - b) < eps, `${a} ≉ ${b}`);
const POSE: PoseLimits = { turn: 20, up: 15, down: 15, frontalYaw: 10, frontalPitch: 10, frontalRoll: 20 };
const BLINK: BlinkLimits = { baselinePercentile: 0.75, closedRatio: 0.75, closedProbability: 0.5, openRatio: 0.85, minFrames: 5 };

describe('landmark head pose', () => {
  const base = poseBaseline([0, 1, 2].map(() => landmarkHeadPose(syntheticLandmarks())));

  it('reads a turn with the nose to the image right as the user turning to their LEFT (unmirrored frame)', () => {
    const p = landmarkHeadPose(syntheticLandmarks({ yaw: 35 }));
    assert.ok(p.yaw - base.yaw > 20, `Δyaw ${p.yaw - base.yaw}`);
    assert.equal(classifyPose(p, base, POSE), 'turned-left');
    assert.equal(classifyPose(landmarkHeadPose(syntheticLandmarks({ yaw: -35 })), base, POSE), 'turned-right');
  });

  it('reads chin up as looking up, and the frontal face as frontal', () => {
    assert.equal(classifyPose(landmarkHeadPose(syntheticLandmarks({ pitch: 30 })), base, POSE), 'looking-up');
    assert.equal(classifyPose(landmarkHeadPose(syntheticLandmarks({ pitch: -30 })), base, POSE), 'looking-down');
    assert.equal(classifyPose(landmarkHeadPose(syntheticLandmarks({ yaw: 3 })), base, POSE), 'frontal');
  });

  it('is unchanged when the picture is moved, rotated and scaled in the image (a print moved by hand)', () => {
    const src = syntheticLandmarks({ yaw: 25 });
    const a = 0.4,
      s = 0.7;
    const moved = src.map((p) => ({ x: s * (Math.cos(a) * p.x - Math.sin(a) * p.y) + 30, y: s * (Math.sin(a) * p.x + Math.cos(a) * p.y) - 12 }));
    const p0 = landmarkHeadPose(src),
      p1 = landmarkHeadPose(moved);
    close(p0.yaw, p1.yaw);
    close(p0.pitch, p1.pitch);
    close(p1.roll - p0.roll, (a * 180) / Math.PI);
  });
});

describe('eye openness and blinks', () => {
  it('gives closed eyes a much lower eye aspect ratio', () => {
    assert.ok(meanEyeAspectRatio(syntheticLandmarks({ eyeOpen: 0.2 })) < 0.75 * meanEyeAspectRatio(syntheticLandmarks()));
  });

  it('crops square eye patches inside the image, and maps fr_eye logits to p(closed) = softmax index 0', () => {
    for (const r of eyeCrops(syntheticLandmarks(), 640, 480)) assert.ok(r.width === r.height && r.x >= 0 && r.y >= 0);
    close(decodeEyeClosed(Float32Array.from([3, -3])), 1 / (1 + Math.exp(-6)));
  });

  it('counts open → closed → open as one blink; a closure still running at the end, an fr_eye veto, or an unusable frame do not', () => {
    const open = 0.3,
      shut = 0.18;
    const seq = (ears: number[], p?: number[]): EyeSample[] => ears.map((ear, i) => ({ t: i * 100, ear, ...(p ? { pClosed: p[i]! } : {}) }));
    const blink = [open, open, open, open, open, shut, shut, open, open, open];
    assert.equal(detectBlinks(seq(blink), BLINK).events.length, 1);
    assert.deepEqual(
      detectBlinks(seq(blink), BLINK).events.map((e) => [e.start, e.end]),
      [[500, 600]],
    );
    assert.equal(detectBlinks(seq([open, open, open, open, open, open, open, open, shut, shut]), BLINK).events.length, 0);
    assert.equal(detectBlinks(seq(blink, [0, 0, 0, 0, 0, 0.1, 0.2, 0, 0, 0]), BLINK).events.length, 0);
    const gated = seq(blink).map((x, i) => ({ ...x, usable: i < 5 || i > 6 }));
    assert.equal(detectBlinks(gated, BLINK).events.length, 0);
  });
});

describe('rigidity', () => {
  it('fits a homography exactly: a tilted flat picture leaves no residual, an affine fit does', () => {
    const src = syntheticLandmarks();
    const H = [1.05, 0.1, 4, -0.05, 0.95, 6, 0.0009, -0.0004, 1];
    const to = src.map((p) => {
      const w = H[6]! * p.x + H[7]! * p.y + 1;
      return { x: (H[0]! * p.x + H[1]! * p.y + H[2]!) / w, y: (H[3]! * p.x + H[4]! * p.y + H[5]!) / w };
    });
    homographyTransform(src, to).forEach((v, i) => close(v, H[i]!, 1e-6));
    assert.ok(alignmentResidual(src, to, 'homography', 1) < 1e-6);
    assert.ok(alignmentResidual(src, to, 'affine', 1) > 0.1);
  });

  it('scores a turning 3-D head as non-rigid and a moved picture as rigid', () => {
    const frontal = syntheticLandmarks();
    const turned = syntheticLandmarks({ yaw: 30 });
    assert.ok(residualToShape(meanShape([frontal, frontal]), turned) > 0.05);
    assert.ok(rigidity([frontal, turned, frontal, turned]).score > 0.03);
    const moved = [0, 1, 2, 3].map((k) => turned.map((p) => ({ x: 0.9 * p.x + 10 * k, y: 0.9 * p.y - 5 * k })));
    assert.ok(rigidity(moved).score < 1e-6);
  });
});
