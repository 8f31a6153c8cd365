// The live framing hint — ONE vocabulary (GuidanceHint) and ONE limits table for the whole widget.
// From what the page sees: MediaPipe's boxes for the face count and framing (fresh every ~100 ms),
// the inference worker's summary for light, pose and blur (a few times a second), or the worker's
// summary alone when the tracker could not load. Guidance only: the node recomputes everything
// from the frames it receives.
import { QUALITY_LIMITS, type QualityIssue } from '../../vision/index.js';
import type { FaceBox, GuidanceHint } from '../flow/flow.types.js';
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

/** Tracker frames in a row (~100 ms apart) that must see several faces before the hint says so. */
export const MANY_FACES_FRAMES = 5;

/**
 * Steadies the per-frame hint: 'many-faces' only after `frames` tracker frames in a row. A hand, a
 * poster or a reflection is tracked as a second face for a frame or two, and a one-person clip
 * briefly read "Only one face, please" (issue 14). Until then the last steady hint stays. This is
 * guidance only: the node still decides MANY_FACES from the frames it receives.
 */
export function createHintFilter(frames = MANY_FACES_FRAMES): (hint: GuidanceHint) => GuidanceHint {
  let streak = 0;
  let steady: GuidanceHint = 'no-face';
  return (hint) => {
    streak = hint === 'many-faces' ? streak + 1 : 0;
    if (hint !== 'many-faces' || streak >= frames) steady = hint;
    return steady;
  };
}

/** How much of each new tracker box the oval takes (an exponential moving average: steady, yet following within ~0.3 s). */
export const FACE_SMOOTHING = 0.4;

/**
 * The main (largest) face of a frame as shares of the frame, smoothed against the previous box so
 * the oval does not jitter with the detector. A jump of more than a third of the frame (another
 * face, a new framing) is taken as is.
 */
export function smoothFace(previous: FaceBox | null, faces: readonly Box[], frame: { width: number; height: number }): FaceBox | null {
  const main = faces.reduce<Box | null>((best, face) => (!best || face.width * face.height > best.width * best.height ? face : best), null);
  if (!main || frame.width <= 0 || frame.height <= 0) return null;
  const next: FaceBox = {
    x: main.x / frame.width,
    y: main.y / frame.height,
    width: main.width / frame.width,
    height: main.height / frame.height,
    frame: { width: frame.width, height: frame.height },
  };
  if (!previous || Math.abs(previous.x - next.x) > 1 / 3 || Math.abs(previous.y - next.y) > 1 / 3) return next;
  const mix = (a: number, b: number) => a + (b - a) * FACE_SMOOTHING;
  return {
    ...next,
    x: mix(previous.x, next.x),
    y: mix(previous.y, next.y),
    width: mix(previous.width, next.width),
    height: mix(previous.height, next.height),
  };
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
