import type { Affine, Point } from './geometry.js';
import { similarityTransform } from './geometry.js';
import type { FivePoints } from './landmarks.js';
import { fivePointList } from './landmarks.js';
import type { TensorInput } from './models.js';
import type { Pixels } from './pixels.js';
import { warpAffine } from './sampling.js';

/** The standard 112×112 five-point template of ArcFace-style embeddings (eyes, nose, mouth corners). */
export const ALIGNED_SIZE = 112;
export const CANONICAL_FIVE_POINTS: readonly Point[] = [
  { x: 38.2946, y: 51.6963 },
  { x: 73.5318, y: 51.5014 },
  { x: 56.0252, y: 71.7366 },
  { x: 41.5493, y: 92.3655 },
  { x: 70.7299, y: 92.2041 },
];

/** Similarity transform (no shear: shear distorts identity) from the face's five points to the template. */
export function alignmentTransform(points: FivePoints): Affine {
  return similarityTransform(fivePointList(points), CANONICAL_FIVE_POINTS);
}

/** fr_feature input: the aligned 112×112 face, BGR planes, (v − 127) / 128, black outside the image. */
export function embeddingInput(px: Pixels, transform: Affine, mirror = false): TensorInput {
  const data = warpAffine(px, transform, ALIGNED_SIZE, ALIGNED_SIZE, 'bgr', { mean: [127, 127, 127], scale: [1 / 128, 1 / 128, 1 / 128] }, mirror);
  return { data, dims: [1, 3, ALIGNED_SIZE, ALIGNED_SIZE] };
}
