import { localized, msg, str } from '@lit/localize';
import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiError, operatorApi, type AppSummary, type CreatedApp, type Session } from '../api.js';
import { errorText, formatNumber } from '../page-kit.js';
import '../parts/secret-field.js';
import { pageStyles, tokens } from '../styles.js';
import { originProblem } from './settings-kit.js';
import { statusLabel } from './settings-page.js';

/** The operator's view: every application, and creating one (its keys shown once). */
@localized()
export class OfioAppsPage extends LitElement {
  static override styles = [tokens, pageStyles];

  @property({ attribute: false }) session!: Session;
  @state() private apps: AppSummary[] | null = null;
  @state() private created: CreatedApp | null = null;
  @state() private error = '';
  @state() private originsError = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.apps = (await operatorApi(this.session).apps()).items;
    } catch (error) {
      this.fail(error);
    }
  }

  private fail(error: unknown): void {
    if (error instanceof ApiError && error.status === 401) this.dispatchEvent(new Event('session-expired', { bubbles: true, composed: true }));
    this.error = errorText(error);
  }

  override render() {
    return html`<div class="stack">
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${
        this.created
          ? html`<section class="card" role="status">
              <p class="ok">
                ${msg(str`${this.created.name} is created. Copy its keys now: they are not shown again.`, { id: 'console.apps.created' })}
              </p>
              <ofio-secret-field label=${msg('Public ID', { id: 'console.keys.public-id' })} value=${this.created.publicId}></ofio-secret-field>
              <ofio-secret-field label=${msg('API key', { id: 'console.keys.api-key' })} value=${this.created.apiKey}></ofio-secret-field>
              <ofio-secret-field label=${msg('Secret', { id: 'console.keys.secret' })} value=${this.created.secret}></ofio-secret-field>
              <ofio-secret-field
                label=${msg('Webhook secret', { id: 'console.keys.webhook' })}
                value=${this.created.webhookSecret}
              ></ofio-secret-field>
            </section>`
          : nothing
      }
      <section class="stack" aria-labelledby="list">
        <h2 id="list">${msg('On this node', { id: 'console.apps.on-node' })}</h2>
        ${
          this.apps === null
            ? html`<p class="muted">${msg('Loading…', { id: 'console.loading' })}</p>`
            : html`<ul class="items">
                ${this.apps.map(
                  (app) =>
                    html`<li>
                      <div class="row spread">
                        <a href="#/app/${app.publicId}/overview"><strong>${app.name}</strong></a>
                        <span class="badge ${app.status === 'active' ? 'good' : app.status === 'paused' ? 'warn' : 'bad'}"
                          >${statusLabel(app.status)}</span
                        >
                      </div>
                      <span class="mono">${app.publicId}</span>
                      <span class="small muted"
                        >${msg(str`${formatNumber(app.facialIds)} facial IDs`, { id: 'console.apps.facial-ids' })} ·
                        ${app.origins.join(', ') || msg('any origin', { id: 'console.apps.any-origin' })}</span
                      >
                    </li>`,
                )}
              </ul>`
        }
      </section>
      <form class="card" @submit=${this.create}>
        <h2>${msg('Create an application', { id: 'console.apps.create' })}</h2>
        <div class="field">
          <label for="name">${msg('Name', { id: 'console.settings.name' })}</label>
          <input id="name" name="name" required maxlength="100" />
        </div>
        <div class="field">
          <label for="origins">${msg('Allowed origins, one per line', { id: 'console.apps.origins' })}</label>
          <textarea
            id="origins"
            name="origins"
            rows="3"
            spellcheck="false"
            placeholder="https://shop.example"
            aria-invalid=${this.originsError ? 'true' : 'false'}
            aria-describedby="origins-error"
          ></textarea>
          <span class="small error" id="origins-error">${this.originsError}</span>
        </div>
        <div><button class="primary" type="submit">${msg('Create', { id: 'console.apps.create-button' })}</button></div>
      </form>
    </div>`;
  }

  private readonly create = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const origins = String(data.get('origins') ?? '')
      .split(/[\s,]+/)
      .map((o) => o.trim())
      .filter(Boolean);
    const bad = origins.find((o) => originProblem(o) !== null);
    this.originsError = bad ? `${bad}: ${originProblem(bad)}` : '';
    if (bad) return void form.querySelector<HTMLTextAreaElement>('#origins')?.focus();
    this.error = '';
    try {
      this.created = await operatorApi(this.session).createApp(String(data.get('name')).trim(), origins);
      form.reset();
      await this.load();
      // The keys are shown once, at the top: take the user there.
      await this.updateComplete;
      this.renderRoot.querySelector('ofio-secret-field')?.scrollIntoView({ block: 'center' });
    } catch (error) {
      this.fail(error);
    }
  };
}
customElements.define('ofio-apps-page', OfioAppsPage);
