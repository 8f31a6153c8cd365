import { localized, msg, str } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { FacialId } from '../api.js';
import { AppPage, formatDate, formatNumber, pageHead } from '../page-kit.js';

/** Enrolled facial IDs: search (ID prefix or payload text), the payload, PIN reset, deletion. */
@localized()
export class OfioFacialIdsPage extends AppPage {
  static override styles = [
    ...AppPage.styles,
    css`
      .search {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
      .search input {
        flex: 1 1 16rem;
        min-inline-size: 0;
      }
      .pin {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: end;
      }
      .pin input {
        inline-size: 10rem;
      }
    `,
  ];

  @state() private items: FacialId[] = [];
  @state() private next: string | null = null;
  @state() private query = '';
  @state() private notice = '';

  protected async load(): Promise<void> {
    const page = await this.api.facialIds(this.query);
    this.items = page.items;
    this.next = page.next;
  }

  override render() {
    return html`<div class="stack">
      ${pageHead(msg('Facial IDs', { id: 'console.nav.facial-ids' }), this.notice, this.error)}
      <form class="search" role="search" @submit=${this.search}>
        <label class="visually-hidden" for="q">${msg('Search facial IDs', { id: 'console.ids.search-label' })}</label>
        <input
          id="q"
          name="q"
          type="search"
          .value=${this.query}
          placeholder=${msg('Facial ID or text in the payload', { id: 'console.ids.search-placeholder' })}
        />
        <button type="submit">${msg('Search', { id: 'console.search' })}</button>
      </form>
      ${
        this.loading
          ? html`<p class="muted">${msg('Loading…', { id: 'console.loading' })}</p>`
          : this.items.length === 0
            ? html`<p class="muted">
                ${
                  this.query
                    ? msg('No facial ID matches this search.', { id: 'console.ids.none-found' })
                    : msg('No one has enrolled yet.', { id: 'console.ids.none' })
                }
              </p>`
            : html`<ul class="items">
                ${this.items.map((item) => this.item(item))}
              </ul>`
      }
      ${this.next ? html`<div><button type="button" @click=${this.more}>${msg('Show more', { id: 'console.more' })}</button></div>` : nothing}
    </div>`;
  }

  private item(item: FacialId) {
    return html`<li>
      <details>
        <summary>
          <span class="mono">${item.facialId}</span>
          <span class="small muted">${msg(str`Enrolled ${formatDate(item.createdAt)}`, { id: 'console.ids.enrolled' })}</span>
        </summary>
        <div class="stack" style="margin-block-start: 0.75rem">
          <dl>
            <dt>${msg('Last seen', { id: 'console.ids.last-seen' })}</dt>
            <dd>${formatDate(item.lastSeenAt)}</dd>
            <dt>${msg('Templates', { id: 'console.ids.templates' })}</dt>
            <dd>${formatNumber(item.templates)}</dd>
            <dt>${msg('PIN', { id: 'console.ids.pin' })}</dt>
            <dd>${item.hasPin ? msg('Set', { id: 'console.ids.pin-set' }) : msg('None', { id: 'console.ids.pin-none' })}</dd>
            <dt>${msg('Estimated age and gender', { id: 'console.ids.age-gender' })}</dt>
            <dd>${item.age ?? '—'} · ${item.gender ?? '—'}</dd>
          </dl>
          <div class="field">
            <span class="label">${msg('Payload', { id: 'console.ids.payload' })}</span>
            <pre tabindex="0" aria-label=${msg('Payload', { id: 'console.ids.payload' })}>${JSON.stringify(item.payload, null, 2)}</pre>
          </div>
          <form class="pin" @submit=${(e: SubmitEvent) => this.resetPin(e, item)}>
            <div class="field">
              <label for="pin-${item.facialId}">${msg('New PIN', { id: 'console.ids.new-pin' })}</label>
              <input
                id="pin-${item.facialId}"
                name="pin"
                inputmode="numeric"
                pattern="[0-9]{4,16}"
                required
                autocomplete="off"
                title=${msg('4 to 16 digits', { id: 'console.ids.pin-rule' })}
              />
            </div>
            <button type="submit">${msg('Reset the PIN', { id: 'console.ids.reset-pin' })}</button>
          </form>
          <div>
            <button type="button" class="danger" @click=${() => this.deleteItem(item)}>
              ${msg('Delete this facial ID', { id: 'console.ids.delete' })}
            </button>
          </div>
        </div>
      </details>
    </li>`;
  }

  private readonly search = (event: SubmitEvent): void => {
    event.preventDefault();
    this.query = String(new FormData(event.target as HTMLFormElement).get('q') ?? '').trim();
    this.notice = '';
    void this.guard(() => this.load());
  };

  private readonly more = (): void => {
    void this.guard(async () => {
      const page = await this.api.facialIds(this.query, this.next ?? undefined);
      this.items = [...this.items, ...page.items];
      this.next = page.next;
    });
  };

  private resetPin(event: SubmitEvent, item: FacialId): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    if (!form.reportValidity()) return;
    const pin = String(new FormData(form).get('pin'));
    this.notice = '';
    void this.guard(async () => {
      await this.api.resetPin(item.facialId, pin);
      form.reset();
      this.notice = msg('The PIN was reset.', { id: 'console.ids.pin-reset' });
    });
  }

  private async deleteItem(item: FacialId): Promise<void> {
    const yes = await this.confirm.ask(
      msg(str`Delete facial ID ${item.facialId}? This person must enroll again to sign in.`, { id: 'console.ids.delete-confirm' }),
      msg('Delete', { id: 'console.delete' }),
    );
    if (!yes) return;
    this.notice = '';
    await this.guard(async () => {
      await this.api.deleteFacialId(item.facialId);
      this.items = this.items.filter((i) => i.facialId !== item.facialId);
      this.notice = msg('Deleted.', { id: 'console.deleted' });
    });
  }
}
customElements.define('ofio-facial-ids-page', OfioFacialIdsPage);
