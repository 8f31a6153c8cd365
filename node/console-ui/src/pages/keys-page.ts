import { localized, msg } from '@lit/localize';
import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { AppPage, pageHead } from '../page-kit.js';
import '../parts/secret-field.js';

/** The public ID, and new API keys or a new webhook secret (shown once: only hashes are kept). */
@localized()
export class OfioKeysPage extends AppPage {
  @state() private keys: { apiKey: string; secret: string } | null = null;
  @state() private webhookSecret = '';

  protected async load(): Promise<void> {
    this.keys = null;
    this.webhookSecret = '';
  }

  override render() {
    return html`<div class="stack">
      ${pageHead(msg('Keys', { id: 'console.nav.keys' }), '', this.error)}
      <section class="card">
        <h3>${msg('Public ID', { id: 'console.keys.public-id' })}</h3>
        <p class="small muted">
          ${msg('Goes in your pages: public-id on the elements, new FaceIO(publicId).', { id: 'console.keys.public-id-hint' })}
        </p>
        <ofio-secret-field label=${msg('Public ID', { id: 'console.keys.public-id' })} value=${this.api.publicId}></ofio-secret-field>
      </section>
      <section class="card">
        <h3>${msg('API key and secret', { id: 'console.keys.api' })}</h3>
        <p class="small muted">
          ${msg('For your backend and this console. New ones replace the old ones at once: update your backend first.', { id: 'console.keys.api-hint' })}
        </p>
        ${
          this.keys
            ? html`<p class="ok" role="status">${msg('New keys: copy them now, they are not shown again.', { id: 'console.keys.shown-once' })}</p>
                <ofio-secret-field label=${msg('API key', { id: 'console.keys.api-key' })} value=${this.keys.apiKey}></ofio-secret-field>
                <ofio-secret-field label=${msg('Secret', { id: 'console.keys.secret' })} value=${this.keys.secret}></ofio-secret-field>`
            : nothing
        }
        <div>
          <button class="danger" type="button" @click=${this.rotateKeys}>${msg('New API key and secret', { id: 'console.keys.rotate' })}</button>
        </div>
      </section>
      <section class="card">
        <h3>${msg('Webhook secret', { id: 'console.keys.webhook' })}</h3>
        <p class="small muted">
          ${msg('Signs every webhook (openfaceio-signature). A new one signs from now on.', { id: 'console.keys.webhook-hint' })}
        </p>
        ${
          this.webhookSecret
            ? html`<p class="ok" role="status">${msg('New secret: copy it now, it is not shown again.', { id: 'console.keys.secret-shown-once' })}</p>
                <ofio-secret-field label=${msg('Webhook secret', { id: 'console.keys.webhook' })} value=${this.webhookSecret}></ofio-secret-field>`
            : nothing
        }
        <div>
          <button class="danger" type="button" @click=${this.rotateWebhook}>
            ${msg('New webhook secret', { id: 'console.keys.rotate-webhook' })}
          </button>
        </div>
      </section>
    </div>`;
  }

  private readonly rotateKeys = async (): Promise<void> => {
    const yes = await this.confirm.ask(
      msg('The current API key and secret stop working at once. Continue?', { id: 'console.keys.rotate-confirm' }),
      msg('New API key and secret', { id: 'console.keys.rotate' }),
    );
    if (yes) await this.guard(async () => void (this.keys = await this.api.rotateKeys()));
  };

  private readonly rotateWebhook = async (): Promise<void> => {
    const yes = await this.confirm.ask(
      msg('Your webhook receiver must use the new secret from now on. Continue?', { id: 'console.keys.rotate-webhook-confirm' }),
      msg('New webhook secret', { id: 'console.keys.rotate-webhook' }),
    );
    if (yes) await this.guard(async () => void (this.webhookSecret = (await this.api.rotateWebhookSecret()).webhookSecret));
  };
}
customElements.define('ofio-keys-page', OfioKeysPage);
