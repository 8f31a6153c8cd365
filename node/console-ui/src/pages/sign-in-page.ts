import { localized, msg } from '@lit/localize';
import { LitElement, css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { ApiError, signIn, type Session } from '../api.js';
import { errorText } from '../page-kit.js';
import { pageStyles, tokens } from '../styles.js';

/** Sign-in: an application's API key and secret, or the node's operator key. */
@localized()
export class OfioSignInPage extends LitElement {
  static override styles = [
    tokens,
    pageStyles,
    css`
      :host {
        display: grid;
        justify-items: center;
        padding: 2rem 1rem;
      }
      form {
        inline-size: min(26rem, 100%);
      }
      .modes {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1.25rem;
      }
      .modes label {
        display: flex;
        gap: 0.5rem;
        align-items: center;
        font-weight: 400;
        min-block-size: 44px;
      }
      input[type='radio'] {
        min-block-size: auto;
        inline-size: 1.25rem;
        block-size: 1.25rem;
        margin: 0;
        accent-color: var(--ofio-accent);
      }
    `,
  ];

  @state() private mode: 'app' | 'operator' = 'app';
  @state() private error = '';
  @state() private busy = false;

  override render() {
    return html`<form class="card" @submit=${this.submit}>
      <h1 tabindex="-1">${msg('Sign in to the console', { id: 'console.signin.title' })}</h1>
      <fieldset class="field">
        <legend class="label">${msg('Sign in with', { id: 'console.signin.with' })}</legend>
        <div class="modes">
          <label
            ><input
              type="radio"
              name="mode"
              value="app"
              ?checked=${this.mode === 'app'}
              @change=${() => (this.mode = 'app')}
            />${msg('An application’s keys', { id: 'console.signin.app-mode' })}</label
          >
          <label
            ><input type="radio" name="mode" value="operator" ?checked=${this.mode === 'operator'} @change=${() => (this.mode = 'operator')} />${msg(
              'The operator key',
              {
                id: 'console.signin.operator-mode',
              },
            )}</label
          >
        </div>
      </fieldset>
      ${
        this.mode === 'app'
          ? html`<div class="field">
                <label for="apiKey">${msg('API key', { id: 'console.keys.api-key' })}</label>
                <input id="apiKey" name="apiKey" required autocomplete="username" spellcheck="false" placeholder="ofk_…" />
              </div>
              <div class="field">
                <label for="secret">${msg('Secret', { id: 'console.keys.secret' })}</label>
                <input id="secret" name="secret" type="password" required autocomplete="current-password" placeholder="ofs_…" />
              </div>
              <p class="small muted">
                ${msg('npm start prints the demo application’s keys; openfaceio app create prints a new application’s.', { id: 'console.signin.hint' })}
              </p>`
          : html`<div class="field">
              <label for="operatorKey">${msg('Operator key', { id: 'console.signin.operator-key' })}</label>
              <input id="operatorKey" name="operatorKey" type="password" required autocomplete="current-password" aria-describedby="operator-hint" />
              <span class="small muted" id="operator-hint"
                >${msg('OPENFACEIO_OPERATOR_KEY in the node’s configuration.', { id: 'console.signin.operator-hint' })}</span
              >
            </div>`
      }
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <div><button class="primary" type="submit" ?disabled=${this.busy}>${msg('Sign in', { id: 'console.signin.submit' })}</button></div>
    </form>`;
  }

  private readonly submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const field = (name: string) => String(data.get(name) ?? '').trim();
    this.busy = true;
    this.error = '';
    try {
      const session: Session = await signIn(
        this.mode === 'app' ? { apiKey: field('apiKey'), secret: field('secret') } : { operatorKey: field('operatorKey') },
      );
      this.dispatchEvent(new CustomEvent<Session>('signed-in', { detail: session, bubbles: true, composed: true }));
    } catch (error) {
      this.error =
        error instanceof ApiError && error.status === 401
          ? this.mode === 'app'
            ? msg('This API key and secret do not match an application.', { id: 'console.signin.wrong-keys' })
            : msg('This is not the operator key (or the node has none).', { id: 'console.signin.wrong-operator' })
          : error instanceof ApiError && error.status === 429
            ? msg('Too many failed sign-ins from this address. Wait 15 minutes and try again.', { id: 'console.signin.locked' })
            : error instanceof ApiError && error.status === 403
              ? msg('This application is blocked. Contact the node’s operator.', { id: 'console.signin.blocked' })
              : errorText(error);
      await this.updateComplete;
    } finally {
      this.busy = false;
    }
  };
}
customElements.define('ofio-sign-in-page', OfioSignInPage);
