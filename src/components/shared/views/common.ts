// Pieces several views share: the header (the phase heading, focused on each phase change, and the
// close button while a run is under way), the countdown with "More time" (WCAG 2.2.1), the camera
// preview with its framing overlay, and the final screens' actions.
import { html, nothing, svg } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { FlowApi, ScanCue } from '../../../core/flow/flow.connect.js';
import { ui } from '../messages.js';
import { icons } from './icons.js';
import { maskPath, ovalOf } from '../../../core/camera/oval.js';
import type { ViewKit } from './view-kit.js';

/**
 * The phase heading, with the close button at its end while the run is under way. The terms have
 * their own way out (Decline), so no second one there.
 */
export const header = (api: FlowApi, text: string) => html`
  <div class="header">
    <h2 class="heading" part="heading" tabindex="-1">${text}</h2>
    ${
      api.busy && api.phase !== 'terms'
        ? html`<button type="button" class="icon-button" part="close-button" aria-label=${ui.close()} title=${ui.close()} @click=${api.close}>
            ${icons.close()}
          </button>`
        : nothing
    }
  </div>
`;

/**
 * "More time", only once the phase's limit is about to end, with the time left (announced once by
 * the element's timer live region). The introduction moves on by itself rather than failing, so
 * it says when the scan starts instead.
 */
export function timerNotice(api: FlowApi, kit: ViewKit) {
  if (!kit.countdown || !api.canExtend || api.challenge) return nothing;
  const text = timerText(api, Math.ceil(kit.countdown.remainingMs / 1_000), kit.locale);
  return html`
    <div class="timer" part="timer">
      ${icons.clock()}
      <span class="timer-text">${text}</span>
      ${extendButton(api)}
    </div>
  `;
}

/** "More time" (the node lengthens the limit, or the liveness step's window). */
export const extendButton = (api: FlowApi) =>
  html`<button type="button" class="secondary compact" part="secondary-button extend-button" @click=${api.extend}>${ui.extend()}</button>`;

const timerText = (api: FlowApi, seconds: number, locale: string): string =>
  api.phase === 'intro' ? ui.introStartsIn(seconds, locale) : ui.timeLeft(seconds, locale);

/**
 * The element's two polite live regions, always in the DOM (a region added with its text is not
 * reliably read): the status line — except where the view has an alert of its own (no double
 * reading) — and the countdown's warning, said once when it starts (a ticking region would chatter).
 */
export function liveRegions(api: FlowApi, kit: ViewKit) {
  const quiet = api.phase === 'idle' || api.phase === 'failed' || (api.phase === 'pin' && (api.pinRequest?.problem || api.notice));
  return html`
    <p class="visually-hidden" role="status" aria-live="polite">${quiet ? '' : kit.status}</p>
    <p class="visually-hidden" role="status" aria-live="polite">${kit.countdown ? timerText(api, kit.countdown.announcedSeconds, kit.locale) : ''}</p>
  `;
}

/**
 * The mirrored preview (a selfie camera is expected to act as a mirror; the frames sent to the
 * node are taken from the unmirrored stream) with the framing overlay: the surround dimmed, the
 * oval around the tracked face (centred before one is found), coloured by the cue's tone.
 */
export function preview(kit: ViewKit, cue: ScanCue | null = null, guidance: unknown = nothing) {
  const oval = ovalOf(cue?.face ?? null);
  const tone = cue?.tone ?? 'idle';
  return html`
    <div class="stage" part="stage">
      <video part="video" aria-label=${ui.video()} muted playsinline autoplay ${ref(kit.videoRef)}></video>
      <svg
        class="overlay"
        part="overlay"
        data-tone=${tone}
        viewBox="0 0 ${oval.width} ${oval.height}"
        preserveAspectRatio="xMidYMid slice"
        aria-hidden="true"
      >
        ${svg`<path class="mask" fill-rule="evenodd" d=${maskPath(oval)} />
          <ellipse class="oval" cx=${oval.cx} cy=${oval.cy} rx=${oval.rx} ry=${oval.ry} />`}
      </svg>
      ${guidance}
    </div>
  `;
}
