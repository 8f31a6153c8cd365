import { html, nothing } from 'lit';
import { unsafeSVG } from 'lit/directives/unsafe-svg.js';
import { signOnText as t } from '../sign-on.messages.js';
import type { SignOnView } from './view-kit.js';

const cancel = (onClick: () => void) =>
  html`<div class="actions"><button class="secondary" part="secondary-button" type="button" @click=${onClick}>${t.cancel()}</button></div>`;

/** Looking the account up, or waiting for the phone: the status, a spinner, Cancel. */
export const waitView: SignOnView = (api, kit) => html`
  <div class="waiting">
    <div class="spinner" part="spinner" aria-hidden="true"></div>
    <p class="status" part="status"><slot name=${api.state}>${kit.status}</slot></p>
  </div>
  ${cancel(api.cancel)}
`;

/** No phone registered: the QR code any phone can scan (and a link for a phone that is this device), Cancel. */
export const qrView: SignOnView = (api, kit) => html`
  <p class="status" part="status"><slot name="waiting">${kit.status}</slot></p>
  ${api.qr ? html`<div class="qr" part="qr" role="img" aria-label=${t.qr()}>${unsafeSVG(api.qr)}</div>` : nothing}
  ${api.verifyUrl ? html`<p class="hint"><a part="link" href=${api.verifyUrl} target="_blank" rel="noopener">${t.openHere()}</a></p>` : nothing}
  ${cancel(api.cancel)}
`;
