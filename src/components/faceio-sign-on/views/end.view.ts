import { html, nothing } from 'lit';
import { signOnText as t } from '../sign-on.messages.js';
import type { SignOnView } from './view-kit.js';

const retry = (onClick: () => void) =>
  html`<div class="actions"><button class="primary" part="primary-button" type="button" @click=${onClick}>${t.retry()}</button></div>`;

/** Verified: the element posts the proof (a navigation) right after. */
export const verifiedView: SignOnView = (_api, kit) => html` <p class="status done" part="status"><slot name="verified">${kit.status}</slot></p> `;

/** Not signed in: what happened, in an alert (the code is on `data-code`); Start again when it can help. */
export const failedView: SignOnView = (api, kit) => html`
  <p class="status error" part="status error" role="alert" data-code=${api.error?.code ?? nothing}><slot name="failed">${kit.status}</slot></p>
  ${api.canRetry ? retry(api.retry) : nothing}
`;

/** No result within the verification's life. */
export const expiredView: SignOnView = (api, kit) => html`
  <p class="status" part="status"><slot name="expired">${kit.status}</slot></p>
  ${retry(api.retry)}
`;
