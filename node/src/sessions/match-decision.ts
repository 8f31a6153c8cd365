import type { AppSettings } from '../settings.js';

/**
 * Doubt zone of a 1:N match. A score within DOUBT_MARGIN above the threshold, or a runner-up
 * identity close behind the best one, is not a clear match: the PIN decides (policy `on-doubt`).
 * Margins from the lfw-dev score distributions (bench/results/accuracy.json): genuine pairs sit
 * mostly above 0.6, impostors below 0.3.
 */
export const DOUBT_MARGIN = 0.08;
/** A runner-up this close to the best identity (and itself near the threshold) makes the match ambiguous. */
export const RUNNER_UP_GAP = 0.1;
export const RUNNER_UP_FLOOR = 0.05;

export type MatchDecision =
  { kind: 'reject' } | { kind: 'accept'; facialId: string; score: number } | { kind: 'pin'; reason: 'policy' | 'doubt'; candidates: string[] };

export function decideMatch(
  settings: Pick<AppSettings, 'matchThreshold' | 'pinPolicy'>,
  ranked: readonly { facialId: string; score: number }[],
): MatchDecision {
  const [best, second] = ranked;
  const t = settings.matchThreshold;
  if (!best || best.score < t) return { kind: 'reject' };
  const ambiguous = !!second && second.score >= t - RUNNER_UP_FLOOR && best.score - second.score < RUNNER_UP_GAP;
  const nearThreshold = best.score < t + DOUBT_MARGIN;
  const candidates = ambiguous ? [best.facialId, second!.facialId] : [best.facialId];
  if (settings.pinPolicy === 'always') return { kind: 'pin', reason: 'policy', candidates };
  if (settings.pinPolicy === 'on-doubt' && (ambiguous || nearThreshold)) return { kind: 'pin', reason: 'doubt', candidates };
  // Policy `never`: two close identities can't be told apart without a PIN, so nobody is let in.
  if (ambiguous) return { kind: 'reject' };
  return { kind: 'accept', facialId: best.facialId, score: best.score };
}
