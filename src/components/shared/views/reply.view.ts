import { html } from 'lit';
import { ui } from '../messages.js';
import { header } from './common.js';
import type { PhaseView } from './view-kit.js';

/** Waiting for the node's verdict. */
export const replyView: PhaseView = (api, kit) => html`
  ${header(api, ui.heading.reply())}
  <div part="emblem" class="emblem plain"><div class="spinner" part="spinner" aria-hidden="true"></div></div>
  <p class="status center" part="status"><slot name="reply">${kit.status}</slot></p>
`;
