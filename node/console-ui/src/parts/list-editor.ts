import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { pageStyles, tokens } from '../styles.js';

/**
 * A list setting (allowed origins, countries): its items, each removable, and a field that adds one
 * after `check` accepts it (the error is announced and tied to the field). `items-change` carries
 * the new list; saving is the page's.
 */
@localized()
export class OfioListEditor extends LitElement {
  static override styles = [
    tokens,
    pageStyles,
    css`
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
      li {
        display: flex;
        align-items: center;
        gap: 0.25rem;
        padding-inline-start: 0.75rem;
        border: 1px solid var(--ofio-line);
        border-radius: 999px;
        background: var(--ofio-page);
        max-inline-size: 100%;
      }
      li span {
        overflow-wrap: anywhere;
      }
      li button {
        min-block-size: 36px;
        min-inline-size: 36px;
        padding: 0;
        border: 0;
        border-radius: 999px;
        font-size: 1.125rem;
        line-height: 1;
      }
      .add {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
      .add input {
        flex: 1 1 14rem;
        min-inline-size: 0;
      }
    `,
  ];

  @property() label = '';
  @property() hint = '';
  @property() placeholder = '';
  /** Said when the list is empty (what that means for this setting). */
  @property() empty = '';
  @property({ attribute: false }) items: string[] = [];
  /** null when the value may be added, else why not. */
  @property({ attribute: false }) check: (value: string) => string | null = () => null;
  @property({ attribute: false }) normalizeValue: (value: string) => string = (value) => value.trim();
  @state() private error = '';

  override render() {
    return html`<div class="field">
      <span class="label" id="label">${this.label}</span>
      ${this.hint ? html`<span class="small muted" id="hint">${this.hint}</span>` : nothing}
      ${
        this.items.length
          ? html`<ul aria-labelledby="label">
              ${this.items.map(
                (item) =>
                  html`<li>
                    <span class="mono">${item}</span
                    ><button
                      type="button"
                      aria-label=${msg(str`Remove ${item}`, { id: 'console.list.remove' })}
                      @click=${() => this.removeItem(item)}
                    >
                      ×
                    </button>
                  </li>`,
              )}
            </ul>`
          : html`<p class="small muted">${this.empty}</p>`
      }
      <form class="add" @submit=${this.add}>
        <input
          name="value"
          aria-labelledby="label"
          aria-describedby="${this.hint ? 'hint ' : ''}error"
          aria-invalid=${this.error ? 'true' : 'false'}
          placeholder=${this.placeholder}
          autocomplete="off"
          spellcheck="false"
          @input=${() => (this.error = '')}
        />
        <button type="submit">${msg('Add', { id: 'console.list.add' })}</button>
      </form>
      <span class="small error" id="error" role="alert">${this.error}</span>
    </div>`;
  }

  private readonly add = (event: SubmitEvent): void => {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('value') as HTMLInputElement;
    const raw = input.value.trim();
    if (!raw) return;
    const problem = this.check(raw);
    if (problem) {
      this.error = problem;
      return;
    }
    const value = this.normalizeValue(raw);
    if (!this.items.includes(value)) this.changed([...this.items, value]);
    input.value = '';
  };

  private removeItem(item: string): void {
    this.changed(this.items.filter((i) => i !== item));
  }

  private changed(items: string[]): void {
    this.dispatchEvent(new CustomEvent<string[]>('items-change', { detail: items }));
  }
}
customElements.define('ofio-list-editor', OfioListEditor);
