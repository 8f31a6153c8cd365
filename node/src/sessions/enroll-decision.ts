import { fuseEmbeddings, MALE_THRESHOLD } from 'openfaceio/vision';
import type { App } from '../store/apps.js';
import type { FioErrorName } from 'openfaceio/protocol';
import type { FrameObservation } from './frame-analysis.js';
import { fuseWithoutOutliers, showsTwoPeople } from './fusion.js';
import type { IndexPort } from './ports.js';
import { median } from './rules.js';

/** Estimated age below which MINORS_NOT_ALLOWED fires. The age model is coarse (MAE ≈ 12 y, squeezed into 30–55): this rarely fires, by design — see README. */
export const MINOR_AGE = 18;

export type EnrollDecision =
  { ok: false; error: FioErrorName; message: string } | { ok: true; templates: Float32Array[]; details: { gender: 'male' | 'female'; age: number } };

/** Everything about an enrollment that the frames decide (before the PIN). */
export function decideEnrollment(app: App, index: IndexPort, frames: readonly FrameObservation[]): EnrollDecision {
  const embeddings = frames.map((f) => f.main!.embedding);
  if (showsTwoPeople(embeddings)) return { ok: false, error: 'FACE_MISMATCH', message: 'the frames show two different people' };
  const fused = fuseWithoutOutliers(embeddings);
  const used = fused.used.map((i) => embeddings[i]!);
  // Several templates per enrollment: the fused whole plus each half when there are enough frames.
  const templates = [fused.template];
  if (used.length >= 6) {
    const half = used.length >> 1;
    templates.push(fuseEmbeddings(used.slice(0, half)), fuseEmbeddings(used.slice(half)));
  }
  const ages = frames.map((f) => f.main!.face.age).filter((a): a is number => a !== undefined);
  const maleness = frames.map((f) => f.main!.face.maleness).filter((m): m is number => m !== undefined);
  const age = ages.length ? Math.round(median(ages)) : 0;
  const details = { age, gender: maleness.length && median(maleness) >= MALE_THRESHOLD ? ('male' as const) : ('female' as const) };
  if (app.settings.forbidMinors && ages.length && median(ages) < MINOR_AGE) {
    return { ok: false, error: 'MINORS_NOT_ALLOWED', message: 'the estimated age is under 18' };
  }
  if (app.settings.preventDuplicates) {
    const [best] = index.search(app.id, fused.template, 1);
    if (best && best.score >= app.settings.matchThreshold)
      return { ok: false, error: 'FACE_DUPLICATION', message: 'this face is already enrolled in this application' };
  }
  return { ok: true, templates, details };
}
