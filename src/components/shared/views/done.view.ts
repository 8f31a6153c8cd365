import { html } from 'lit';
import { outcomeHeading } from '../messages.js';
import { header } from './common.js';
import { outcomeActions } from './outcome-actions.js';
import { icons } from './icons.js';
import type { PhaseView } from './view-kit.js';

/** Success: a heading for the operation; the host may replace the text with the `done` slot. */
export const doneView: PhaseView = (api, kit) => html`
  <div part="emblem" class="emblem good">${icons.check('icon pop')}</div>
  ${header(api, outcomeHeading(api.op, null))}
  <p class="status center" part="status"><slot name="done">${kit.status}</slot></p>
  ${outcomeActions(api, kit)}
`;
