import type { ChallengePlan, ChallengeStep, SessionOperation } from 'openfaceio/protocol';
import type { AppSettings } from '../../settings.js';
import { drawChallenge, planOf } from './challenge-draw.js';
import { PadSession, sessionMode } from './pad-session.js';

/**
 * A scan session's PAD: the mode it runs in and, unless passive, the challenge drawn for it (or the
 * test-only fixed steps). The PIN alternative needs PINs: an app that never sets one offers blinks.
 */
export function createPadSession(
  settings: AppSettings,
  op: SessionOperation,
  virtualCamera: () => boolean,
  fixedChallenge?: readonly ChallengeStep[],
): { session: PadSession; plan: ChallengePlan | null } {
  const mode = sessionMode(settings.liveness, op);
  const alternative = settings.challengeAlternative === 'pin' && settings.pinPolicy === 'never' ? 'blink-only' : settings.challengeAlternative;
  const plan =
    mode === 'passive'
      ? null
      : fixedChallenge
        ? planOf(fixedChallenge, alternative)
        : drawChallenge({ ...settings, challengeAlternative: alternative });
  return { session: new PadSession({ mode, plan, virtualCamera }), plan };
}

/** Frames a challenge may add to a session's limit: every window at the challenge's frame rate, extensions included. */
export function challengeFrameBudget(plan: ChallengePlan | null, maxExtensions: number): number {
  if (!plan) return 0;
  const ms = plan.steps.reduce((sum, s) => sum + s.windowMs, 0) * (1 + maxExtensions);
  return Math.ceil(ms / plan.frameIntervalMs);
}
