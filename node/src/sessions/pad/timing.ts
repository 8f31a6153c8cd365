import type { PadFrame } from './pad-frame.js';
import { PAD_THRESHOLDS } from './thresholds.js';

/**
 * Frame timing: the node's arrival clock is the truth (a step counts only from frames that arrived
 * after it was shown); the capture times a widget puts in the frame header must agree with it. A
 * pre-recorded or buffered stream, or one pushed faster than real time, shows up here. Frames
 * without a header (older widgets) are judged by arrival alone.
 */

/** The smallest capture-to-arrival lag: the client clock's offset plus the fastest delivery. */
export function clockOffset(frames: readonly PadFrame[]): number | null {
  let offset: number | null = null;
  for (const f of frames) if (f.captureMs !== undefined) offset = Math.min(offset ?? Infinity, f.arrivalMs - f.captureMs);
  return offset;
}

/** Problems with the frames' capture times, as reasons (empty when consistent or when there are none). */
export function timingProblems(frames: readonly PadFrame[], t = PAD_THRESHOLDS.timing): string[] {
  const problems: string[] = [];
  const stamped = frames.filter((f) => f.captureMs !== undefined);
  if (stamped.length === 0) return problems;
  const firstStamped = frames.indexOf(stamped[0]!);
  if (frames.slice(firstStamped).some((f) => f.captureMs === undefined)) problems.push('timing:header-dropped');
  for (let i = 1; i < stamped.length; i++)
    if (stamped[i]!.captureMs! <= stamped[i - 1]!.captureMs!) {
      problems.push('timing:capture-not-monotonic');
      break;
    }
  const offset = clockOffset(stamped)!;
  if (stamped.some((f) => f.arrivalMs - f.captureMs! - offset > t.maxLagMs)) problems.push('timing:frames-delayed');
  const first = stamped[0]!,
    last = stamped[stamped.length - 1]!;
  const arrivalSpan = last.arrivalMs - first.arrivalMs;
  if (arrivalSpan >= t.minSpanMs) {
    const rate = (last.captureMs! - first.captureMs!) / arrivalSpan;
    if (rate < t.rate.min || rate > t.rate.max) problems.push('timing:clock-rate');
  }
  return problems;
}

/** False when the frame's capture time (in node time, via the offset) is well before `shownAt`: it was captured before the step existed. */
export function capturedAfter(frame: PadFrame, shownAt: number, offset: number | null, t = PAD_THRESHOLDS.timing): boolean {
  if (frame.captureMs === undefined || offset === null) return true;
  return frame.captureMs + offset >= shownAt - t.stepToleranceMs;
}
