import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isVirtualCamera } from '../../../src/core/camera/camera-access.js';
import type { Tracking } from '../../../src/core/camera/face-tracker.js';
import { scaledSize } from '../../../src/core/camera/frame-capture.js';
import {
  FRAMING_LIMITS,
  MANY_FACES_FRAMES,
  createHintFilter,
  hintFromSummary,
  hintFromTracking,
  isSendable,
  smoothFace,
} from '../../../src/core/camera/guidance.js';
import type { FrameSummary } from '../../../src/core/inference/worker-protocol.js';
import type { QualityIssue } from '../../../src/vision/index.js';

const W = 640;
const H = 480;
const face = (x: number, y: number, width: number, height = width * 1.2) => ({ x, y, width, height, score: 0.9 });
const tracking = (...faces: ReturnType<typeof face>[]): Tracking => ({ width: W, height: H, faces, ms: 20 });
/** A face of `share` of the frame width, centred. */
const centred = (share: number) => face(W / 2 - (share * W) / 2, H / 2 - (share * W * 1.2) / 2, share * W);

function summary(faces: number, issues: QualityIssue[] = []): FrameSummary {
  return {
    width: W,
    height: H,
    faces,
    main:
      faces === 0
        ? null
        : {
            box: { x1: 220, y1: 120, x2: 420, y2: 360 },
            score: 0.99,
            keypoints: {
              leftEye: { x: 280, y: 200 },
              rightEye: { x: 360, y: 200 },
              nose: { x: 320, y: 250 },
              mouthLeft: { x: 290, y: 300 },
              mouthRight: { x: 350, y: 300 },
            },
            quality: { issues, yaw: 0, pitch: 0, roll: 0, sharpness: 500, brightness: 120, interocular: 80, faceWidth: 200 },
            liveness: 0.99,
            livenessHint: 'live',
          },
  };
}

describe('live guidance from the tracker and the worker', () => {
  test('framing: no face, several faces, too far, too near, off centre, good', () => {
    assert.equal(hintFromTracking(tracking(), null), 'no-face');
    assert.equal(hintFromTracking(tracking(centred(0.3), face(10, 10, 100)), null), 'many-faces');
    assert.equal(hintFromTracking(tracking(centred(FRAMING_LIMITS.minWidth - 0.02)), null), 'move-closer');
    assert.equal(hintFromTracking(tracking(centred(FRAMING_LIMITS.maxWidth + 0.05)), null), 'move-back');
    assert.equal(hintFromTracking(tracking(face(0, 100, 0.3 * W)), null), 'center');
    assert.equal(hintFromTracking(tracking(centred(0.3)), null), 'good');
  });

  test("the worker's quality hint refines a well-framed face; its detector backs up the short-range tracker", () => {
    assert.equal(hintFromTracking(tracking(centred(0.3)), summary(1, ['too-dark'])), 'too-dark');
    assert.equal(hintFromTracking(tracking(centred(0.3)), summary(1, ['blurry'])), 'hold-still');
    assert.equal(hintFromTracking(tracking(centred(0.3)), summary(1, ['not-frontal'])), 'look-straight');
    // The worker's own framing limits are stricter (it would say move-closer): framing is the tracker's
    // call, the light problem must still show.
    const smallInWorker = summary(1, ['too-dark']);
    smallInWorker.main!.box = { x1: 300, y1: 200, x2: 400, y2: 320 };
    assert.equal(hintFromTracking(tracking(centred(0.19)), smallInWorker), 'too-dark');
    // A group further away: the tracker sees nobody, the worker two faces → many-faces (frames go, the node decides).
    assert.equal(hintFromTracking(tracking(), summary(2)), 'many-faces');
    assert.equal(hintFromTracking(tracking(), summary(1)), 'good');
  });

  test('without the tracker: the worker alone, or the node judges', () => {
    assert.equal(hintFromSummary(null), 'good');
    assert.equal(hintFromSummary(summary(0)), 'no-face');
    assert.equal(hintFromSummary(summary(1, ['too-bright'])), 'too-bright');
  });

  test('frames go only for a usable face (many faces go too: the node decides MANY_FACES; a turned face stays home)', () => {
    for (const hint of ['good', 'hold-still', 'many-faces'] as const) assert.equal(isSendable(hint), true, hint);
    for (const hint of ['no-face', 'move-closer', 'move-back', 'center', 'too-dark', 'too-bright', 'look-straight'] as const)
      assert.equal(isSendable(hint), false, hint);
    assert.equal(isSendable(null), false);
  });
});

describe('camera helpers', () => {
  test('frames are downscaled to the longest side, never up', () => {
    assert.deepEqual(scaledSize(1280, 720, 640), { width: 640, height: 360 });
    assert.deepEqual(scaledSize(480, 640, 640), { width: 480, height: 640 });
    assert.deepEqual(scaledSize(320, 240, 640), { width: 320, height: 240 });
  });

  test('virtual cameras are recognised by label, real ones are not', () => {
    for (const label of ['OBS Virtual Camera', 'ManyCam Virtual Webcam', 'Snap Camera', 'XSplit VCam', 'DroidCam Source 3', 'Iriun Webcam'])
      assert.equal(isVirtualCamera(label), true, label);
    for (const label of ['FaceTime HD Camera (Built-in)', 'Integrated Camera (04f2:b6dd)', 'Logitech BRIO', 'fake_device_0', ''])
      assert.equal(isVirtualCamera(label), false, label);
  });

  test('many faces only after several tracker frames in a row (issue 14: a one-person clip flashed "Only one face")', () => {
    const steady = createHintFilter();
    assert.equal(MANY_FACES_FRAMES, 5);
    assert.equal(steady('good'), 'good');
    // A hand tracked as a second face for a few frames: the hint stays.
    for (let i = 1; i < MANY_FACES_FRAMES; i++) assert.equal(steady('many-faces'), 'good', `frame ${i}`);
    assert.equal(steady('good'), 'good');
    for (let i = 1; i < MANY_FACES_FRAMES; i++) steady('many-faces');
    assert.equal(steady('many-faces'), 'many-faces', 'a second person who stays is reported');
    assert.equal(steady('move-closer'), 'move-closer', 'other hints pass at once');
  });

  test('the oval’s face box: the largest face, as shares of the frame, smoothed; a jump is taken as is', () => {
    const frame = { width: 640, height: 480 };
    const first = smoothFace(null, [face(10, 10, 40), face(200, 120, 160, 192)], frame)!;
    assert.deepEqual(first, { x: 200 / 640, y: 120 / 480, width: 160 / 640, height: 192 / 480, frame });
    const moved = smoothFace(first, [face(232, 120, 160, 192)], frame)!;
    assert.ok(moved.x > first.x && moved.x < 232 / 640, 'part of the way');
    const jumped = smoothFace(moved, [face(20, 300, 160, 160)], frame)!;
    assert.equal(jumped.x, 20 / 640);
    assert.equal(smoothFace(jumped, [], frame), null, 'no face, no box');
  });
});
