import { randomInt } from 'node:crypto';
import type { ChallengeAlternative, ChallengePlan, ChallengeStep } from 'openfaceio/protocol';
import { CHALLENGE_STEPS } from 'openfaceio/protocol';

/**
 * Each step's window, ms. A user reacts to a prompt in about a second and holds a turn for one or
 * two; a blink takes 100–400 ms. Windows are short on purpose: a looped replay that happens to
 * contain the asked movement has less time to reach it ("More time" extends them, bounded).
 */
export const STEP_WINDOW_MS: Readonly<Record<ChallengeStep, number>> = {
  'turn-left': 6000,
  'turn-right': 6000,
  'look-up': 6000,
  blink: 5000,
};

/** Frame gap while a step is shown: the blink rule needs ≥ 10 frames per second (REPORT §2: recall 0.58–0.75 at 5 fps). */
export const CHALLENGE_FRAME_INTERVAL_MS = 100;

const HEAD_STEPS: readonly ChallengeStep[] = ['turn-left', 'turn-right', 'look-up'];

export interface ChallengeSettings {
  challengeSteps: readonly ChallengeStep[];
  challengeLength: number;
  challengeAlternative: ChallengeAlternative;
}

/** An integer in [0, max): crypto.randomInt in the node, a seeded one in tests. */
export type RandomInt = (max: number) => number;

/**
 * Draws a session's challenge from a cryptographically secure source: `challengeLength` steps from
 * the app's `challengeSteps`, never the same step twice in a row, and at least one head movement
 * when the app allows any (a blink is the easiest step for a replayed video to contain by chance:
 * people blink every few seconds).
 */
export function drawChallenge(settings: ChallengeSettings, random: RandomInt = randomInt): ChallengePlan {
  const allowed = CHALLENGE_STEPS.filter((s) => settings.challengeSteps.includes(s));
  const pool = allowed.length ? allowed : [...CHALLENGE_STEPS];
  const heads = pool.filter((s) => HEAD_STEPS.includes(s));
  let steps: ChallengeStep[] = [];
  do {
    steps = [];
    for (let i = 0; i < settings.challengeLength; i++) {
      const options = pool.length > 1 ? pool.filter((s) => s !== steps[i - 1]) : pool;
      steps.push(options[random(options.length)]!);
    }
  } while (heads.length > 0 && !steps.some((s) => HEAD_STEPS.includes(s)));
  return planOf(steps, settings.challengeAlternative);
}

export function planOf(steps: readonly ChallengeStep[], alternative: ChallengeAlternative): ChallengePlan {
  return { steps: steps.map((step) => ({ step, windowMs: STEP_WINDOW_MS[step] })), frameIntervalMs: CHALLENGE_FRAME_INTERVAL_MS, alternative };
}

/** Parses a comma-separated step list (`turn-left,blink`); throws with the known names otherwise. */
export function parseSteps(text: string, label: string): ChallengeStep[] {
  const steps = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = steps.filter((s) => !(CHALLENGE_STEPS as readonly string[]).includes(s));
  if (steps.length === 0 || unknown.length)
    throw new RangeError(
      `${label} must be a comma-separated list of ${CHALLENGE_STEPS.join(', ')}${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}`,
    );
  return steps as ChallengeStep[];
}
