import { html } from 'lit';
import type { PhaseView } from './view-kit.js';

/** Before a run: the start button. */
export const idleView: PhaseView = (api, kit) => html`
  <button type="button" class="primary" part="primary-button start-button" @click=${api.start}>
    <slot name="start">${kit.status}</slot>
  </button>
`;
