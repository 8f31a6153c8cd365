import { html } from 'lit';
import { ui } from '../messages.js';
import { extendButton, heading } from './common.js';
import type { PhaseView } from './view-kit.js';

/** Waiting for the browser's camera prompt. */
export const permissionView: PhaseView = (api, kit) => html`
  ${heading(ui.heading.permission())}
  <p class="status" part="status"><slot name="permission">${kit.status}</slot></p>
  <div class="actions">${extendButton(api)}</div>
`;
