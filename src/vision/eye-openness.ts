import type { Point, Rect } from './geometry.js';
import type { TensorInput } from './models.js';
import type { Pixels } from './pixels.js';
import { cropResize } from './sampling.js';

/**
 * Eye openness and blinks for the active-liveness challenge ("blink"). Measured in
 * research/pad/REPORT.md §2 (a 24 fps selfie with 8 closures checked by eye, three clips with one
 * blink each, and still, talking, head-turning and replayed clips without blinks):
 * - the eye aspect ratio (EAR) from fr_landmark's eyelid points never reaches 0: open ≈ 0.29–0.37,
 *   fully closed ≈ 0.5–0.65 of the session's own open-eye baseline, so the rule is relative;
 * - fr_eye.onnx: softmax index 0 is "closed" (verified: TP 136 / FP 3 / FN 2 / TN 193 per frame on
 *   the selfie); alone it fires on turned heads and on glare on glasses, so it only confirms an EAR
 *   drop.
 */

/** Landmark indices of the two eyes (iBUG): corner, upper lid ×2, corner, lower lid ×2. */
export const EYE_POINTS = {
  /** The eye on the image's left (the subject's right eye in an unmirrored frame). */
  first: [36, 37, 38, 39, 40, 41],
  second: [42, 43, 44, 45, 46, 47],
} as const;

const dist = (a: Point, b: Point): number => Math.hypot(a.x - b.x, a.y - b.y);

/** Soukupová & Čech's eye aspect ratio: (|p2 − p6| + |p3 − p5|) / (2 |p1 − p4|). */
export function eyeAspectRatio(lm: readonly Point[], eye: keyof typeof EYE_POINTS): number {
  const [p1, p2, p3, p4, p5, p6] = EYE_POINTS[eye].map((i) => lm[i]!) as [Point, Point, Point, Point, Point, Point];
  const width = dist(p1, p4);
  return width === 0 ? 0 : (dist(p2, p6) + dist(p3, p5)) / (2 * width);
}

/** Mean EAR of both eyes. */
export const meanEyeAspectRatio = (lm: readonly Point[]): number => (eyeAspectRatio(lm, 'first') + eyeAspectRatio(lm, 'second')) / 2;

// fr_eye.onnx: [1,1,24,24] gray/255 per eye → 2 logits; softmax index 0 = closed. Crop (the
// package's): a square of side 1.6 × the eye's corner-to-corner x distance, centred on the mean of
// the four lid points, integer-truncated, clipped; resized 24×24 bilinear; Rec.601 luma (the
// package's R/B-swapped luma gave the same decisions on every frame measured).
export const EYE_INPUT = 24;
export const EYE_CROP_SCALE = 1.6;

function eyeRect(lm: readonly Point[], corners: readonly [number, number], lids: readonly number[], w: number, h: number): Rect {
  const cx = lids.reduce((s, i) => s + lm[i]!.x, 0) / lids.length;
  const cy = lids.reduce((s, i) => s + lm[i]!.y, 0) / lids.length;
  const size = Math.max(2, Math.trunc((lm[corners[1]]!.x - lm[corners[0]]!.x) * EYE_CROP_SCALE));
  const x = Math.min(Math.max(0, Math.trunc(cx - size / 2)), Math.max(0, w - 1)),
    y = Math.min(Math.max(0, Math.trunc(cy - size / 2)), Math.max(0, h - 1));
  return { x, y, width: Math.max(1, Math.min(size, w - x)), height: Math.max(1, Math.min(size, h - y)) };
}

/** The two eye crops, in EYE_POINTS order (first = image-left eye). */
export function eyeCrops(lm: readonly Point[], imageWidth: number, imageHeight: number): [Rect, Rect] {
  return [eyeRect(lm, [36, 39], [37, 38, 40, 41], imageWidth, imageHeight), eyeRect(lm, [42, 45], [43, 44, 46, 47], imageWidth, imageHeight)];
}

