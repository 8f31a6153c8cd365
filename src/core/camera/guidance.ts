// The live framing hint — ONE vocabulary (GuidanceHint) and ONE limits table for the whole widget.
// From what the page sees: MediaPipe's boxes for the face count and framing (fresh every ~100 ms),
// the inference worker's summary for light, pose and blur (a few times a second), or the worker's
// summary alone when the tracker could not load. Guidance only: the node recomputes everything
// from the frames it receives.
import { QUALITY_LIMITS, type QualityIssue } from '../../vision/index.js';
import type { GuidanceHint } from '../flow/flow.types.js';
import type { FrameSummary } from '../inference/worker-protocol.js';
import type { Tracking } from './face-tracker.js';

export type { GuidanceHint };

/** The framing limits, whichever source measured the face (tracker box or the worker's detector box). */
export const FRAMING_LIMITS = {
  /** Face box width over frame width: below asks to move closer… */
  minWidth: 0.18,
  /** …above asks to move back (the face must fit with a margin for alignment). */
  maxWidth: 0.8,
  /** Face centre's distance from the frame centre, as a share of the frame side. */
  maxCentreOffset: 0.22,
  /** Below this distance between the eyes (px) the face is too small for the node's models. */
  minInterocular: QUALITY_LIMITS.minInterocular,
} as const;

/**
 * Hints under which frames go to the node. Many faces go too: the node decides MANY_FACES from the
 * frames (a hand near the face is sometimes tracked as a second face, DATA README). Light and pose
 * problems do not: the node would reject those frames anyway — the worker's pose check (the node's
 * own QUALITY_LIMITS) says 'look-straight' first, so a turned face's frames stay in the browser.
 */
const SENDABLE: ReadonlySet<GuidanceHint> = new Set<GuidanceHint>(['good', 'hold-still', 'many-faces']);

export const isSendable = (hint: GuidanceHint | null): boolean => hint !== null && SENDABLE.has(hint);

/** Light, pose and blur, in that order (blur usually means motion: 'hold-still'); null when none. */
export function qualityIssueHint(issues: readonly QualityIssue[]): 'too-dark' | 'too-bright' | 'look-straight' | 'hold-still' | null {
  if (issues.includes('too-dark')) return 'too-dark';
  if (issues.includes('too-bright')) return 'too-bright';
  if (issues.includes('not-frontal')) return 'look-straight';
  if (issues.includes('blurry')) return 'hold-still';
  return null;
}

/** Distance and centring of one face box in a frame, most fundamental first; null when well framed. */
function framingHint(box: { x: number; y: number; width: number; height: number }, frame: { width: number; height: number }): GuidanceHint | null {
  const L = FRAMING_LIMITS;
  const widthShare = box.width / frame.width;
  if (widthShare < L.minWidth) return 'move-closer';
  if (widthShare > L.maxWidth) return 'move-back';
  const dx = Math.abs(box.x + box.width / 2 - frame.width / 2) / frame.width;
  const dy = Math.abs(box.y + box.height / 2 - frame.height / 2) / frame.height;
  return dx > L.maxCentreOffset || dy > L.maxCentreOffset ? 'center' : null;
}

/**
 * The worker's summary alone (no tracker): face count, distance, framing, lighting, pose, then
 * blur. Without a summary either, 'good': the node judges the frames.
 */
export function hintFromSummary(summary: FrameSummary | null): GuidanceHint {
  if (!summary) return 'good';
  const main = summary.main;
  if (summary.faces === 0 || !main) return 'no-face';
  if (summary.faces > 1) return 'many-faces';
  const { quality, box } = main;
  if (quality.issues.includes('too-small') || quality.interocular < FRAMING_LIMITS.minInterocular) return 'move-closer';
  const framing = framingHint({ x: box.x1, y: box.y1, width: box.x2 - box.x1, height: box.y2 - box.y1 }, summary);
  return framing ?? qualityIssueHint(quality.issues) ?? 'good';
}

/**
 * The hint for a frame: framing from the tracker first, then the worker's light/pose/blur. The
 * worker's framing must not hide a light problem on a face the tracker finds well framed, so only
 * its quality issues are read here.
 */
export function hintFromTracking(tracking: Tracking, quality: FrameSummary | null): GuidanceHint {
  const faces = tracking.faces;
  // The short-range tracker misses small faces (a group further away) that the worker's detector
  // finds: more faces there wins, and frames go (the node decides MANY_FACES).
  if (quality && quality.faces > Math.max(1, faces.length)) return 'many-faces';
  if (faces.length === 0) return quality && quality.faces > 0 ? hintFromSummary(quality) : 'no-face';
  if (faces.length > 1) return 'many-faces';
  const framing = framingHint(faces[0]!, tracking);
  if (framing) return framing;
  return (quality?.main ? qualityIssueHint(quality.main.quality.issues) : null) ?? 'good';
}
