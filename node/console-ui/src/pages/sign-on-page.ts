import { localized, msg, str } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { SignOnUser, SignOnUserDetail } from '../api.js';
import { AppPage, formatDate, pageHead } from '../page-kit.js';

/** Cross-device sign-on users: search, their phones, lifting a lock, removing a phone or the user. */
@localized()
export class OfioSignOnPage extends AppPage {
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
    `,
  ];

  @state() private items: SignOnUser[] = [];
  @state() private next: string | null = null;
  @state() private query = '';
  @state() private details = new Map<string, SignOnUserDetail>();
  @state() private notice = '';

  protected async load(): Promise<void> {
    const page = await this.api.signOnUsers(this.query);
    this.items = page.items;
    this.next = page.next;
    this.details = new Map();
  }

  override render() {
    return html`<div class="stack">
      ${pageHead(msg('Sign-on users', { id: 'console.nav.sign-on' }), this.notice, this.error)}
      <p class="small muted">
        ${msg('People who sign in on a computer with a face check on their phone. Your backend creates them (POST users).', { id: 'console.signon.intro' })}
      </p>
      <form class="search" role="search" @submit=${this.search}>
        <label class="visually-hidden" for="q">${msg('Search sign-on users', { id: 'console.signon.search-label' })}</label>
        <input
          id="q"
          name="q"
          type="search"
          .value=${this.query}
          placeholder=${msg('User ID or e-mail', { id: 'console.signon.search-placeholder' })}
        />
        <button type="submit">${msg('Search', { id: 'console.search' })}</button>
      </form>
      ${
        this.loading
          ? html`<p class="muted">${msg('Loading…', { id: 'console.loading' })}</p>`
          : this.items.length === 0
            ? html`<p class="muted">${msg('No sign-on user yet.', { id: 'console.signon.none' })}</p>`
            : html`<ul class="items">
                ${this.items.map((user) => this.user(user))}
              </ul>`
      }
      ${this.next ? html`<div><button type="button" @click=${this.more}>${msg('Show more', { id: 'console.more' })}</button></div>` : nothing}
    </div>`;
  }

  private lockBadge(user: SignOnUser) {
    if (user.lock.permanent) return html`<span class="badge bad">${msg('Locked', { id: 'console.signon.locked' })}</span>`;
    if (user.lock.lockedUntil && Date.parse(user.lock.lockedUntil) > Date.now())
      return html`<span class="badge warn"
        >${msg(str`Locked until ${formatDate(user.lock.lockedUntil)}`, { id: 'console.signon.locked-until' })}</span
      >`;
    return nothing;
  }

  private user(user: SignOnUser) {
    const detail = this.details.get(user.uid);
    return html`<li>
      <details @toggle=${(e: Event) => (e.target as HTMLDetailsElement).open && this.open(user.uid)}>
        <summary>
          <span class="mono">${user.uid}</span>
          ${user.email ? html`<span class="small muted">${user.email}</span>` : nothing}
          <span class="small">${msg(str`Phones: ${user.devices}`, { id: 'console.signon.phones' })}</span>
          ${this.lockBadge(user)}
        </summary>
        <div class="stack" style="margin-block-start: 0.75rem">
          <dl>
            <dt>${msg('Facial ID', { id: 'console.signon.facial-id' })}</dt>
            <dd class="mono">${user.facialId ?? msg('None linked yet', { id: 'console.signon.no-facial-id' })}</dd>
            <dt>${msg('Created', { id: 'console.signon.created' })}</dt>
            <dd>${formatDate(user.createdAt)}</dd>
            <dt>${msg('Failed sign-ins', { id: 'console.signon.failures' })}</dt>
            <dd>${user.lock.failures}</dd>
          </dl>
          <div class="field">
            <span class="label">${msg('Phones', { id: 'console.signon.devices' })}</span>
            ${
              !detail
                ? html`<p class="muted small">${msg('Loading…', { id: 'console.loading' })}</p>`
                : detail.deviceList.length === 0
                  ? html`<p class="small muted">${msg('No phone registered.', { id: 'console.signon.no-devices' })}</p>`
                  : html`<ul class="items">
                      ${detail.deviceList.map(
                        (device) =>
                          html`<li>
                            <div class="row spread">
                              <span
                                >${device.pushService}
                                <span class="small muted"
                                  >· ${msg(str`registered ${formatDate(device.createdAt)}`, { id: 'console.signon.registered' })}</span
                                ></span
                              >
                              <button type="button" class="danger" @click=${() => this.removeDevice(user, device.id)}>
                                ${msg('Remove this phone', { id: 'console.signon.remove-device' })}
                              </button>
                            </div>
                          </li>`,
                      )}
                    </ul>`
            }
          </div>
          <div class="row">
            ${
              user.lock.failures > 0 || user.lock.permanent || user.lock.lockedUntil
                ? html`<button type="button" @click=${() => this.unlock(user)}>${msg('Lift the lock', { id: 'console.signon.unlock' })}</button>`
                : nothing
            }
            <button type="button" class="danger" @click=${() => this.deleteUser(user)}>
              ${msg('Delete this user', { id: 'console.signon.delete' })}
            </button>
          </div>
        </div>
      </details>
    </li>`;
  }

  private open(uid: string): void {
    if (this.details.has(uid)) return;
    void this.guard(async () => {
      const detail = await this.api.signOnUser(uid);
      this.details = new Map(this.details).set(uid, detail);
    });
  }

  private readonly search = (event: SubmitEvent): void => {
    event.preventDefault();
    this.query = String(new FormData(event.target as HTMLFormElement).get('q') ?? '').trim();
    this.notice = '';
    void this.guard(() => this.load());
  };

  private readonly more = (): void => {
    void this.guard(async () => {
      const page = await this.api.signOnUsers(this.query, this.next ?? undefined);
      this.items = [...this.items, ...page.items];
      this.next = page.next;
    });
  };

  private async refresh(uid: string, notice: string): Promise<void> {
    const detail = await this.api.signOnUser(uid);
    this.details = new Map(this.details).set(uid, detail);
    this.items = this.items.map((u) => (u.uid === uid ? detail : u));
    this.notice = notice;
  }

  private async removeDevice(user: SignOnUser, deviceId: string): Promise<void> {
    const yes = await this.confirm.ask(
      msg(str`Remove this phone? ${user.uid} will get no more sign-in requests on it.`, { id: 'console.signon.remove-device-confirm' }),
      msg('Remove this phone', { id: 'console.signon.remove-device' }),
    );
    if (yes)
      await this.guard(
        async () => (await this.api.removeDevice(user.uid, deviceId), await this.refresh(user.uid, msg('Removed.', { id: 'console.removed' }))),
      );
  }

  private unlock(user: SignOnUser): void {
    void this.guard(
      async () => (await this.api.unlockUser(user.uid), await this.refresh(user.uid, msg('The lock was lifted.', { id: 'console.signon.unlocked' }))),
    );
  }

  private async deleteUser(user: SignOnUser): Promise<void> {
    const yes = await this.confirm.ask(
      msg(str`Delete sign-on user ${user.uid} and their phones? Their facial ID stays.`, { id: 'console.signon.delete-confirm' }),
      msg('Delete', { id: 'console.delete' }),
    );
    if (!yes) return;
    await this.guard(async () => {
      await this.api.deleteUser(user.uid);
      this.items = this.items.filter((u) => u.uid !== user.uid);
      this.notice = msg('Deleted.', { id: 'console.deleted' });
    });
  }
}
customElements.define('ofio-sign-on-page', OfioSignOnPage);
