import type { ChallengeStep, LivenessMode } from 'openfaceio/protocol';
import type { VisionEngine } from 'openfaceio/vision';
import type { FrameObservation } from '../frame-analysis.js';
import { observeFrame } from '../frame-analysis.js';
import { DEFAULT_LIMITS } from '../ports.js';
import { isUsable, showsManyFaces } from '../rules.js';
import { planOf } from './challenge-draw.js';
import { padFrameOf } from './pad-frame.js';
import type { PadSummary } from './pad-session.js';
import { PadSession } from './pad-session.js';

export interface RecordedFrame {
  /** Milliseconds from the recording's start: used as both arrival and capture time. */
  t: number;
  jpeg: Uint8Array;
}

export interface RecordedOptions {
  mode: LivenessMode;
  /** The challenge, as if drawn; each step's window starts when the previous one ended (the first with the recording). */
  steps?: readonly ChallengeStep[];
  virtualCamera?: boolean;
}

export interface RecordedVerdict {
  live: boolean;
  challenge: 'passed' | 'failed' | 'none';
  reasons: string[];
  /** When the session decided (ms into the recording), or null when the recording ended first. */
  decidedAtMs: number | null;
  frames: number;
  pad: PadSummary;
}

/** A recording's frames as the node analyses them (models run once; the judgement can then be replayed cheaply). */
export interface ObservedFrame {
  t: number;
  obs: FrameObservation;
}

export async function observeRecording(engine: VisionEngine, frames: readonly RecordedFrame[]): Promise<ObservedFrame[]> {
  const out: ObservedFrame[] = [];
  for (const frame of frames)
    out.push({ t: frame.t, obs: await observeFrame(engine, frame.jpeg, { ageGender: false, liveness: true, eyes: true, maxPixels: 1280 * 1280 }) });
  return out;
}

/** Observes, then judges (judgeObserved). */
export async function judgeRecording(engine: VisionEngine, frames: readonly RecordedFrame[], options: RecordedOptions): Promise<RecordedVerdict> {
  return judgeObserved(await observeRecording(engine, frames), options);
}

/**
 * Judges a recording exactly as a scan session would (authenticate's frame rules, then the same
 * PadSession): frames fed in order at their times, the challenge's steps shown as the session would
 * show them, a step window that outlives the recording counted as missed.
 */
export function judgeObserved(frames: readonly ObservedFrame[], options: RecordedOptions): RecordedVerdict {
  const plan = options.steps?.length ? planOf(options.steps, 'none') : null;
  const pad = new PadSession({ mode: options.mode, plan, virtualCamera: () => options.virtualCamera === true, showFirstStepImmediately: true });
  const seen: FrameObservation[] = [];
  pad.begin(0);
  const finish = (live: boolean, reasons: string[], at: number | null): RecordedVerdict => {
    const summary = pad.summary();
    const challenge = summary.challenge === 'passed' ? 'passed' : summary.challenge === 'none' ? 'none' : 'failed';
    return { live, challenge, reasons, decidedAtMs: at, frames: seen.length, pad: summary };
  };
  for (const frame of frames) {
    const missed = pad.expire(frame.t);
    if (missed) return finish(false, missed.reasons, frame.t);
    const obs = frame.obs;
    seen.push(obs);
    pad.add(padFrameOf(obs, frame.t, frame.t), frame.t);
    if (showsManyFaces(seen)) return finish(false, ['many-faces'], frame.t);
    const { decision } = pad.evaluate(frame.t);
    if (decision.kind === 'attack') return finish(false, decision.reasons, frame.t);
    if (decision.kind === 'live' && seen.filter(isUsable).length >= DEFAULT_LIMITS.minFramesAuthenticate)
      return finish(true, decision.reasons, frame.t);
  }
  // The recording ended undecided: a shown step's window runs out; otherwise there was not enough to decide.
  const end = pad.deadline;
  const missed = end === null ? null : pad.expire(end + 1);
  if (missed) return finish(false, missed.reasons, null);
  if (seen.every((f) => f.faceCount === 0)) return finish(false, ['no-face'], null);
  return finish(false, [pad.challenging ? 'challenge:unfinished' : 'undecided:not-enough-frames'], null);
}
