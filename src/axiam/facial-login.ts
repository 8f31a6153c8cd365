// Axiam's embedded widget, as a drop-in: the node serves this file at /widget/facial-login.js (a
// classic script, as Axiam's is), and a page that did
//   <div id="axiam-facial-login"></div>
//   <script src="https://<node>/widget/facial-login.js"></script>
//   <script>AxiamFacialLogin.init({ authToken, formAction, … })</script>
// gets a "Sign in with your face" button opening <faceio-sign-on> in a dialog. The element comes from
// the node's SDK (<node>/sdk/openfaceio.js), imported when init() runs; this file is only the adapter.
import type {
  FaceioSignOnErrorDetail,
  FaceioSignOnStateChangeDetail,
  FaceioSignOnVerifiedDetail,
} from '../components/faceio-sign-on/events/index.js';
import type { FaceioSignOn } from '../faceio-sign-on.js';
import { WIDGET_CSS } from './axiam-styles.js';
import {
  BUTTON_TEXTS,
  TEXT_SLOTS,
  THEME_PROPERTIES,
  type AxiamError,
  type AxiamErrorContext,
  type AxiamOptions,
  type AxiamTheme,
  type AxiamVerifiedData,
} from './axiam-options.js';

/** Where this script came from: the node is one level up (…/widget/facial-login.js). Read while the script runs. */
const scriptUrl = (document.currentScript as HTMLScriptElement | null)?.src ?? location.href;
const NODE = new URL('..', new URL('.', scriptUrl)).href.replace(/\/+$/, '');

const contextOf = (code: number): AxiamErrorContext =>
  code === 1043 ? 'verification' : code === 1041 ? 'network' : code === 1042 ? 'config' : 'push_notification';
const PENDING = new Set(['looking-up', 'notification-sent', 'waiting']);

class FacialLoginWidget {
  readonly host: HTMLElement;
  private readonly dialog: HTMLDialogElement;
  private readonly element: FaceioSignOn;
  private readonly sdk: Promise<unknown>;
  private verified = false;
  /** The account of the attempt under way (the e-mail Axiam's form posts). */
  private account = '';

  constructor(private readonly options: AxiamOptions) {
    const found = typeof options.container === 'object' ? options.container : document.querySelector(options.container ?? '#axiam-facial-login');
    if (!(found instanceof HTMLElement))
      throw new Error(`AxiamFacialLogin: no container ${String(options.container ?? '#axiam-facial-login')} on the page`);
    this.host = found;
    const root = found.shadowRoot ?? found.attachShadow({ mode: 'open' });
    root.replaceChildren();
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(WIDGET_CSS);
    root.adoptedStyleSheets = [sheet];

    const language = (
      options.language && options.language !== 'auto' ? options.language : document.documentElement.lang || navigator.language || 'en'
    )
      .slice(0, 2)
      .toLowerCase();
    const [openText, closeText] = BUTTON_TEXTS[language] ?? BUTTON_TEXTS['en']!;
    const label = options.texts?.button ?? options.buttonText ?? openText;
    const open = Object.assign(document.createElement('button'), { type: 'button', className: 'open', textContent: label });
    open.setAttribute('part', 'button');
    this.dialog = document.createElement('dialog');
    this.dialog.setAttribute('aria-label', label);
    if (language === 'ar') this.dialog.dir = 'rtl';
    const close = Object.assign(document.createElement('button'), { type: 'button', className: 'close', textContent: '×' });
    close.setAttribute('aria-label', closeText);
    const bar = Object.assign(document.createElement('div'), { className: 'bar' });
    bar.append(close);

    this.element = document.createElement('faceio-sign-on') as FaceioSignOn;
    // On the container (the button, the dialog) and on the element itself, whose :host declares its defaults.
    const theme: AxiamTheme = { ...options, ...options.theme };
    for (const [option, property] of Object.entries(THEME_PROPERTIES)) {
      const value = theme[option as keyof AxiamTheme];
      if (value) for (const target of [found, this.element]) target.style.setProperty(property, value);
    }
    this.element.setAttribute('node', NODE);
    this.element.setAttribute('lookup', options.lookup ?? 'email');
    // Like the button: the host page's <html lang> first, then the browser's languages.
    this.element.setAttribute('locale', options.language && options.language !== 'auto' ? options.language : 'page');
    if (typeof options.authToken === 'function') this.element.startTokenProvider = options.authToken;
    else this.element.setAttribute('start-token', options.authToken ?? '');
    for (const [option, slot] of Object.entries(TEXT_SLOTS)) {
      const text = options.texts?.[option as keyof typeof TEXT_SLOTS];
      if (text) this.element.append(Object.assign(document.createElement('span'), { slot, textContent: text }));
    }
    this.dialog.append(bar, this.element);
    root.append(open, this.dialog);

    open.addEventListener('click', () => void this.open());
    close.addEventListener('click', () => this.dialog.close());
    this.dialog.addEventListener('close', () => this.closed());
    this.element.addEventListener('faceio-sign-on-state-change', (e) => this.onState(e.detail));
    this.element.addEventListener('faceio-sign-on-verified', (e) => {
      e.preventDefault(); // the adapter posts, with Axiam's fields
      this.onVerified(e.detail);
    });
    this.element.addEventListener('faceio-sign-on-error', (e) => this.onError(e.detail));

    if (typeof options.authToken === 'string' && /^[\w-]+\.[\w-]+\.[\w-]+$/.test(options.authToken)) {
      console.error(
        'AxiamFacialLogin: authToken is the site’s app token (a JWT). Never put it in a page: give the widget a start token from POST /api/v1/facial_sign_on/login/start.',
      );
    }
    this.sdk = import(/* @vite-ignore */ `${NODE}/sdk/openfaceio.js`).then(
      () => this.emit('ready', undefined, () => options.onReady?.()),
      (error: unknown) =>
        this.onError({
          code: 1042,
          name: 'WIDGET_MISCONFIGURED',
          message: '',
          detail: `the SDK could not be loaded from ${NODE}: ${String(error)}`,
          retryable: false,
        }),
    );
  }

