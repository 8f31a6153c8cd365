// The active-liveness challenge on the wire: what the node asks the user to do, and how the
// widget learns which step to show. The node draws the challenge and decides it from the frames it
// received; the widget only shows the steps (DESIGN.md §4).

/**
 * One challenge step, from the USER's point of view: `turn-left` = the user turns to their own
 * left (in the unmirrored camera frame the nose moves to the image's right; in the mirrored preview
 * the face turns towards the screen's left).
 */
export type ChallengeStep = 'turn-left' | 'turn-right' | 'look-up' | 'blink';

export const CHALLENGE_STEPS: readonly ChallengeStep[] = ['turn-left', 'turn-right', 'look-up', 'blink'];

/**
 * An app's liveness mode (with `pad` on): `passive` = passive signals only; `active` = every
 * session answers a challenge; `active-on-doubt` = a challenge only when the passive evidence is not
 * clearly live (enrollment always answers one).
 */
export type LivenessMode = 'passive' | 'active' | 'active-on-doubt';

export const LIVENESS_MODES: readonly LivenessMode[] = ['passive', 'active', 'active-on-doubt'];

/** What a user who cannot do a step may ask for: a blink-only challenge, or (authentication) the facial ID's PIN. */
export type ChallengeAlternative = 'blink-only' | 'pin' | 'none';

export const CHALLENGE_ALTERNATIVES: readonly ChallengeAlternative[] = ['blink-only', 'pin', 'none'];

/** The challenge the node drew for a session, as data in its `ready` message (asked only when the node sends `challenge`). */
export interface ChallengePlan {
  steps: { step: ChallengeStep; windowMs: number }[];
  /** Longest gap between frames while a step is shown (the blink step needs ≥ 10 frames per second). */
  frameIntervalMs: number;
  /** What the widget may offer a user who cannot do the steps (`challenge-alternative`). */
  alternative: ChallengeAlternative;
}

/**
 * Node → widget, when the challenge moves on: show `steps[index]` now, for at most `windowMs`
 * (a "More time" extension included). `index === steps.length` means there is no step to show
 * (the challenge is over or was withdrawn). Never carries a step's verdict.
 */
export interface ChallengeMessage {
  type: 'challenge';
  steps: ChallengeStep[];
  index: number;
  windowMs: number;
}
