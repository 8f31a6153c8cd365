import type { Affine, Box, Point } from './geometry.js';
import type { FivePoints } from './landmarks.js';
import type { Pixels } from './pixels.js';
import { warpAffine } from './sampling.js';

/** Why a face is not good enough to enroll or authenticate with (also the widget's guidance keys). */
export type QualityIssue = 'too-small' | 'blurry' | 'too-dark' | 'too-bright' | 'not-frontal';

export interface FaceQuality {
  /** Detector box width in pixels. */
  faceWidth: number;
  /** Distance between the eye centres in pixels. */
  interocular: number;
  /** Variance of the Laplacian of the aligned 112×112 gray face: higher is sharper. */
  sharpness: number;
  /** Mean luma (0..255) of the aligned face's central region. */
  brightness: number;
  /** Approximate head pose from landmarks, degrees. Yaw > 0: nose towards the image's right; pitch > 0: looking down; roll > 0: clockwise. */
  yaw: number;
  pitch: number;
  roll: number;
  /** Empty when the face is good enough for recognition. */
  issues: QualityIssue[];
}

/** Limits behind `issues`; measured on ../shared/data (see test/vision/quality.test.ts). */
export const QUALITY_LIMITS = {
  minInterocular: 20,
  minSharpness: 40,
  minBrightness: 45,
  maxBrightness: 225,
  maxYaw: 30,
  maxPitch: 25,
  maxRoll: 30,
} as const;

// Nose tip sits this far between the eye line and the mouth line on a frontal face (measured).
const FRONTAL_NOSE_RATIO = 0.55;
const PITCH_DEGREES_PER_RATIO = 150;
const degrees = (rad: number): number => (rad * 180) / Math.PI;
const mid = (a: Point, b: Point): Point => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });

export function headPose(landmarks: readonly Point[], five: FivePoints): { yaw: number; pitch: number; roll: number } {
  const rollRad = Math.atan2(five.rightEye.y - five.leftEye.y, five.rightEye.x - five.leftEye.x);
  // Undo roll before measuring yaw and pitch, around the eye midpoint.
  const centre = mid(five.leftEye, five.rightEye);
  const cos = Math.cos(-rollRad),
    sin = Math.sin(-rollRad);
  const level = (p: Point): Point => ({
    x: centre.x + (p.x - centre.x) * cos - (p.y - centre.y) * sin,
    y: centre.y + (p.x - centre.x) * sin + (p.y - centre.y) * cos,
  });
  const nose = level(five.nose);
  const jawLeft = level(landmarks[0]!);
  const jawRight = level(landmarks[16]!);
  const toLeft = Math.abs(nose.x - jawLeft.x);
  const toRight = Math.abs(jawRight.x - nose.x);
  const yawRatio = toLeft + toRight === 0 ? 0 : (toLeft - toRight) / (toLeft + toRight);
  const mouth = level(mid(five.mouthLeft, five.mouthRight));
  const eyeToMouth = mouth.y - centre.y;
  const noseRatio = eyeToMouth <= 0 ? FRONTAL_NOSE_RATIO : (nose.y - centre.y) / eyeToMouth;
  return {
    yaw: degrees(Math.asin(Math.max(-1, Math.min(1, yawRatio)))),
    pitch: (noseRatio - FRONTAL_NOSE_RATIO) * PITCH_DEGREES_PER_RATIO,
    roll: degrees(rollRad),
  };
}

/** Sharpness and brightness of the aligned gray face (the pixels the embedding sees). */
export function alignedFaceStats(px: Pixels, transform: Affine): { sharpness: number; brightness: number } {
  const size = 112;
  const gray = warpAffine(px, transform, size, size, 'gray', { mean: [0], scale: [1] });
  // Central region only: the template's corners hold background and black border.
  const from = 24,
    to = 96;
  let sum = 0,
    n = 0,
    lapSum = 0,
    lapSq = 0,
    ln = 0;
  for (let y = from; y < to; y++) {
    for (let x = from; x < to; x++) {
      const i = y * size + x;
      const v = gray[i]!;
      sum += v;
      n++;
      const lap = gray[i - 1]! + gray[i + 1]! + gray[i - size]! + gray[i + size]! - 4 * v;
      lapSum += lap;
      lapSq += lap * lap;
      ln++;
    }
  }
  const lapMean = lapSum / ln;
  return { brightness: sum / n, sharpness: lapSq / ln - lapMean * lapMean };
}

export function assessQuality(px: Pixels, box: Box, landmarks: readonly Point[], five: FivePoints, transform: Affine): FaceQuality {
  const pose = headPose(landmarks, five);
  const stats = alignedFaceStats(px, transform);
  const interocular = Math.hypot(five.rightEye.x - five.leftEye.x, five.rightEye.y - five.leftEye.y);
  const issues: QualityIssue[] = [];
  const L = QUALITY_LIMITS;
  if (interocular < L.minInterocular) issues.push('too-small');
  if (stats.sharpness < L.minSharpness) issues.push('blurry');
  if (stats.brightness < L.minBrightness) issues.push('too-dark');
  if (stats.brightness > L.maxBrightness) issues.push('too-bright');
  if (Math.abs(pose.yaw) > L.maxYaw || Math.abs(pose.pitch) > L.maxPitch || Math.abs(pose.roll) > L.maxRoll) issues.push('not-frontal');
  return { faceWidth: box.x2 - box.x1, interocular, ...stats, ...pose, issues };
}
