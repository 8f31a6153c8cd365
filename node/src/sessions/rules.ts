import { similarity } from 'openfaceio/vision';
import type { FrameObservation } from './frame-analysis.js';
import { patchCorrelation } from './frame-analysis.js';
import { PAD_THRESHOLDS } from './pad/thresholds.js';

/**
 * Session-level decisions that look across frames. The PAD thresholds and the measurements behind
 * them are in pad/thresholds.ts (one table); these names stay for the rules below and their tests.
 */
export const COPY_CORRELATION = PAD_THRESHOLDS.copies.correlation;
export const COPY_SIMILARITY = PAD_THRESHOLDS.copies.similarity;
/** A replay verdict needs this many frames: a live user holding very still can make two or three frames look alike. */
export const MIN_FRAMES_FOR_REPLAY = PAD_THRESHOLDS.copies.minFrames;
/** Median passive-liveness p(live) below this is an attack (passive mode). */
export const MIN_MEDIAN_LIVENESS = PAD_THRESHOLDS.liveness.passive;
/** With a virtual camera reported by the browser, demand more. */
export const MIN_MEDIAN_LIVENESS_VIRTUAL_CAMERA = PAD_THRESHOLDS.liveness.virtualCamera;

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

export type PadVerdict =
  { kind: 'live'; liveness: number } | { kind: 'attack'; reason: 'replay' | 'passive' | 'virtual-camera'; liveness: number } | { kind: 'undecided' };

/**
 * Presentation-attack decision over a session's face frames. Replay: every frame is a copy of some
 * other frame (no natural variation at all — a still photo looped through a virtual camera, or
 * alternating stills). Passive: the median p(live) of the anti-spoofing model.
 */
export function padVerdict(frames: readonly FrameObservation[], virtualCamera: boolean): PadVerdict {
  const withFace = frames.filter((f) => f.main);
  if (withFace.length === 0) return { kind: 'undecided' };
  const liveness = median(withFace.map((f) => f.main!.liveness));
  const copied = withFace.map((f, i) => withFace.some((g, j) => i !== j && isStillCopy(f, g)));
  const allCopies = copied.every(Boolean);
  if (liveness < MIN_MEDIAN_LIVENESS) return { kind: 'attack', reason: 'passive', liveness };
  if (allCopies) return withFace.length >= MIN_FRAMES_FOR_REPLAY ? { kind: 'attack', reason: 'replay', liveness } : { kind: 'undecided' };
  if (virtualCamera && (liveness < MIN_MEDIAN_LIVENESS_VIRTUAL_CAMERA || copied.some(Boolean)))
    return { kind: 'attack', reason: 'virtual-camera', liveness };
  return { kind: 'live', liveness };
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
