import type { LivenessMode } from 'openfaceio/protocol';
import type { PassiveEvidence } from './passive-evidence.js';
import { PAD_THRESHOLDS } from './thresholds.js';

/** Everything the decision reads about one session. */
export interface PadEvidence extends PassiveEvidence {
  /** The browser reported a virtual camera (OBS, ManyCam…). */
  virtualCamera: boolean;
  /** Frame-timing problems (timing.ts); empty when consistent. */
  timing: string[];
  /** The frames show two different people (a face swapped mid-session). */
  identityChanged: boolean;
  challenge: 'none' | 'running' | 'passed' | 'failed' | 'waived';
  /** Why the challenge failed, when it did. */
  challengeFailure?: string | null;
}

/**
 * `live` / `attack`: the session's PAD verdict; `challenge`: ask (or keep asking) the active
 * challenge; `wait`: more frames first. `reasons` go to logs and webhooks, never to the browser.
 */
export type PadDecision = { kind: 'live' | 'attack' | 'challenge' | 'wait'; reasons: string[] };

const attack = (...reasons: string[]): PadDecision => ({ kind: 'attack', reasons });

/**
 * The PAD fusion, per session, in order:
 * 1. Hard evidence of an attack, in every mode: inconsistent frame timing, a changed face, a failed
 *    challenge, every frame identical to another (a looped still), a passive score the model is
 *    sure of (median under `veto`), a virtual camera with weak or repeated frames.
 * 2. `passive`: the passive median decides (≥ `passive`).
 * 3. A passed challenge (or the PIN that stands in for it) proves liveness; a weak but not damning
 *    passive score does not outweigh it (the bona fide head-turn GIF scores 0.43).
 * 4. `active`: otherwise ask the challenge.
 * 5. `active-on-doubt`: once enough frames are in, skip the challenge only when the passive
 *    evidence is clearly live — high median and lower quantile, no copies, no virtual camera, and
 *    positive evidence of a live 3-D face (natural motion or a spontaneous blink); ask it otherwise.
 */
export function decidePad(e: PadEvidence, mode: LivenessMode, t = PAD_THRESHOLDS): PadDecision {
  if (e.timing.length) return attack(...e.timing);
  if (e.identityChanged) return attack('identity-changed');
  if (e.challenge === 'failed') return attack(`challenge:${e.challengeFailure ?? 'failed'}`);
  if (e.copies === 'all' && e.frames >= t.copies.minFrames) return attack('replay:identical-frames');
  const median = (e.liveness?.frames ?? 0) >= t.liveness.minFrames ? e.liveness!.median : undefined;
  // The veto waits for a stable median (a few early frames of a bona fide user can score low),
  // unless the session is about to pass on a challenge or runs passive (which decides on few frames).
  const settled = (e.liveness?.frames ?? 0) >= t.doubt.frames || e.challenge === 'passed' || e.challenge === 'waived' || mode === 'passive';
  if (median !== undefined && settled && median < t.liveness.veto) return attack(`passive:veto(${median.toFixed(3)})`);
  if (e.virtualCamera && (median === undefined || median < t.liveness.virtualCamera || e.copies !== 'none')) return attack('virtual-camera');

  if (mode === 'passive') {
    if (median === undefined || e.copies === 'all') return { kind: 'wait', reasons: [] };
    return median < t.liveness.passive ? attack(`passive:median(${median.toFixed(3)})`) : { kind: 'live', reasons: ['passive'] };
  }
  if (e.challenge === 'passed') return { kind: 'live', reasons: ['challenge-passed'] };
  if (e.challenge === 'waived') return { kind: 'live', reasons: ['challenge-waived-for-pin'] };
  if (mode === 'active' || e.challenge === 'running') return { kind: 'challenge', reasons: [] };

  if (e.frames < t.doubt.frames || e.spanMs < t.doubt.minSpanMs || median === undefined) return { kind: 'wait', reasons: [] };
  const doubts: string[] = [];
  if (median < t.liveness.clearlyLiveMedian || e.liveness!.low < t.liveness.clearlyLiveLow) doubts.push('doubt:liveness');
  if (e.copies !== 'none') doubts.push('doubt:identical-frames');
  if (e.virtualCamera) doubts.push('doubt:virtual-camera');
  if (!e.blink && (e.motion === null || e.motion < t.motion.natural)) doubts.push('doubt:no-motion-or-blink');
  return doubts.length ? { kind: 'challenge', reasons: doubts } : { kind: 'live', reasons: ['clearly-live'] };
}
