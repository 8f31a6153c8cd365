// The liveness challenge inside the scan view: the cue over the preview, the steps, and the way out
// for a user who cannot turn the head. Pure functions of the view-model; the node decides.
import { html, nothing, svg } from 'lit';
import type { ChallengeStep } from '../../../protocol/index.js';
import type { ChallengeView, FlowApi } from '../../../core/flow/flow.connect.js';
import { challengeText } from '../messages.js';

/** An arrow pointing left (rotated for the other directions): physical directions in the mirrored preview. */
const ARROW = svg`<path d="M30 50 L55 25 L55 40 L75 40 L75 60 L55 60 L55 75 Z" fill="currentColor" />`;
const ROTATION: Record<Exclude<ChallengeStep, 'blink'>, number> = { 'turn-left': 0, 'turn-right': 180, 'look-up': 90 };
const EYE = svg`
  <path d="M10 50 Q50 15 90 50 Q50 85 10 50 Z" fill="none" stroke="currentColor" stroke-width="6" />
  <circle cx="50" cy="50" r="13" fill="currentColor" />
  <rect class="lid" x="10" y="20" width="80" height="60" fill="currentColor" opacity="0" />`;

/** The cue over the camera preview (decorative: the status line says the same in words). */
export function challengeCue(challenge: ChallengeView) {
  const { step } = challenge;
  const shape = step === 'blink' ? EYE : svg`<g transform="rotate(${ROTATION[step]} 50 50)">${ARROW}</g>`;
  return html`<div class="cue" part="challenge-cue" data-step=${step}>
    <svg viewBox="0 0 100 100" aria-hidden="true" focusable="false">${shape}</svg>
  </div>`;
}

/** The steps, done / current / to do, in reading order. */
export function challengeSteps(challenge: ChallengeView) {
  const { steps, index } = challenge;
  return html`<ol class="steps" part="challenge-steps" aria-label=${challengeText.steps(index + 1, steps.length)}>
    ${steps.map((step, i) => {
      const state = i < index ? 'done' : i === index ? 'current' : 'todo';
      return html`<li class="step" data-state=${state} aria-current=${i === index ? 'step' : nothing}>
        ${challengeText.label(step)}${state === 'done' ? html`<span class="visually-hidden"> (${challengeText.done()})</span>` : nothing}
      </li>`;
    })}
  </ol>`;
}

/** "I can't turn my head" / "Use my PIN instead", while the app offers it. */
export function alternativeButton(api: FlowApi) {
  const offer = api.challenge?.alternative;
  if (!offer) return nothing;
  const label = offer === 'pin' ? challengeText.usePin() : challengeText.cannotTurn();
  return html`<button type="button" class="secondary" part="secondary-button" @click=${api.askAlternative}>${label}</button>`;
}
