import { html } from 'lit';
import { ui } from '../messages.js';
import { header, preview, timerNotice } from './common.js';
import type { PhaseView } from './view-kit.js';

/**
 * The scan: the preview with the oval and, over it, the guidance line — both from `api.cue`, one
 * state, so the oval is never green under "Looking for your face…" — then the progress bar.
 */
export const scanView: PhaseView = (api, kit) => {
  const cue = api.cue;
  const percent = Math.round(api.progress * 100);
  const guidance = html`<p class="status guidance" part="status" data-guidance=${api.guidance ?? 'none'} data-tone=${cue?.tone ?? 'idle'}>
    <slot name="scan">${kit.status}</slot>
  </p>`;
  return html`
    ${header(api, ui.heading.scan())} ${preview(kit, cue, guidance)}
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
    ${timerNotice(api, kit)}
  `;
};
