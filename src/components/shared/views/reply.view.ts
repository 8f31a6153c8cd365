import { html } from 'lit';
import { ui } from '../messages.js';
import { heading } from './common.js';
import type { PhaseView } from './view-kit.js';

/** Waiting for the node's verdict. */
export const replyView: PhaseView = (_api, kit) => html`
  ${heading(ui.heading.reply())}
  <div class="spinner" part="spinner" aria-hidden="true"></div>
  <p class="status" part="status"><slot name="reply">${kit.status}</slot></p>
`;
