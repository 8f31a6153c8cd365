import type { FaceAnalysis } from 'openfaceio/vision';

/**
 * What runs on which frame — one table, so the per-frame savings and what PAD reads stay in step.
 *
 * | step                                     | runs on                                                       |
 * |------------------------------------------|---------------------------------------------------------------|
 * | decode (in the worker), pixel hash       | every frame (identical pixels = a looped still)                |
 * | fr_detect                                | every frame (a second, padded pass when the first finds none)  |
 * | fr_landmark, quality, fr_feature         | every detection: the raw embedding's norm is the faceness      |
 * |                                          | check that tells faces from hands (plausibility.ts)           |
 * | aligned 64×64 patch                      | the main face (still-copy checks)                             |
 * | fr_liveness                              | the main face of a frame PAD judges: exactly one plausible    |
 * |                                          | face whose only quality issue, if any, is the pose — PAD       |
 * |                                          | reads p(live) on frontal ones, a turn step on turned ones      |
 * | fr_eye (both eyes; optional model)       | the main face of a frame PAD judges, when a blink challenge   |
 * |                                          | may be asked (the session's plan)                             |
 * | fr_age + fr_gender                       | the main face of a usable frame (enroll, age check)           |
 *
 * Frames with no face, several faces, or a face too small, blurred, too dark or too bright are
 * never judged (rules.ts isUsable; PAD's judged frames, pad/pad-frame.ts) and skip fr_liveness,
 * fr_eye and fr_age/fr_gender.
 * Measured and kept anyway: liveness once per session on the best frontal frame would save one
 * fr_liveness run per authentication, but passive PAD needs at least two frontal samples (its median
 * and lower quantile); see PERF-NOTES.md.
 */
export interface FrameNeeds {
  /** The session uses passive liveness (PAD on, or a liveness check). */
  liveness: boolean;
  /** The session reports age and gender (enroll, age check). */
  ageGender: boolean;
  /** The session's challenge may ask for a blink (fr_eye). */
  eyes: boolean;
}

export function frameWork(faces: readonly FaceAnalysis[], needs: FrameNeeds): FrameNeeds {
  const main = faces[0];
  if (faces.length !== 1 || !main) return { liveness: false, ageGender: false, eyes: false };
  const issues = main.quality.issues;
  // What PAD judges (pad/pad-frame.ts): one face whose only issue, if any, is the pose.
  const judged = issues.every((i) => i === 'not-frontal');
  return { liveness: needs.liveness && judged, ageGender: needs.ageGender && issues.length === 0, eyes: needs.eyes && judged };
}
