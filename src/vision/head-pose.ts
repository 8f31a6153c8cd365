import type { Point } from './geometry.js';

/**
 * Head pose from the 68 iBUG landmarks, for the active-liveness challenge ("turn your head",
 * "look up"). Chosen over fr_pose.onnx by measurement (research/pad/REPORT.md, head-turn GIF with
 * a yaw/pitch/roll overlay, held-out frames): yaw r 0.98 (RMSE 3.8°) against fr_pose's 0.86
 * (9.0°), and a print tilted close to the camera moved fr_pose's yaw by up to 44° but this one by
 * ≤ 19°. The yaw ratio is a ratio of collinear lengths, so moving, rotating or scaling a flat
 * picture in the image does not change it; only perspective can.
 *
 * Signs:
 * - yaw > 0: the nose points to the IMAGE's right. In an unmirrored camera frame (what getUserMedia
 *   delivers; only the preview is mirrored by CSS) that is the USER turning to THEIR LEFT.
 * - pitch > 0: looking up (chin up).
 * - roll > 0: the face is rotated clockwise in the image (the image-right eye lower).
 *
 * (quality.ts keeps its own, older estimate for the framing gate; it reads yaw 1.36× too large.)
 */
export interface HeadPose {
  yaw: number;
  pitch: number;
  roll: number;
  /** (d_left − d_right) / (d_left + d_right) of the nose tip between the cheek points 2 and 14, roll removed: −1…1. */
  yawRatio: number;
  /** Vertical position of the nose tip between the eye line (0) and the mouth line (1), roll removed. */
  noseRatio: number;
}

/** Degrees per unit of yawRatio: least-squares fit on the tuning half of the head-turn GIF (REPORT.md §1). */
export const YAW_DEGREES_PER_RATIO = 55;
/** Degrees per unit of noseRatio (fitted the same way; the ratio falls as the head tilts back). */
export const PITCH_DEGREES_PER_RATIO = 76;
/**
 * noseRatio of a level, frontal face — only a default: it ranges 0.40–0.59 across the people
 * measured (≈ ±8° of pitch), so challenges compare with the session's own baseline instead.
 */
export const NEUTRAL_NOSE_RATIO = 0.5;

const mean = (pts: readonly Point[]): Point => ({
  x: pts.reduce((s, p) => s + p.x, 0) / pts.length,
  y: pts.reduce((s, p) => s + p.y, 0) / pts.length,
});
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * Yaw, pitch and roll (degrees) from 68 iBUG landmarks in image pixels. Eye centres: mean of 36–41
 * and of 42–47; roll = angle of the eye line. All points are rotated by −roll about the eye
 * midpoint, then
 *   yawRatio  = (|x30 − x2| − |x14 − x30|) / (|x30 − x2| + |x14 − x30|),  yaw = 55 · yawRatio
 *   noseRatio = (y30 − ȳ(36…47)) / (ȳ(48, 54, 60, 64) − ȳ(36…47)),        pitch = 76 · (0.5 − noseRatio)
 */
export function landmarkHeadPose(lm: readonly Point[]): HeadPose {
  const at = (i: number): Point => lm[i]!;
  const leftEye = mean(range(36, 41).map(at));
  const rightEye = mean(range(42, 47).map(at));
  const rollRad = Math.atan2(rightEye.y - leftEye.y, rightEye.x - leftEye.x);
  const c = mean([leftEye, rightEye]);
  const cos = Math.cos(-rollRad),
    sin = Math.sin(-rollRad);
  const level = (p: Point): Point => ({ x: (p.x - c.x) * cos - (p.y - c.y) * sin, y: (p.x - c.x) * sin + (p.y - c.y) * cos });
  const nose = level(at(30));
  const toLeft = Math.abs(nose.x - level(at(2)).x);
  const toRight = Math.abs(level(at(14)).x - nose.x);
  const yawRatio = toLeft + toRight === 0 ? 0 : (toLeft - toRight) / (toLeft + toRight);
  const eyeY = mean(range(36, 47).map((i) => level(at(i)))).y;
  const mouthY = mean([48, 54, 60, 64].map((i) => level(at(i)))).y;
  const noseRatio = mouthY - eyeY <= 0 ? NEUTRAL_NOSE_RATIO : (nose.y - eyeY) / (mouthY - eyeY);
  return {
    yaw: YAW_DEGREES_PER_RATIO * yawRatio,
    pitch: PITCH_DEGREES_PER_RATIO * (NEUTRAL_NOSE_RATIO - noseRatio),
    roll: (rollRad * 180) / Math.PI,
    yawRatio,
    noseRatio,
  };
}

/** The session's own neutral pose: medians over frames the user looked straight in. */
export interface PoseBaseline {
  yaw: number;
  pitch: number;
  roll: number;
}

const median = (v: readonly number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export function poseBaseline(poses: readonly Pick<HeadPose, 'yaw' | 'pitch' | 'roll'>[]): PoseBaseline {
  return { yaw: median(poses.map((p) => p.yaw)), pitch: median(poses.map((p) => p.pitch)), roll: median(poses.map((p) => p.roll)) };
}

/** Directions from the USER's point of view (unmirrored frames). */
export type PoseClass = 'frontal' | 'turned-left' | 'turned-right' | 'looking-up' | 'looking-down' | 'in-between';

/** Limits on the change from the baseline, degrees (the values live with the node's PAD thresholds). */
export interface PoseLimits {
  /** |Δyaw| at or above this is a turn. */
  readonly turn: number;
  /** Δpitch at or above this (with |Δyaw| below `turn`) is looking up; `down` the other way. */
  readonly up: number;
  readonly down: number;
  /** Frontal: |Δyaw| and |Δpitch| below these, and |Δroll| below `frontalRoll`. */
  readonly frontalYaw: number;
  readonly frontalPitch: number;
  readonly frontalRoll: number;
}

/** Classifies one pose relative to the baseline (unmirrored frames: Δyaw > 0 is the user's left). */
export function classifyPose(p: Pick<HeadPose, 'yaw' | 'pitch' | 'roll'>, baseline: PoseBaseline, limits: PoseLimits): PoseClass {
  const dyaw = p.yaw - baseline.yaw;
  const dpitch = p.pitch - baseline.pitch;
  if (Math.abs(dyaw) >= limits.turn) return dyaw > 0 ? 'turned-left' : 'turned-right';
  if (dpitch >= limits.up) return 'looking-up';
  if (-dpitch >= limits.down) return 'looking-down';
  if (Math.abs(dyaw) < limits.frontalYaw && Math.abs(dpitch) < limits.frontalPitch && Math.abs(p.roll - baseline.roll) < limits.frontalRoll)
    return 'frontal';
  return 'in-between';
}
