import { localized, msg } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { pageStyles, tokens } from '../styles.js';

/** A value to copy (a key shown once, a public ID): read-only, with a Copy button that says when it copied. */
@localized()
export class OfioSecretField extends LitElement {
  static override styles = [
    tokens,
    pageStyles,
    css`
      .line {
        display: flex;
        gap: 0.5rem;
      }
      input {
        flex: 1;
        min-inline-size: 0;
        font-family: ui-monospace, Menlo, Consolas, monospace;
        font-size: 0.875rem;
      }
    `,
  ];

  @property() label = '';
  @property() value = '';
  @state() private copied = false;

  override render() {
    return html`<div class="field">
      <label for="value">${this.label}</label>
      <div class="line">
        <input id="value" readonly .value=${this.value} @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()} />
        <button type="button" @click=${this.copy}>${msg('Copy', { id: 'console.copy' })}</button>
      </div>
      <span class="small ok" role="status">${this.copied ? msg('Copied.', { id: 'console.copied' }) : ''}</span>
    </div>`;
  }

  private readonly copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(this.value);
      this.copied = true;
    } catch {
      this.renderRoot.querySelector('input')?.select();
    }
  };
}
customElements.define('ofio-secret-field', OfioSecretField);
