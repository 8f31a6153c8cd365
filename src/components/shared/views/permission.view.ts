import { html } from 'lit';
import { ui } from '../messages.js';
import { header, timerNotice } from './common.js';
import { icons } from './icons.js';
import type { PhaseView } from './view-kit.js';

/** Waiting for the browser's camera prompt. */
export const permissionView: PhaseView = (api, kit) => html`
  ${header(api, ui.heading.permission())}
  <div part="emblem" class="emblem">${icons.camera()}</div>
  <p class="status center" part="status"><slot name="permission">${kit.status}</slot></p>
  ${timerNotice(api, kit)}
`;
