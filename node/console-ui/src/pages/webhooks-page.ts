import { localized, msg, str } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { Delivery } from '../api.js';
import { AppPage, formatDate, pageHead } from '../page-kit.js';

/** The webhook delivery log, newest first: status, attempts, the body sent, and "Send again". */
@localized()
export class OfioWebhooksPage extends AppPage {
  static override styles = [...AppPage.styles, css``];

  @state() private items: Delivery[] = [];
  @state() private more = false;
  @state() private notice = '';

  protected async load(): Promise<void> {
    const page = await this.api.deliveries();
    this.items = page.items;
    this.more = page.items.length === 25;
  }

  override render() {
    return html`<div class="stack">
      ${pageHead(msg('Webhook deliveries', { id: 'console.webhooks.title' }), this.notice, this.error)}
      ${
        this.loading
          ? html`<p class="muted">${msg('Loading…', { id: 'console.loading' })}</p>`
          : this.items.length === 0
            ? html`<p class="muted">${msg('Nothing sent yet. Set a webhook URL in Settings.', { id: 'console.webhooks.none' })}</p>`
            : html`<ul class="items">
                ${this.items.map((d) => this.delivery(d))}
              </ul>`
      }
      ${this.more ? html`<div><button type="button" @click=${this.older}>${msg('Show more', { id: 'console.more' })}</button></div>` : nothing}
    </div>`;
  }

  private badge(d: Delivery) {
    if (d.status === 'delivered') return html`<span class="badge good">${msg('Delivered', { id: 'console.webhooks.delivered' })}</span>`;
    if (d.status === 'failed') return html`<span class="badge bad">${msg('Failed', { id: 'console.webhooks.failed' })}</span>`;
    return html`<span class="badge warn">${msg('Pending', { id: 'console.webhooks.pending' })}</span>`;
  }

  private delivery(d: Delivery) {
    return html`<li>
      <details>
        <summary>
          ${this.badge(d)}
          <span class="mono">${d.event}</span>
          <span class="small muted">${formatDate(d.createdAt)}</span>
        </summary>
        <div class="stack" style="margin-block-start: 0.75rem">
          <dl>
            <dt>URL</dt>
            <dd class="mono">${d.url}</dd>
            <dt>${msg('Attempts', { id: 'console.webhooks.attempts' })}</dt>
            <dd>${d.attempts}</dd>
            <dt>${msg('Last answer', { id: 'console.webhooks.last' })}</dt>
            <dd>${d.lastStatus ?? '—'}${d.lastError ? html` · <span class="mono">${d.lastError}</span>` : nothing}</dd>
            ${
              d.status === 'pending'
                ? html`<dt>${msg('Next attempt', { id: 'console.webhooks.next' })}</dt>
                    <dd>${formatDate(d.nextAttemptAt)}</dd>`
                : nothing
            }
          </dl>
          <div class="field">
            <span class="label">${msg('Body sent', { id: 'console.webhooks.body' })}</span>
            <pre tabindex="0" aria-label=${msg('Body sent', { id: 'console.webhooks.body' })}>${JSON.stringify(d.body, null, 2)}</pre>
          </div>
          <div><button type="button" @click=${() => this.redeliver(d)}>${msg('Send again', { id: 'console.webhooks.redeliver' })}</button></div>
        </div>
      </details>
    </li>`;
  }

  private redeliver(d: Delivery): void {
    this.notice = '';
    void this.guard(async () => {
      const updated = await this.api.redeliver(d.id);
      this.items = this.items.map((item) => (item.id === d.id ? updated : item));
      this.notice = msg(str`${d.event} will be sent again in a moment.`, { id: 'console.webhooks.queued' });
    });
  }

  private readonly older = (): void => {
    void this.guard(async () => {
      const page = await this.api.deliveries(this.items.at(-1)?.id);
      this.items = [...this.items, ...page.items];
      this.more = page.items.length === 25;
    });
  };
}
customElements.define('ofio-webhooks-page', OfioWebhooksPage);