  async open(): Promise<void> {
    await this.sdk;
    if (!this.dialog.open) this.dialog.showModal();
    await this.element.updateComplete;
    this.element.shadowRoot?.querySelector<HTMLElement>('input, .heading')?.focus();
  }

  destroy(): void {
    this.dialog.close();
    this.host.shadowRoot?.replaceChildren();
  }

  /** `axiam:<name>` on the container (bubbling), then the callback. */
  private emit(name: string, detail: unknown, callback: () => void): void {
    this.host.dispatchEvent(new CustomEvent(`axiam:${name}`, { bubbles: true, composed: true, detail }));
    try {
      callback();
    } catch (error) {
      console.error(`AxiamFacialLogin: the ${name} callback threw`, error);
    }
  }

  private onState({ state, previous, account }: FaceioSignOnStateChangeDetail): void {
    const o = this.options;
    if (state === 'looking-up') {
      this.account = account;
      const data = (o.lookup ?? 'email') === 'email' ? { email: account } : { id: account };
      this.emit('submit', data, () => o.onSubmit?.(data));
    } else if (state === 'notification-sent' || state === 'waiting') {
      const data = { device: state === 'notification-sent' };
      this.emit('pending', data, () => o.onPending?.(data));
    } else if (state === 'expired') this.emit('timeout', undefined, () => o.onTimeout?.());
    else if (state === 'idle' && PENDING.has(previous)) this.emit('cancel', undefined, () => o.onCancel?.());
  }

  private onVerified(detail: FaceioSignOnVerifiedDetail): void {
    this.verified = true;
    const o = this.options;
    const account = this.account;
    const data: AxiamVerifiedData = {
      ...((o.lookup ?? 'email') === 'email' ? { email: account } : {}),
      client_id: detail.uid,
      verified: true,
      signature: detail.proof,
      proof: detail.proof,
      timestamp: Math.floor(Date.parse(detail.verifiedAt) / 1000),
    };
    this.emit('verified', data, () => o.onVerified?.(data));
    if (o.autoSubmit === false) return this.emit('success', data, () => o.onSuccess?.(data));
    if (!o.formAction) return;
    this.emit('success', data, () => o.onSuccess?.(data));
    this.post(o.formAction, {
      faceio_proof: detail.proof,
      signature: detail.proof,
      client_id: detail.uid,
      verified: 'true',
      timestamp: String(data.timestamp),
      ...(data.email ? { email: data.email } : {}),
      ...(o.csrfToken ? { [o.csrfParam ?? 'authenticity_token']: o.csrfToken } : {}),
    });
  }

  private onError(detail: FaceioSignOnErrorDetail | (Omit<FaceioSignOnErrorDetail, 'code' | 'name'> & { code: number; name: string })): void {
    const o = this.options;
    const error: AxiamError = {
      code: detail.code,
      name: detail.name,
      message: detail.message,
      user_message: detail.message,
      detail: detail.detail,
      retryable: detail.retryable,
    };
    if (detail.code === 1043) this.emit('rejected', error, () => o.onRejected?.(error));
    const context = contextOf(detail.code);
    this.emit('error', { error, context }, () => o.onError?.(error, context));
  }

  private closed(): void {
    if (this.verified) return;
    const pending = PENDING.has(this.element.state);
    this.element.reset();
    if (pending) this.emit('cancel', undefined, () => this.options.onCancel?.());
  }

  /** A real form post, as Axiam's widget does: the browser navigates to `formAction`. */
  private post(action: string, fields: Record<string, string>): void {
    const form = Object.assign(document.createElement('form'), { method: 'POST', action, hidden: true });
    for (const [name, value] of Object.entries(fields)) form.append(Object.assign(document.createElement('input'), { type: 'hidden', name, value }));
    document.body.append(form);
    form.submit();
  }
}

let current: FacialLoginWidget | null = null;

const AxiamFacialLogin = {
  /** Renders the widget in its container (again: the previous one is replaced). */
  init(options: AxiamOptions): { open(): Promise<void>; destroy(): void } {
    current?.destroy();
    try {
      current = new FacialLoginWidget(options ?? ({} as AxiamOptions));
    } catch (error) {
      console.error(String(error));
      const detail = { code: 1042, name: 'WIDGET_MISCONFIGURED', message: '', user_message: '', detail: String(error), retryable: false };
      options?.onError?.(detail, 'config');
      current = null;
      return { open: async () => undefined, destroy: () => undefined };
    }
    const widget = current;
    return { open: () => widget.open(), destroy: () => widget.destroy() };
  },
  /** Opens the sign-in dialog (as the button does). */
  open: (): Promise<void> => current?.open() ?? Promise.resolve(),
  destroy(): void {
    current?.destroy();
    current = null;
  },
};

(globalThis as unknown as { AxiamFacialLogin: typeof AxiamFacialLogin }).AxiamFacialLogin = AxiamFacialLogin;
