// The final screens' actions: one primary (retry, or "Sign in instead" after FACE_DUPLICATION, or
// Close) and at most one secondary (Close). Issue 14: done, FACE_DUPLICATION and PAD_ATTACK were
// dead ends with text only.
import { html, nothing } from 'lit';
import type { FlowApi } from '../../../core/flow/flow.connect.js';
import { ui } from '../messages.js';
import type { ViewKit } from './view-kit.js';

/**
 * A final screen's actions: one primary (retry, or sign in after FACE_DUPLICATION, or close) and
 * at most one secondary (close). Close ends the outcome: `faceio-close`, then the resting state.
 */
export function outcomeActions(api: FlowApi, kit: ViewKit) {
  const { outcome } = kit;
  const retry = api.phase === 'failed' && api.canRetry && outcome.retry;
  const signIn = api.error?.name === 'FACE_DUPLICATION' && outcome.signIn;
  const close = (primary: boolean) =>
    html`<button
      type="button"
      class=${primary ? 'primary' : 'secondary'}
      part=${primary ? 'primary-button' : 'secondary-button'}
      @click=${outcome.onClose}
    >
      ${ui.close()}
    </button>`;
  return html`
    <div class="actions">
      ${
        signIn
          ? outcome.signInHref
            ? html`<a class="button primary" part="primary-button sign-in-button" href=${outcome.signInHref} @click=${outcome.onSignIn}
                >${ui.signIn()}</a
              >`
            : html`<button type="button" class="primary" part="primary-button sign-in-button" @click=${outcome.onSignIn}>${ui.signIn()}</button>`
          : retry
            ? html`<button type="button" class="primary" part="primary-button" @click=${api.retry}>${ui.retry()}</button>`
            : nothing
      }
      ${close(!signIn && !retry)}
    </div>
  `;
}
