import { html } from 'lit';
import { ui } from '../messages.js';
import { extendButton, heading } from './common.js';
import type { PhaseView } from './view-kit.js';

/**
 * Enrollment's terms of use; the host may replace the text with the `terms` slot. The box scrolls
 * when the terms are long, so it is a named, focusable region: keyboard users can scroll it
 * (WCAG 2.1.1, axe scrollable-region-focusable).
 */
export const termsView: PhaseView = (api, kit) => html`
  ${heading(ui.heading.terms())}
  <div class="terms" part="terms" role="region" aria-label=${ui.heading.terms()} tabindex="0">
    <slot name="terms"><p>${ui.terms()}</p></slot>
  </div>
  <p class="status" part="status">${kit.status}</p>
  <div class="actions">
    <button type="button" class="primary" part="primary-button" @click=${api.accept}>${ui.accept()}</button>
    <button type="button" class="secondary" part="secondary-button" @click=${api.decline}>${ui.decline()}</button>
    ${extendButton(api)}
  </div>
`;
