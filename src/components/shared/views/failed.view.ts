import { html, nothing } from 'lit';
import { ui } from '../messages.js';
import { heading } from './common.js';
import type { PhaseView } from './view-kit.js';

/** A fatal error: what happened and what to do, in an alert; retry when the user can. */
export const failedView: PhaseView = (api, kit) => html`
  ${heading(ui.heading.failed())}
  <p class="status error" part="status error" role="alert" data-code=${api.error?.code ?? ''}><slot name="failed">${kit.status}</slot></p>
  <div class="actions">
    ${api.canRetry ? html`<button type="button" class="primary" part="primary-button" @click=${api.retry}>${ui.retry()}</button>` : nothing}
  </div>
`;
