import { html } from 'lit';
import { ui } from '../messages.js';
import { header, preview, timerNotice } from './common.js';
import type { PhaseView } from './view-kit.js';

/** Enrollment's introduction, over the live preview; moves on by itself after enrollIntroTimeout. */
export const introView: PhaseView = (api, kit) => html`
  ${header(api, ui.heading.intro())} ${preview(kit)}
  <p class="status" part="status"><slot name="intro">${kit.status}</slot></p>
  ${timerNotice(api, kit)}
  <div class="actions">
    <button type="button" class="primary" part="primary-button" @click=${api.continueIntro}>${ui.continue()}</button>
  </div>
`;
