import type { Box } from './geometry.js';

/**
 * Which detections are faces of a participant. The detector alone is not enough (measured on
 * ../shared/data, see test/vision/detection-counts.test.ts):
 * - it fires on a cat's face (0.97), on hands near a face in the webcam clip (0.79, 0.85), on
 *   half-faces cut by the image edge and on blurred bystanders;
 * - the norm of the raw (unnormalised) embedding separates those from real faces: every real
 *   face measured scored ≥ 2.3 (central LFW faces ≥ 2.57, webcam clip frames 3.0–3.8), the cat
 *   ≤ 2.0, cut half-faces 1.6–1.7, one hand 2.1 — quality-aware embeddings (MagFace) show the
 *   same effect;
 * - a face much smaller than the main one is a bystander or a hand (the webcam clip's hands were
 *   0.28 and 0.32 of the face's width; bystanders in portraits 0.26–0.29; every group photo's
 *   faces ≥ 0.56 of the largest).
 */
export const MIN_FACENESS = 2.2;
export const MIN_RELATIVE_WIDTH = 0.4;

export type RejectionReason = 'not-a-face' | 'background';

export interface RejectedDetection {
  box: Box;
  score: number;
  faceness: number;
  reason: RejectionReason;
}

interface Candidate {
  box: Box;
  score: number;
  faceness: number;
}

/** Splits candidates (largest first) into participants and rejected detections; `faceness: false` skips the faceness check (not measured). */
export function plausibleFaces<T extends Candidate>(
  candidates: readonly T[],
  check: { faceness: boolean } = { faceness: true },
): { accepted: T[]; rejected: RejectedDetection[] } {
  const rejected: RejectedDetection[] = [];
  const faces = candidates.filter((c) => {
    if (!check.faceness || c.faceness >= MIN_FACENESS) return true;
    rejected.push({ box: c.box, score: c.score, faceness: c.faceness, reason: 'not-a-face' });
    return false;
  });
  const widest = Math.max(0, ...faces.map((f) => f.box.x2 - f.box.x1));
  const accepted = faces.filter((f) => {
    if (f.box.x2 - f.box.x1 >= MIN_RELATIVE_WIDTH * widest) return true;
    rejected.push({ box: f.box, score: f.score, faceness: f.faceness, reason: 'background' });
    return false;
  });
  return { accepted, rejected };
}
