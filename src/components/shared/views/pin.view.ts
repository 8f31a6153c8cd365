import { html, nothing } from 'lit';
import { pinInstruction, ui } from '../messages.js';
import { header, timerNotice } from './common.js';
import { icons } from './icons.js';
import type { PhaseView } from './view-kit.js';

/**
 * PIN entry. A fixed length (the application's min === max) gets exactly that many labelled boxes,
 * sized to share the card's width (they fit at 320 px); a range gets one field, since boxes would
 * not say how many to fill. Either way: the length in words, `one-time-code` autofill and paste
 * fill the whole PIN, a problem is an alert under the input. The scan is complete by now: it says so.
 */
export const pinView: PhaseView = (api, kit) => {
  const request = api.pinRequest;
  if (!request) return nothing;
  const { min, max } = request.digits;
  kit.pin.sync(`${request.stage}:${request.attemptsLeft}:${api.statusKey}`, request.digits);
  const problem = request.problem !== null || api.notice !== null;
  const input = (index: number, label: string, maxlength: number, extra: string) =>
    html`<input
      data-index=${index}
      class="digit ${extra}"
      type="password"
      inputmode="numeric"
      pattern="[0-9]*"
      maxlength=${maxlength}
      autocomplete=${index === 0 ? 'one-time-code' : 'off'}
      aria-label=${label}
      aria-describedby=${index === 0 ? `pin-instruction${problem ? ' pin-problem' : ''}` : nothing}
      aria-invalid=${problem ? 'true' : 'false'}
      .value=${kit.pin.digits[index] ?? ''}
      @input=${kit.pin.onInput}
      @keydown=${kit.pin.onKeyDown}
      @paste=${kit.pin.onPaste}
    />`;
  return html`
    ${header(api, ui.heading.pin(api.op, request.stage))}
    <p class="chip good" part="scan-complete">${icons.check()}<span>${ui.scanComplete()}</span></p>
    <p class="status" part="status" id="pin-instruction"><slot name="pin">${pinInstruction(api.op, request.digits, request.stage)}</slot></p>
    ${
      request.length !== null
        ? html`<div class="pin" part="pin-input" role="group" aria-label=${ui.pinGroup()} style="--digits: ${request.length}">
            ${kit.pin.digits.map((_, index) => input(index, ui.digit(index + 1, max), index === 0 ? max : 1, 'box'))}
          </div>`
        : html`<div class="pin single" part="pin-input">${input(0, ui.pinField(min, max), max, 'field')}</div>`
    }
    ${problem ? html`<p class="problem error" part="error" role="alert" id="pin-problem">${kit.status}</p>` : nothing}
    ${request.attemptsLeft < 3 && request.stage === 'enter' ? html`<p class="hint muted">${ui.attemptsLeft(request.attemptsLeft)}</p>` : nothing}
    ${timerNotice(api, kit)}
    <div class="actions">
      <button type="button" class="primary" part="primary-button" ?disabled=${kit.pin.value.length < min} @click=${kit.pin.submit}>
        ${ui.submit()}
      </button>
    </div>
  `;
};
