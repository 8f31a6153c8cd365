import { similarity } from 'openfaceio/vision';
import type { FrameObservation } from './frame-analysis.js';
import { patchCorrelation } from './frame-analysis.js';
import { PAD_THRESHOLDS } from './pad/thresholds.js';

/**
 * Session-level rules that look across frames. Presentation-attack detection is in pad/ (its
 * thresholds and the measurements behind them in pad/thresholds.ts, one table).
 */
export const COPY_CORRELATION = PAD_THRESHOLDS.copies.correlation;
export const COPY_SIMILARITY = PAD_THRESHOLDS.copies.similarity;

const median = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Two frames show the same still picture (pixel-identical, or an affine copy of it). */
export function isStillCopy(a: FrameObservation, b: FrameObservation): boolean {
  if (a.pixelHash === b.pixelHash) return true;
  if (!a.main || !b.main) return false;
  return patchCorrelation(a.main.patch, b.main.patch) >= COPY_CORRELATION && similarity(a.main.embedding, b.main.embedding) >= COPY_SIMILARITY;
}

/**
 * MANY_FACES must not trust one detection (a hand was once a second "face" at 0.86 in the bona
 * fide clip): a second plausible face must show up in at least two frames and in at least a third
 * of the frames that have a face.
 */
export function showsManyFaces(frames: readonly FrameObservation[]): boolean {
  const withFace = frames.filter((f) => f.faceCount >= 1).length;
  const crowded = frames.filter((f) => f.faceCount >= 2).length;
  return crowded >= 2 && crowded * 3 >= withFace;
}

/** A frame good enough to build a template or a probe from: exactly one plausible face, no quality issue. */
export const isUsable = (f: FrameObservation): boolean => f.faceCount === 1 && !!f.main && f.main.face.quality.issues.length === 0;

export { median };
