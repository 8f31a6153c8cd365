import { html, nothing } from 'lit';
import { ui } from '../messages.js';
import { alternativeButton, challengeCue, challengeSteps } from './challenge.view.js';
import { extendButton, header, preview, timerNotice } from './common.js';
import type { PhaseView } from './view-kit.js';

/**
 * The scan: the preview with the oval and, over it, the guidance line — both from `api.cue`, one
 * state, so the oval is never green under "Looking for your face…" — then the progress bar. While
 * the node asks a liveness step: its cue over the preview (not mirrored: it points the physical
 * way), the step's words in the line, the steps and the way out.
 */
export const scanView: PhaseView = (api, kit) => {
  const { cue, challenge } = api;
  const percent = Math.round(api.progress * 100);
  const tone = cue?.tone ?? 'idle';
  const line = challenge
    ? // A challenge step's instruction is never replaced by the host's slot: the user must read it.
      html`<p class="status guidance" part="status" data-step=${challenge.step} data-tone=${tone}>${kit.status}</p>`
    : html`<p class="status guidance" part="status" data-guidance=${api.guidance ?? 'none'} data-tone=${tone}>
        <slot name="scan">${kit.status}</slot>
      </p>`;
  const layers = html`${challenge ? html`<div class="cue-layer">${challengeCue(challenge)}</div>` : nothing}${line}`;
  // A liveness step's window (a few seconds) is always about to end: "More time" stays beside the way out.
  const actions = challenge ? html`${api.canExtend ? extendButton(api) : nothing} ${alternativeButton(api)}` : nothing;
  return html`
    ${header(api, ui.heading.scan())} ${preview(kit, cue, layers)} ${challenge ? challengeSteps(challenge) : nothing}
    <div
      class="progress"
      part="progress"
      role="progressbar"
      aria-label=${ui.progress()}
      aria-valuemin="0"
      aria-valuemax="100"
      aria-valuenow=${percent}
    >
      <div class="bar" style="inline-size: ${percent}%"></div>
    </div>
    ${timerNotice(api, kit)} ${challenge ? html`<div class="actions row">${actions}</div>` : nothing}
  `;
};
