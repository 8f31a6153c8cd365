import type { Affine, Box } from './geometry.js';
import { intersectionOverUnion } from './geometry.js';
import type { TensorInput } from './models.js';
import type { Pixels } from './pixels.js';
import { cropResize, warpAffine } from './sampling.js';

/** fr_detect (Ultra-Light-Fast-Generic-Face-Detector, RFB-320): whole frame → 320×240, RGB, (v − 127) / 128. */
export const DETECTOR_INPUT = { width: 320, height: 240 } as const;

export interface DetectorOptions {
  /** Minimum face probability. 0.6 (MODELS.md: 0.65 loses a few real faces; see the accuracy bench). */
  minScore: number;
  /** IoU above which the lower-scored of two boxes is dropped. */
  nmsIou: number;
  /** Candidates kept before NMS, best first. */
  topK: number;
  /**
   * A box with at least this share of its area inside a better box is a part of that face (the
   * detector fires on eyes-and-glasses crops of a close face), not a second face.
   */
  nestedShare: number;
}

export const DEFAULT_DETECTOR_OPTIONS: DetectorOptions = { minScore: 0.6, nmsIou: 0.4, topK: 750, nestedShare: 0.6 };

/**
 * Border added around the frame for a second detector pass when the first finds nothing: a face
 * that fills the whole frame (a tight crop, a phone held close) is missed without context around
 * it (bbt_leonard/leonard5.png: 0.45 → 0.998 with a 25 % border).
 */
export const RETRY_PADDING = 0.25;
/**
 * The retry pass must be sure: a frame-filling face scores ≈ 1 once padded, while padding a
 * face-free close-up invents weak faces (a coffee cup scored 0.68).
 */
export const RETRY_MIN_SCORE = 0.9;

export interface Detection {
  box: Box;
  score: number;
}

const DETECTOR_NORMALIZATION = { mean: [127, 127, 127], scale: [1 / 128, 1 / 128, 1 / 128] };

/** Where the detector's [0, 1] coordinates lie in the image: x = left + u · width. */
export interface DetectorFrame {
  left: number;
  top: number;
  width: number;
  height: number;
}

export function detectorInput(px: Pixels): TensorInput {
  const data = cropResize(
    px,
    { x: 0, y: 0, width: px.width, height: px.height },
    DETECTOR_INPUT.width,
    DETECTOR_INPUT.height,
    'rgb',
    DETECTOR_NORMALIZATION,
  );
  return { data, dims: [1, 3, DETECTOR_INPUT.height, DETECTOR_INPUT.width] };
}

/** The frame with a black border of `padding` × its size on every side, for the retry pass. */
export function paddedDetectorFrame(px: Pixels, padding = RETRY_PADDING): DetectorFrame {
  return { left: -px.width * padding, top: -px.height * padding, width: px.width * (1 + 2 * padding), height: px.height * (1 + 2 * padding) };
}

export function paddedDetectorInput(px: Pixels, frame: DetectorFrame): TensorInput {
  const sx = DETECTOR_INPUT.width / frame.width;
  const sy = DETECTOR_INPUT.height / frame.height;
  const toInput: Affine = [sx, 0, -frame.left * sx, 0, sy, -frame.top * sy];
  const data = warpAffine(px, toInput, DETECTOR_INPUT.width, DETECTOR_INPUT.height, 'rgb', DETECTOR_NORMALIZATION);
  return { data, dims: [1, 3, DETECTOR_INPUT.height, DETECTOR_INPUT.width] };
}

/**
 * Turns the detector's outputs into boxes in image pixels: `scores[i][1]` is the face probability
 * (softmax is in the graph), `boxes[i]` are decoded corners in [0, 1] (priors are in the graph).
 */
export function decodeDetections(
  scores: Float32Array,
  boxes: Float32Array,
  imageWidth: number,
  imageHeight: number,
  options: DetectorOptions = DEFAULT_DETECTOR_OPTIONS,
  frame: DetectorFrame = { left: 0, top: 0, width: imageWidth, height: imageHeight },
): Detection[] {
  const clampX = (u: number): number => Math.min(imageWidth, Math.max(0, frame.left + u * frame.width));
  const clampY = (v: number): number => Math.min(imageHeight, Math.max(0, frame.top + v * frame.height));
  const candidates: Detection[] = [];
  const count = scores.length / 2;
  for (let i = 0; i < count; i++) {
    const score = scores[2 * i + 1]!;
    if (score < options.minScore) continue;
    candidates.push({
      score,
      box: { x1: clampX(boxes[4 * i]!), y1: clampY(boxes[4 * i + 1]!), x2: clampX(boxes[4 * i + 2]!), y2: clampY(boxes[4 * i + 3]!) },
    });
  }
  candidates.sort((a, b) => b.score - a.score);
  const valid = candidates.filter((c) => c.box.x2 - c.box.x1 >= 1 && c.box.y2 - c.box.y1 >= 1);
  return nonMaximumSuppression(valid.slice(0, options.topK), options.nmsIou, options.nestedShare);
}

/** Share of `inner`'s area that lies inside `outer`. */
function containedShare(inner: Box, outer: Box): number {
  const iw = Math.max(0, Math.min(inner.x2, outer.x2) - Math.max(inner.x1, outer.x1));
  const ih = Math.max(0, Math.min(inner.y2, outer.y2) - Math.max(inner.y1, outer.y1));
  const area = (inner.x2 - inner.x1) * (inner.y2 - inner.y1);
  return area <= 0 ? 1 : (iw * ih) / area;
}

/** Greedy NMS over score-sorted detections, also dropping boxes nested inside a better one. */
export function nonMaximumSuppression(sorted: readonly Detection[], iou: number, nestedShare = 1.01): Detection[] {
  const kept: Detection[] = [];
  for (const candidate of sorted) {
    const overlaps = kept.some((k) => intersectionOverUnion(k.box, candidate.box) > iou || containedShare(candidate.box, k.box) >= nestedShare);
    if (!overlaps) kept.push(candidate);
  }
  return kept;
}
