// Pieces several views share: the phase heading (focused on each phase change), the "more time"
// button (WCAG 2.2.1) and the camera preview.
import { html, nothing } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { FlowApi } from '../../../core/flow/flow.connect.js';
import { ui } from '../messages.js';
import type { ViewKit } from './view-kit.js';

export const heading = (text: string) => html`<h2 class="heading" part="heading" tabindex="-1">${text}</h2>`;

export const extendButton = (api: FlowApi) =>
  api.canExtend ? html`<button type="button" class="secondary" part="secondary-button" @click=${api.extend}>${ui.extend()}</button>` : nothing;

export const preview = (kit: ViewKit, overlay: unknown = nothing) => html`
  <div class="stage" part="stage">
    <video part="video" aria-label=${ui.video()} muted playsinline autoplay ${ref(kit.videoRef)}></video>
    <div class="overlay" part="overlay" aria-hidden="true">${overlay}</div>
  </div>
`;
