import { localized, msg } from '@lit/localize';
import { html } from 'lit';
import { property } from 'lit/decorators.js';
import type { AppInfo, AppSettings } from '../api.js';
import '../parts/list-editor.js';
import { names, normalizeOrigin, originProblem, SettingsPage } from './settings-kit.js';

const EVENTS = ['enroll', 'authenticate', 'deletion', 'failure'] as const;

/** The application: name, status, allowed origins, webhooks and data retention. */
@localized()
export class OfioSettingsPage extends SettingsPage {
  /** The operator may block an application. */
  @property({ type: Boolean }) operator = false;

  override render() {
    const info = this.info;
    if (!info) return html`<p class="muted">${this.error || msg('Loading…', { id: 'console.loading' })}</p>`;
    const s = info.settings;
    const eventLabels: Record<(typeof EVENTS)[number], string> = {
      enroll: msg('Enrollments', { id: 'console.stats.enrollments' }),
      authenticate: msg('Authentications', { id: 'console.stats.authentications' }),
      deletion: msg('Deletions', { id: 'console.settings.deletions' }),
      failure: msg('Failures', { id: 'console.stats.failures' }),
    };
    return html`<div class="stack">
      ${this.head(msg('Settings', { id: 'console.nav.settings' }))}
      <form class="card" @submit=${this.saveIdentity}>
        <h3>${msg('Application', { id: 'console.settings.application' })}</h3>
        <div class="field">
          <label for="name">${msg('Name', { id: 'console.settings.name' })}</label>
          <input id="name" name="name" required maxlength="100" .value=${info.name} />
        </div>
        <div class="field">
          <label for="status">${msg('Status', { id: 'console.settings.status' })}</label>
          <select id="status" name="status" aria-describedby="status-hint">
            ${(['active', 'paused', 'blocked'] as const).map(
              (status) =>
                html`<option value=${status} ?selected=${info.status === status} ?disabled=${status === 'blocked' && !this.operator}>
                  ${statusLabel(status)}
                </option>`,
            )}
          </select>
          <span class="small muted" id="status-hint"
            >${msg('Paused: the widgets are refused until you resume. Only the operator blocks an application.', { id: 'console.settings.status-hint' })}</span
          >
        </div>
        <div><button class="primary" type="submit">${msg('Save', { id: 'console.save' })}</button></div>
      </form>
      <section class="card">
        <h3>${msg('Allowed origins', { id: 'console.settings.origins' })}</h3>
        ${names('origins')}
        <ofio-list-editor
          label=${msg('Websites allowed to use the widgets', { id: 'console.settings.origins-label' })}
          hint=${msg('Scheme, host and port, as browsers send them in Origin.', { id: 'console.settings.origins-hint' })}
          placeholder="https://shop.example"
          empty=${msg('None: any website may use the widgets. Add your site’s origin.', { id: 'console.settings.origins-empty' })}
          .items=${info.origins}
          .check=${originProblem}
          .normalizeValue=${normalizeOrigin}
          @items-change=${(e: CustomEvent<string[]>) => void this.saveApp({ origins: e.detail })}
        ></ofio-list-editor>
      </section>
      <form class="card" @submit=${this.saveWebhooks}>
        <h3>${msg('Webhooks', { id: 'console.nav.webhooks' })}</h3>
        ${names('webhookUrl')}
        <div class="field">
          <label for="webhook">${msg('Webhook URL', { id: 'console.settings.webhook-url' })}</label>
          <input
            id="webhook"
            name="webhookUrl"
            type="url"
            inputmode="url"
            placeholder="https://shop.example/hooks/faceio"
            .value=${s.webhookUrl ?? ''}
          />
          <span class="small muted"
            >${msg('Empty: no webhooks. Signed with the webhook secret (see Keys).', { id: 'console.settings.webhook-hint' })}</span
          >
        </div>
        <fieldset class="field">
          <legend class="label">${msg('Events sent', { id: 'console.settings.webhook-events' })}</legend>
          ${EVENTS.map(
            (event) =>
              html`<label class="row"
                ><input type="checkbox" name="events" value=${event} ?checked=${s.webhookEvents.includes(event)} />${eventLabels[event]}</label
              >`,
          )}
        </fieldset>
        <div><button class="primary" type="submit">${msg('Save', { id: 'console.save' })}</button></div>
      </form>
      <form class="card" @submit=${this.saveRetention}>
        <h3>${msg('Data', { id: 'console.settings.data' })}</h3>
        <div class="field">
          <label for="retention">${msg('Delete facial IDs not seen for (days)', { id: 'console.settings.retention' })}</label>
          <input id="retention" name="retentionDays" type="number" min="0" max="36500" step="1" required .value=${String(s.retentionDays)} />
          ${names('retentionDays')}
          <span class="small muted">${msg('0 keeps them until deleted.', { id: 'console.settings.retention-hint' })}</span>
        </div>
        <div><button class="primary" type="submit">${msg('Save', { id: 'console.save' })}</button></div>
      </form>
    </div>`;
  }

  private readonly saveIdentity = (event: SubmitEvent): void => {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    void this.saveApp({ name: String(form.get('name')).trim(), status: String(form.get('status')) as AppInfo['status'] });
  };

  private readonly saveWebhooks = (event: SubmitEvent): void => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const input = form.elements.namedItem('webhookUrl') as HTMLInputElement;
    if (!input.checkValidity()) return void input.reportValidity();
    const data = new FormData(form);
    void this.saveSettings({
      webhookUrl: String(data.get('webhookUrl')).trim() || null,
      webhookEvents: data.getAll('events').map(String) as AppSettings['webhookEvents'],
    });
  };

  private readonly saveRetention = (event: SubmitEvent): void => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    if (!form.reportValidity()) return;
    void this.saveSettings({ retentionDays: Number(new FormData(form).get('retentionDays')) });
  };
}

export const statusLabel = (status: AppInfo['status']): string =>
  ({
    active: msg('Active', { id: 'console.status.active' }),
    paused: msg('Paused', { id: 'console.status.paused' }),
    blocked: msg('Blocked', { id: 'console.status.blocked' }),
  })[status];

customElements.define('ofio-settings-page', OfioSettingsPage);
