import type { Box, Point, Rect } from './geometry.js';
import type { TensorInput } from './models.js';
import type { Pixels } from './pixels.js';
import { cropResize } from './sampling.js';

/** fr_landmark: 64×64 gray/256 crop around the face → 68 points (iBUG order), normalised to the crop. */
export const LANDMARK_INPUT = 64;

/** The five points the embedding's alignment template is defined on. */
export interface FivePoints {
  leftEye: Point;
  rightEye: Point;
  nose: Point;
  mouthLeft: Point;
  mouthRight: Point;
}

/** Square the box to side √(w·h) around its centre, take 1.1 s wide starting 0.55 s left and 0.5 s up, clipped. */
export function landmarkCrop(box: Box, imageWidth: number, imageHeight: number): Rect {
  const w = box.x2 - box.x1;
  const h = box.y2 - box.y1;
  const side = Math.sqrt(Math.max(w * h, 1));
  const cx = (box.x1 + box.x2) / 2;
  const cy = (box.y1 + box.y2) / 2;
  const x = Math.max(0, Math.round(cx - 0.55 * side));
  const y = Math.max(0, Math.round(cy - 0.5 * side));
  const size = Math.round(1.1 * side);
  return { x, y, width: Math.max(1, Math.min(size, imageWidth - x)), height: Math.max(1, Math.min(size, imageHeight - y)) };
}

export function landmarkInput(px: Pixels, crop: Rect): TensorInput {
  const data = cropResize(px, crop, LANDMARK_INPUT, LANDMARK_INPUT, 'gray', { mean: [0], scale: [1 / 256] });
  return { data, dims: [1, 1, LANDMARK_INPUT, LANDMARK_INPUT] };
}

export function decodeLandmarks(output: Float32Array, crop: Rect): Point[] {
  const points: Point[] = [];
  for (let i = 0; i < 68; i++) {
    points.push({ x: output[2 * i]! * crop.width + crop.x, y: output[2 * i + 1]! * crop.height + crop.y });
  }
  return points;
}

const mean = (pts: readonly Point[]): Point => ({
  x: pts.reduce((s, p) => s + p.x, 0) / pts.length,
  y: pts.reduce((s, p) => s + p.y, 0) / pts.length,
});

/**
 * 68 → 5 points as measured for this model (MODELS.md): eyes = mean of the four eyelid points
 * (37, 38, 40, 41 and 43, 44, 46, 47), nose tip 30, mouth corners = mean of outer and inner corners.
 */
export function fivePoints(lm: readonly Point[]): FivePoints {
  const at = (i: number): Point => lm[i]!;
  return {
    leftEye: mean([at(37), at(38), at(40), at(41)]),
    rightEye: mean([at(43), at(44), at(46), at(47)]),
    nose: at(30),
    mouthLeft: mean([at(48), at(60)]),
    mouthRight: mean([at(54), at(64)]),
  };
}

export const fivePointList = (f: FivePoints): Point[] => [f.leftEye, f.rightEye, f.nose, f.mouthLeft, f.mouthRight];
