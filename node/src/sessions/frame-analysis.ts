import { createHash } from 'node:crypto';
import type { FaceAnalysis, Pixels, VisionEngine } from 'openfaceio/vision';
import { warpAffine } from 'openfaceio/vision';
import { decodeImage } from '../vision/index.js';
import { frameWork } from './frame-work.js';

/** Side of the aligned gray face kept per frame for the temporal (replay) checks. */
export const ALIGNED_PATCH = 64;

/** What the node keeps of one received frame: numbers only, never the image. */
export interface FrameObservation {
  /** Plausible faces in the frame (see src/vision/plausibility.ts). */
  faceCount: number;
  /** SHA-256 of the decoded pixels: identical frames are a replayed still. */
  pixelHash: string;
  width: number;
  height: number;
  /** The main (largest) face, when there is one. */
  main?: {
    face: FaceAnalysis;
    embedding: Float32Array;
    liveness: number;
    /** The face aligned to the template, gray, ALIGNED_PATCH², zero-mean unit-variance: two frames of one still photo give near-identical patches. */
    patch: Float32Array;
  };
  /** Area of the second-largest plausible face relative to the main one (0 when alone). */
  secondFaceRatio: number;
}

/** Zero-mean, unit-variance copy (so brightness and contrast changes don't hide a copy). */
function standardize(v: Float32Array): Float32Array {
  let mean = 0;
  for (const x of v) mean += x;
  mean /= v.length;
  let variance = 0;
  for (const x of v) variance += (x - mean) ** 2;
  const std = Math.sqrt(variance / v.length) || 1;
  return v.map((x) => (x - mean) / std);
}

/**
 * Analyses one frame; `liveness: false` skips the anti-spoofing model when nothing will read it (PAD
 * off); `eyes` runs fr_eye (the blink challenge). frame-work.ts says which models run on which frame.
 */
export async function observeFrame(
  engine: VisionEngine,
  bytes: Uint8Array,
  options: { ageGender: boolean; maxPixels: number; liveness?: boolean; eyes?: boolean },
): Promise<FrameObservation> {
  const px: Pixels = await decodeImage(bytes, 'frame', options.maxPixels);
  const pixelHash = createHash('sha256').update(px.data).digest('hex');
  const analysis = await engine.analyze(px, { embedding: true, maxFaces: 2 });
  const [first, second] = analysis.faces;
  // fr_liveness, fr_age/fr_gender and fr_eye only where the session will read them (frame-work.ts).
  const work = frameWork(analysis.faces, { liveness: options.liveness ?? true, ageGender: options.ageGender, eyes: options.eyes ?? false });
  if (first && work.liveness) first.liveness = await engine.liveness(px, first.box);
  if (first && work.ageGender) Object.assign(first, await engine.ageGender(px, first.box));
  if (first && work.eyes) {
    const closed = await engine.eyesClosed(px, first.landmarks);
    if (closed !== undefined) first.eyesClosed = closed;
  }
  const obs: FrameObservation = { faceCount: analysis.faces.length, pixelHash, width: px.width, height: px.height, secondFaceRatio: 0 };
  if (!first) return obs;
  const area = (f: FaceAnalysis) => (f.box.x2 - f.box.x1) * (f.box.y2 - f.box.y1);
  if (second) obs.secondFaceRatio = area(second) / area(first);
  // Template coordinates are for 112 px; scale the transform down to the patch size.
  const t = engine.align(first.keypoints);
  const s = ALIGNED_PATCH / 112;
  const patch = warpAffine(px, [t[0] * s, t[1] * s, t[2] * s, t[3] * s, t[4] * s, t[5] * s], ALIGNED_PATCH, ALIGNED_PATCH, 'gray', {
    mean: [0],
    scale: [1],
  });
  obs.main = { face: first, embedding: first.embedding!, liveness: first.liveness ?? 0, patch: standardize(patch) };
  return obs;
}

/** Pearson correlation of two standardized patches (1 = same picture). */
export function patchCorrelation(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
  return dot / a.length;
}
