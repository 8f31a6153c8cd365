import { html } from 'lit';
import { icons } from './icons.js';
import type { PhaseView } from './view-kit.js';

/** Before a run: the start button. */
export const idleView: PhaseView = (api, kit) => html`
  <button type="button" class="primary start" part="primary-button start-button" @click=${api.start}>
    ${icons.face()}
    <span><slot name="start">${kit.status}</slot></span>
  </button>
`;
