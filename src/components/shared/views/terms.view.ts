import { html } from 'lit';
import { ui } from '../messages.js';
import { header, timerNotice } from './common.js';
import type { PhaseView } from './view-kit.js';

/**
 * Enrollment's terms of use; the host may replace the text with the `terms` slot. The box scrolls
 * when the terms are long, so it is a named, focusable region: keyboard users can scroll it
 * (WCAG 2.1.1, axe scrollable-region-focusable). One primary and one secondary action: Decline is
 * the way out here, so the header has no close button.
 */
export const termsView: PhaseView = (api, kit) => html`
  ${header(api, ui.heading.terms())}
  <div class="terms" part="terms" role="region" aria-label=${ui.heading.terms()} tabindex="0">
    <slot name="terms"><p>${ui.terms()}</p></slot>
  </div>
  <p class="status muted" part="status">${kit.status}</p>
  ${timerNotice(api, kit)}
  <div class="actions">
    <button type="button" class="primary" part="primary-button" @click=${api.accept}>${ui.accept()}</button>
    <button type="button" class="secondary" part="secondary-button" @click=${api.decline}>${ui.decline()}</button>
  </div>
`;