export function eyeInput(px: Pixels, crop: Rect): TensorInput {
  return { data: cropResize(px, crop, EYE_INPUT, EYE_INPUT, 'gray', { mean: [0], scale: [1 / 255] }), dims: [1, 1, EYE_INPUT, EYE_INPUT] };
}

/** p(closed): softmax over fr_eye's two logits, index 0. */
export function decodeEyeClosed(output: Float32Array): number {
  const m = Math.max(output[0]!, output[1]!);
  const e0 = Math.exp(output[0]! - m),
    e1 = Math.exp(output[1]! - m);
  return e0 / (e0 + e1);
}

/** One frame's eyes, for blink detection. */
export interface EyeSample {
  /** Milliseconds (any origin, increasing). */
  t: number;
  /** meanEyeAspectRatio of the frame. */
  ear: number;
  /** Mean fr_eye p(closed) of both eyes, when the model ran. */
  pClosed?: number;
  /** False when the head pose makes the EAR unreliable (turned or pitched past the limits): the frame is skipped. */
  usable?: boolean;
}

/** The blink rule's limits (the values live with the node's PAD thresholds). */
export interface BlinkLimits {
  /** Percentile (0..1) of the session's EAR taken as its open-eye baseline. */
  readonly baselinePercentile: number;
  /** Closed: EAR below this fraction of the baseline… */
  readonly closedRatio: number;
  /** …and, when fr_eye ran, mean p(closed) at or above this. */
  readonly closedProbability: number;
  /** Open again (hysteresis): EAR at or above this fraction of the baseline. */
  readonly openRatio: number;
  /** Fewer usable frames than this: no baseline, no verdict. */
  readonly minFrames: number;
}

export interface BlinkEvent {
  /** Time of the first and last closed frame. */
  start: number;
  end: number;
  /** Closed frames in the event. */
  frames: number;
  /** Lowest EAR / baseline in the event. */
  minRatio: number;
}

export interface BlinkResult {
  baseline: number;
  events: BlinkEvent[];
}

export function quantile(values: readonly number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos),
    hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

/** Whether one sample counts as closed: EAR well under the baseline, confirmed by fr_eye when it ran. */
export function isClosed(s: EyeSample, baseline: number, limits: BlinkLimits): boolean {
  if (!(s.ear < limits.closedRatio * baseline)) return false;
  return s.pClosed === undefined || s.pClosed >= limits.closedProbability;
}

/**
 * Blink events in time order: open → closed (≥ 1 frame) → open, with hysteresis (open again only at
 * `openRatio` × baseline). A closure still running at the end is not an event: the eyes must be
 * seen open again. Unusable samples (head turned) are skipped.
 */
export function detectBlinks(samples: readonly EyeSample[], limits: BlinkLimits): BlinkResult {
  const usable = samples.filter((s) => s.usable !== false && Number.isFinite(s.ear)).sort((a, b) => a.t - b.t);
  if (usable.length < limits.minFrames) return { baseline: NaN, events: [] };
  const baseline = quantile(
    usable.map((s) => s.ear),
    limits.baselinePercentile,
  );
  const events: BlinkEvent[] = [];
  let state: 'unknown' | 'open' | 'closed' = 'unknown';
  let current: BlinkEvent | undefined;
  for (const s of usable) {
    const ratio = s.ear / baseline;
    if (isClosed(s, baseline, limits)) {
      if (state === 'open') {
        current = { start: s.t, end: s.t, frames: 1, minRatio: ratio };
        state = 'closed';
      } else if (state === 'closed' && current) {
        current.end = s.t;
        current.frames++;
        current.minRatio = Math.min(current.minRatio, ratio);
      }
    } else if (ratio >= limits.openRatio) {
      if (state === 'closed' && current) events.push(current);
      current = undefined;
      state = 'open';
    }
  }
  return { baseline, events };
}
