import type { EyeSample } from 'openfaceio/vision';
import { classifyPose, detectBlinks, quantile, rigidity } from 'openfaceio/vision';
import { isStillCopy } from '../rules.js';
import type { SessionBaseline } from './baseline.js';
import type { JudgedFrame, PadFrame } from './pad-frame.js';
import { isJudged } from './pad-frame.js';
import { PAD_THRESHOLDS } from './thresholds.js';

/** The session's passive signals, summarised (the fusion in decide.ts reads only this). */
export interface PassiveEvidence {
  /** Frames with one judged face, and the time they span (arrival clock). */
  frames: number;
  spanMs: number;
  /** fr_liveness over the frontal frames: median and lower quantile; null before any frontal frame. */
  liveness: { median: number; low: number; frames: number } | null;
  /**
   * Pixel-identical frames: every frame identical to another (`all`: a still looped through a
   * virtual camera — a camera sensor never repeats a frame exactly), some, or none.
   */
  copies: 'all' | 'some' | 'none';
  /**
   * Near-copies (same aligned face, same embedding: a picture rescaled, moved or re-encoded). Only
   * reported: a user holding still at 10 fps gives near-copies too (consecutive frames of still
   * bona fide clips: patch correlation median 0.99–0.998, embedding similarity 0.97–0.996, as high
   * as rescaled copies of one photo, 0.998 / 0.996).
   */
  nearCopies: 'all' | 'some' | 'none';
  /** Homography rigidity score of the latest window; null with too few frames. High = a moving 3-D face. */
  motion: number | null;
  /** A blink seen without being asked (eyes of a live face; a still picture never blinks). */
  blink: boolean;
}

/** Frontal for passive liveness: not turned, raised or lowered relative to the baseline (absolute gate before there is one). */
function isFrontal(f: JudgedFrame, baseline: SessionBaseline | null, t = PAD_THRESHOLDS): boolean {
  if (!baseline) return Math.abs(f.face.pose.yaw) <= t.baseline.absoluteYaw && Math.abs(f.face.pose.pitch) <= t.baseline.absolutePitch;
  const cls = classifyPose(f.face.pose, baseline.pose, t.pose);
  return cls === 'frontal' || cls === 'in-between';
}

/** Eye samples for blink detection: frames turned or pitched past the pose limits are marked unusable (looking down lowers the EAR like a blink). */
export function eyeSamples(frames: readonly JudgedFrame[], baseline: SessionBaseline | null, t = PAD_THRESHOLDS): EyeSample[] {
  return frames.map((f) => {
    const cls = baseline ? classifyPose(f.face.pose, baseline.pose, t.pose) : 'frontal';
    const usable = cls === 'frontal' || cls === 'in-between';
    return { t: f.arrivalMs, ear: f.face.ear, ...(f.face.eyesClosed === undefined ? {} : { pClosed: f.face.eyesClosed }), usable };
  });
}

const summarise = (flags: readonly boolean[]): PassiveEvidence['copies'] =>
  flags.length && flags.every(Boolean) ? 'all' : flags.some(Boolean) ? 'some' : 'none';

/** Which frames with a face repeat another one, kept up to date frame by frame (each new frame is compared with every earlier one once). */
export class CopyTracker {
  private readonly seen: PadFrame[] = [];
  private readonly identical: boolean[] = [];
  private readonly near: boolean[] = [];

  add(frame: PadFrame): void {
    if (!frame.obs.main) return;
    let identical = false,
      near = false;
    this.seen.forEach((other, i) => {
      if (frame.obs.pixelHash === other.obs.pixelHash) identical = this.identical[i] = true;
      if (isStillCopy(frame.obs, other.obs)) near = this.near[i] = true;
    });
    this.seen.push(frame);
    this.identical.push(identical);
    this.near.push(near);
  }

  get copies(): PassiveEvidence['copies'] {
    return summarise(this.identical);
  }

  get nearCopies(): PassiveEvidence['nearCopies'] {
    return summarise(this.near);
  }
}

export function passiveEvidence(
  frames: readonly PadFrame[],
  copies: CopyTracker,
  baseline: SessionBaseline | null,
  t = PAD_THRESHOLDS,
): PassiveEvidence {
  const judged = frames.filter(isJudged);
  const frontal = judged.filter((f) => isFrontal(f, baseline, t)).map((f) => f.face.liveness);
  const window = judged.slice(-t.motion.window);
  return {
    frames: judged.length,
    spanMs: judged.length ? judged[judged.length - 1]!.arrivalMs - judged[0]!.arrivalMs : 0,
    liveness: frontal.length ? { median: quantile(frontal, 0.5), low: quantile(frontal, t.liveness.lowQuantile), frames: frontal.length } : null,
    copies: copies.copies,
    nearCopies: copies.nearCopies,
    motion: window.length >= t.motion.minFrames ? rigidity(window.map((f) => f.face.landmarks)).score : null,
    blink: detectBlinks(eyeSamples(judged, baseline, t), t.blink).events.length > 0,
  };
}
