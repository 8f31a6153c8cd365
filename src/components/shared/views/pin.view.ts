import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { ui } from '../messages.js';
import { extendButton, heading } from './common.js';
import type { PhaseView } from './view-kit.js';

/** PIN entry: one labelled box per digit (one-time-code autofill, paste), confirm on enroll. */
export const pinView: PhaseView = (api, kit) => {
  const request = api.pinRequest;
  if (!request) return nothing;
  const length = request.digits.max;
  kit.pin.sync(`${request.stage}:${request.attemptsLeft}:${api.statusKey}`, length);
  const problem = request.problem !== null || api.notice !== null;
  return html`
    ${heading(ui.heading.pin())}
    <p class="status" part="status" role=${ifDefined(problem ? 'alert' : undefined)} id="pin-status"><slot name="pin">${kit.status}</slot></p>
    <div class="pin" part="pin-input" role="group" aria-label=${ui.pinGroup()} aria-describedby="pin-status">
      ${kit.pin.digits.map(
        (digit, index) =>
          html`<input
            data-index=${index}
            class="digit"
            type="password"
            inputmode="numeric"
            pattern="[0-9]*"
            maxlength=${index === 0 ? length : 1}
            autocomplete=${index === 0 ? 'one-time-code' : 'off'}
            aria-label=${ui.digit(index + 1, length)}
            .value=${digit}
            @input=${kit.pin.onInput}
            @keydown=${kit.pin.onKeyDown}
            @paste=${kit.pin.onPaste}
          />`,
      )}
    </div>
    ${request.attemptsLeft < 3 && request.stage === 'enter' ? html`<p class="hint">${ui.attemptsLeft(request.attemptsLeft)}</p>` : nothing}
    <div class="actions">
      <button type="button" class="primary" part="primary-button" ?disabled=${kit.pin.value.length < request.digits.min} @click=${kit.pin.submit}>
        ${ui.submit()}
      </button>
      ${extendButton(api)}
    </div>
  `;
};
