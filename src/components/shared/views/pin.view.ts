import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { pinInstruction, ui } from '../messages.js';
import { header, timerNotice } from './common.js';
import { icons } from './icons.js';
import type { PhaseView } from './view-kit.js';

/**
 * PIN entry: exactly the application's PIN length in labelled boxes (growing only when a longer PIN
 * is typed, see PinInputController), sized to share the card's width (eight fit at 320 px; past
 * eight they wrap), the length in words, `one-time-code` autofill and paste fill the whole PIN, a
 * problem is an alert under the boxes. The scan is complete by now: it says so.
 */
export const pinView: PhaseView = (api, kit) => {
  const request = api.pinRequest;
  if (!request) return nothing;
  kit.pin.sync(`${request.stage}:${request.attemptsLeft}:${api.statusKey}`, request.digits);
  const problem = request.problem !== null || api.notice !== null;
  const count = kit.pin.digits.length;
  // live(): a box's DOM value may hold more than the box keeps (a paste, a digit typed past the end).
  const input = (index: number) =>
    html`<input
      data-index=${index}
      class="digit"
      type="password"
      inputmode="numeric"
      pattern="[0-9]*"
      maxlength=${kit.pin.maxLength(index)}
      autocomplete=${index === 0 ? 'one-time-code' : 'off'}
      aria-label=${ui.digit(index + 1, count)}
      aria-describedby=${index === 0 ? `pin-instruction${problem ? ' pin-problem' : ''}` : nothing}
      aria-invalid=${problem ? 'true' : 'false'}
      .value=${live(kit.pin.digits[index] ?? '')}
      @input=${kit.pin.onInput}
      @keydown=${kit.pin.onKeyDown}
      @paste=${kit.pin.onPaste}
    />`;
  return html`
    ${header(api, ui.heading.pin(api.op, request.stage))}
    <p class="chip good" part="scan-complete">${icons.check()}<span>${ui.scanComplete()}</span></p>
    <p class="status" part="status" id="pin-instruction"><slot name="pin">${pinInstruction(api.op, request.digits, request.stage)}</slot></p>
    <div class="pin" part="pin-input" role="group" aria-label=${ui.pinGroup()} style="--columns: ${Math.min(count, 8)}">
      ${kit.pin.digits.map((_, index) => input(index))}
    </div>
    ${problem ? html`<p class="problem error" part="error" role="alert" id="pin-problem">${kit.status}</p>` : nothing}
    ${request.attemptsLeft < 3 && request.stage === 'enter' ? html`<p class="hint muted">${ui.attemptsLeft(request.attemptsLeft)}</p>` : nothing}
    ${timerNotice(api, kit)}
    <div class="actions">
      <button type="button" class="primary" part="primary-button" ?disabled=${kit.pin.value.length < request.digits.min} @click=${kit.pin.submit}>
        ${ui.submit()}
      </button>
    </div>
  `;
};
