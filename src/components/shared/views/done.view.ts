import { html } from 'lit';
import { ui } from '../messages.js';
import { heading } from './common.js';
import type { PhaseView } from './view-kit.js';

/** Success; the host may replace the text with the `done` slot. */
export const doneView: PhaseView = (_api, kit) => html`
  ${heading(ui.heading.done())}
  <p class="status done" part="status"><slot name="done">${kit.status}</slot></p>
`;
