import { html } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { ui } from '../messages.js';
import { extendButton, heading, preview } from './common.js';
import { alternativeButton, challengeCue, challengeSteps } from './challenge.view.js';
import type { PhaseView } from './view-kit.js';

/**
 * The scan: preview with an oval guide coloured by the guidance, the status line and progress;
 * while the node asks a liveness step, its cue over the preview, the steps and the way out.
 */
export const scanView: PhaseView = (api, kit) => {
  const good = api.guidance === 'good' || api.guidance === 'hold-still';
  const percent = Math.round(api.progress * 100);
  const oval = api.challenge ? challengeCue(api.challenge) : html`<div class=${classMap({ oval: true, good })}></div>`;
  return html`
    ${heading(ui.heading.scan())} ${preview(kit, oval)} ${api.challenge ? challengeSteps(api.challenge) : ''}
    ${
      api.challenge
        ? // A challenge step's instruction is never replaced by the host's slot: the user must read it.
          html`<p class="status" part="status" data-step=${api.challenge.step}>${kit.status}</p>`
        : html`<p class="status" part="status" data-guidance=${api.guidance ?? 'none'}><slot name="scan">${kit.status}</slot></p>`
    }
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
    <div class="actions">${extendButton(api)} ${alternativeButton(api)}</div>
  `;
};
