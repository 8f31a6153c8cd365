// The live framing hint from what the page sees: MediaPipe's boxes for the face count and framing
// (fresh every ~100 ms), the inference worker's summary for light, pose and blur (a few times a
// second). Guidance only: the node recomputes everything from the frames it receives.
import type { GuidanceHint } from '../flow/flow.types.js';
import type { FrameSummary } from '../inference/worker-protocol.js';
import { guidanceFrom, qualityIssueHint } from '../inference/worker-protocol.js';
import type { Tracking } from './face-tracker.js';

export const FRAMING_LIMITS = {
  /** Face box width over frame width: below asks to move closer… */
  minWidth: 0.18,
  /** …above asks to move back (the face must fit with a margin for alignment). */
  maxWidth: 0.8,
  /** Face centre's distance from the frame centre, as a share of the frame side. */
  maxCentreOffset: 0.22,
} as const;

/**
 * Hints under which frames go to the node. Many faces go too: the node decides MANY_FACES from the
 * frames (a hand near the face is sometimes tracked as a second face, DATA README). Light and pose
 * problems do not: the node would reject those frames anyway.
 */
const SENDABLE: ReadonlySet<GuidanceHint> = new Set<GuidanceHint>(['good', 'hold-still', 'look-straight', 'many-faces']);

export const isSendable = (hint: GuidanceHint | null): boolean => hint !== null && SENDABLE.has(hint);

/**
 * The worker's verdict on light, pose and blur only, as a flow hint; null when it has nothing to
 * add. Framing is the tracker's job: the worker's own (stricter) framing limits must not hide a
 * light problem on a face the tracker finds well framed.
 */
export function qualityHint(summary: FrameSummary | null): GuidanceHint | null {
  return summary?.main ? qualityIssueHint(summary.main.quality.issues) : null;
}

/** The hint for a frame: framing from the tracker first, then the worker's quality hint. */
export function guidanceFromTracking(tracking: Tracking, quality: FrameSummary | null): GuidanceHint {
  const faces = tracking.faces;
  // The short-range tracker misses small faces (a group further away) that the worker's detector
  // finds: more faces there wins, and frames go (the node decides MANY_FACES).
  if (quality && quality.faces > Math.max(1, faces.length)) return 'many-faces';
  if (faces.length === 0) return quality && quality.faces > 0 ? guidanceWithoutTracker(quality) : 'no-face';
  if (faces.length > 1) return 'many-faces';
  const face = faces[0]!;
  const L = FRAMING_LIMITS;
  const widthShare = face.width / tracking.width;
  if (widthShare < L.minWidth) return 'move-closer';
  if (widthShare > L.maxWidth) return 'move-back';
  const dx = Math.abs(face.x + face.width / 2 - tracking.width / 2) / tracking.width;
  const dy = Math.abs(face.y + face.height / 2 - tracking.height / 2) / tracking.height;
  if (dx > L.maxCentreOffset || dy > L.maxCentreOffset) return 'center';
  return qualityHint(quality) ?? 'good';
}

/** Without the tracker (it failed to load): the worker alone, or — with neither — let the node judge. */
export function guidanceWithoutTracker(summary: FrameSummary | null): GuidanceHint {
  if (!summary) return 'good';
  const key = guidanceFrom(summary);
  return key === 'ok' ? 'good' : key;
}
