import { localized, msg } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { state } from 'lit/decorators.js';
import { pageStyles, tokens } from '../styles.js';

/**
 * A modal question before something that cannot be undone (delete, rotate keys): a native <dialog>
 * (focus trapped, Escape cancels), the action button named for what it does.
 */
@localized()
export class OfioConfirm extends LitElement {
  static override styles = [
    tokens,
    pageStyles,
    css`
      dialog {
        box-sizing: border-box;
        inline-size: min(28rem, calc(100vw - 2rem));
        padding: 1.25rem;
        border: 0;
        border-radius: var(--ofio-radius);
        box-shadow: 0 12px 40px rgb(0 0 0 / 0.25);
        color: var(--ofio-text);
      }
      dialog::backdrop {
        background: rgb(20 20 30 / 0.45);
      }
      .row {
        justify-content: flex-end;
        margin-block-start: 1rem;
      }
    `,
  ];

  @state() private text = '';
  @state() private action = '';
  private answer: ((yes: boolean) => void) | null = null;

  /** Resolves true when the user confirms. */
  ask(text: string, action: string): Promise<boolean> {
    this.text = text;
    this.action = action;
    return new Promise((resolve) => {
      this.answer = resolve;
      void this.updateComplete.then(() => {
        const dialog = this.renderRoot.querySelector('dialog')!;
        dialog.showModal();
        dialog.querySelector<HTMLButtonElement>('.cancel')?.focus();
      });
    });
  }

  override render() {
    return html`<dialog aria-labelledby="question" @close=${() => this.settle(false)}>
      <p id="question">${this.text}</p>
      <div class="row">
        <button type="button" class="cancel" @click=${() => this.settle(false)}>${msg('Cancel', { id: 'console.cancel' })}</button>
        <button type="button" class="danger" @click=${() => this.settle(true)}>${this.action}</button>
      </div>
    </dialog>`;
  }

  private settle(yes: boolean): void {
    const answer = this.answer;
    this.answer = null;
    this.renderRoot.querySelector('dialog')?.close();
    answer?.(yes);
  }
}
customElements.define('ofio-confirm', OfioConfirm);
