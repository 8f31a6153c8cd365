import { html } from 'lit';
import { outcomeHeading } from '../messages.js';
import { header } from './common.js';
import { outcomeActions } from './outcome-actions.js';
import { icons } from './icons.js';
import type { PhaseView } from './view-kit.js';

/** Outcomes the user chose or that are no fault (cancelled, declined, already enrolled): not drawn as errors. */
const CALM: ReadonlySet<string> = new Set(['ABORTED_BY_USER', 'TERMS_NOT_ACCEPTED', 'FACE_DUPLICATION']);

/** A fatal error: its own heading, what to do in an alert, and a way on (retry, sign in, close). */
export const failedView: PhaseView = (api, kit) => html`
  ${
    CALM.has(api.error?.name ?? '')
      ? html`<div part="emblem" class="emblem">${icons.info()}</div>`
      : html`<div part="emblem" class="emblem bad">${icons.alert()}</div>`
  }
  ${header(api, outcomeHeading(api.op, api.error?.name ?? 'PROCESSING_ERR'))}
  <p class="status center error" part="status error" role="alert" data-code=${api.error?.code ?? ''}><slot name="failed">${kit.status}</slot></p>
  ${outcomeActions(api, kit)}
`;
