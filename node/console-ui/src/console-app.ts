// <ofio-console>: the shell — the session (a cookie the browser holds; the CSRF token in memory),
// the hash route (#/apps, #/app/<publicId>/<page>), the header with the language menu and
// sign-out, the application's navigation, and one page at a time. Focus moves to each page's
// heading; the page's title says where you are.
import { localized, msg } from '@lit/localize';
import { LitElement, css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { AppApi, currentSession, signOut, type Session } from './api.js';
import { consoleLocales, getLocale, initialLocale, LANGUAGE_NAMES, useLocale, type ConsoleLocale } from './localization.js';
import type { OfioConfirm } from './parts/confirm-dialog.js';
import { PAGES, parseRoute, type AppPageName, type Route } from './routes.js';
import { pageStyles, tokens } from './styles.js';

@localized()
export class OfioConsole extends LitElement {
  static override styles = [
    tokens,
    pageStyles,
    css`
      :host {
        display: block;
        min-block-size: 100vh;
        background: var(--ofio-page);
      }
      header {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 0.5rem 1rem;
        padding: 0.5rem 1rem;
        background: var(--ofio-surface);
        border-block-end: 1px solid var(--ofio-line);
      }
      .brand {
        display: flex;
        align-items: center;
        gap: 0.5rem;
        font-weight: 600;
        color: var(--ofio-text);
        text-decoration: none;
      }
      .brand img {
        inline-size: 28px;
        block-size: 28px;
      }
      .tools {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem;
      }
      main {
        box-sizing: border-box;
        max-inline-size: 72rem;
        margin: 0 auto;
        padding: 1rem;
        display: grid;
        gap: 1rem;
      }
      nav ul {
        display: flex;
        flex-wrap: wrap;
        gap: 0.375rem;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      nav a {
        display: inline-flex;
        align-items: center;
        min-block-size: 40px;
        padding: 0 0.875rem;
        border-radius: 999px;
        border: 1px solid var(--ofio-line);
        background: var(--ofio-surface);
        color: var(--ofio-text);
        text-decoration: none;
      }
      nav a[aria-current='page'] {
        border-color: var(--ofio-accent);
        background: var(--ofio-accent);
        color: var(--ofio-accent-contrast);
      }
      .skip {
        position: absolute;
        inset-inline-start: 0.5rem;
        inset-block-start: -3rem;
        padding: 0.5rem 1rem;
        background: var(--ofio-surface);
        z-index: 1;
      }
      .skip:focus {
        inset-block-start: 0.5rem;
      }
      .title {
        display: grid;
        gap: 0.25rem;
      }
    `,
  ];

  @state() private session: Session | null | undefined = undefined;
  @state() private route: Route = parseRoute(location.hash);
  @state() private appName = '';
  private api: AppApi | null = null;
  /** One confirmation dialog for every page. */
  private readonly confirmDialog = document.createElement('ofio-confirm') as OfioConfirm;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHash);
    this.addEventListener('session-expired', () => (this.session = null));
    void useLocale(initialLocale()).then(async () => {
      this.session = await currentSession().catch(() => null);
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHash);
  }

  override render() {
    return html`<a class="skip" href="#main" @click=${this.skip}>${msg('Skip to the content', { id: 'console.skip' })}</a>
      <header>
        <a class="brand" href="#/"><img src="/favicon.svg" alt="" />${msg('openfaceio console', { id: 'console.brand' })}</a>
        <div class="tools">
          <label class="row"
            ><span>${msg('Language', { id: 'console.language' })}</span>
            <select @change=${this.setLanguage}>
              ${consoleLocales.map((code) => html`<option value=${code} lang=${code} ?selected=${code === getLocale()}>${LANGUAGE_NAMES[code]}</option>`)}
            </select></label
          >
          ${this.session ? html`<button type="button" @click=${this.signOut}>${msg('Sign out', { id: 'console.signout' })}</button>` : nothing}
        </div>
      </header>
      ${this.body()} ${this.confirmDialog}`;
  }

  private body() {
    if (this.session === undefined) return html`<main id="main"><p class="muted">${msg('Loading…', { id: 'console.loading' })}</p></main>`;
    if (this.session === null) return html`<main id="main"><ofio-sign-in-page @signed-in=${this.signedIn}></ofio-sign-in-page></main>`;
    const route = this.effectiveRoute(this.session);
    if (route.kind === 'apps')
      return html`<main id="main" tabindex="-1">
        <h1 tabindex="-1">${msg('Applications', { id: 'console.apps.title' })}</h1>
        <ofio-apps-page .session=${this.session}></ofio-apps-page>
      </main>`;
    const api = (this.api = this.api?.publicId === route.publicId ? this.api : new AppApi(this.session, route.publicId));
    const confirm = this.confirmDialog;
    return html`<main id="main" tabindex="-1">
      <div class="title">
        ${this.session.role === 'operator' ? html`<a href="#/apps">← ${msg('All applications', { id: 'console.apps.all' })}</a>` : nothing}
        <h1 tabindex="-1">${this.appName || route.publicId}</h1>
        <span class="mono muted">${route.publicId}</span>
      </div>
      <nav aria-label=${msg('Application', { id: 'console.settings.application' })}>
        <ul>
          ${PAGES.map(
            (page) =>
              html`<li><a href="#/app/${route.publicId}/${page}" aria-current=${page === route.page ? 'page' : 'false'}>${pageName(page)}</a></li>`,
          )}
        </ul>
      </nav>
      ${this.page(route.page, api, confirm)}
    </main>`;
  }

  private page(page: AppPageName, api: AppApi, confirm: OfioConfirm) {
    switch (page) {
      case 'overview':
        return html`<ofio-statistics-page .api=${api} .confirm=${confirm}></ofio-statistics-page>`;
      case 'settings':
        return html`<ofio-settings-page .api=${api} .confirm=${confirm} ?operator=${this.session?.role === 'operator'}></ofio-settings-page>`;
      case 'security':
        return html`<ofio-security-page .api=${api} .confirm=${confirm}></ofio-security-page>`;
      case 'keys':
        return html`<ofio-keys-page .api=${api} .confirm=${confirm}></ofio-keys-page>`;
      case 'facial-ids':
        return html`<ofio-facial-ids-page .api=${api} .confirm=${confirm}></ofio-facial-ids-page>`;
      case 'sign-on':
        return html`<ofio-sign-on-page .api=${api} .confirm=${confirm}></ofio-sign-on-page>`;
      case 'webhooks':
        return html`<ofio-webhooks-page .api=${api} .confirm=${confirm}></ofio-webhooks-page>`;
    }
  }

  /** An owner sees only their application; the operator starts at the list. */
  private effectiveRoute(session: Session): Route {
    if (session.role === 'app') {
      const own = session.app!.publicId;
      return this.route.kind === 'app' && this.route.publicId === own
        ? this.route
        : { kind: 'app', publicId: own, page: this.route.kind === 'app' ? this.route.page : 'overview' };
    }
    return this.route;
  }

  protected override updated(): void {
    const route = this.session ? this.effectiveRoute(this.session) : null;
    const title =
      route?.kind === 'app' ? `${pageName(route.page)} · ${this.appName || route.publicId}` : msg('openfaceio console', { id: 'console.brand' });
    document.title = title === msg('openfaceio console', { id: 'console.brand' }) ? title : `${title} · openfaceio`;
    if (route?.kind === 'app' && this.api && !this.appName)
      void this.api.info().then(
        (info) => (this.appName = info.name),
        () => undefined,
      );
  }

  private readonly onHash = (): void => {
    const next = parseRoute(location.hash);
    if (next.kind === 'app' && (this.route.kind !== 'app' || next.publicId !== this.route.publicId)) this.appName = '';
    this.route = next;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('main h1')?.focus());
  };

  private readonly signedIn = (event: CustomEvent<Session>): void => {
    this.session = event.detail;
    this.appName = event.detail.app?.name ?? '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('main h1')?.focus());
  };

  private readonly signOut = async (): Promise<void> => {
    await signOut().catch(() => undefined);
    this.session = null;
    this.api = null;
    this.appName = '';
    location.hash = '';
  };

  private readonly setLanguage = (event: Event): void => {
    void useLocale((event.target as HTMLSelectElement).value as ConsoleLocale, true);
  };

  private readonly skip = (event: Event): void => {
    event.preventDefault();
    this.renderRoot.querySelector<HTMLElement>('main')?.focus();
  };
}

export function pageName(page: AppPageName): string {
  return {
    overview: msg('Statistics', { id: 'console.stats.title' }),
    settings: msg('Settings', { id: 'console.nav.settings' }),
    security: msg('Security', { id: 'console.nav.security' }),
    keys: msg('Keys', { id: 'console.nav.keys' }),
    'facial-ids': msg('Facial IDs', { id: 'console.nav.facial-ids' }),
    'sign-on': msg('Sign-on users', { id: 'console.nav.sign-on' }),
    webhooks: msg('Webhooks', { id: 'console.nav.webhooks' }),
  }[page];
}

customElements.define('ofio-console', OfioConsole);
