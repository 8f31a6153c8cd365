import { localized } from '@lit/localize';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { unsafeSVG } from 'lit/directives/unsafe-svg.js';
import { cableUrlOf, subscribeSignOn } from '../../core/sign-on/cable-client.js';
import { qrSvg } from '../../core/sign-on/qr-code.js';
import { startWidgetLogin } from '../../core/sign-on/sign-on-client.js';
import { SignOnError, type SignOnErrorBody, type SignOnResult, type WidgetLogin } from '../../core/sign-on/sign-on-types.js';
import { applyLocale, directionOf, resolveLocale, type SupportedLocale } from '../../localization/localization.js';
import { flowStyles } from '../shared/flow.styles.js';
import { signOnStyles } from './faceio-sign-on.styles.js';
import { postProof } from './proof-form.js';
import { signOnText as t } from './sign-on.messages.js';

export type SignOnState = 'idle' | 'looking-up' | 'notification-sent' | 'waiting' | 'verified' | 'failed' | 'expired';

/** The verification token's life (the node's limit); the element shows `expired` after it. */
const VERIFICATION_TTL_MS = 10 * 60_000;

/**
 * Cross-device sign-on: the user names their account, the node sends a notification to their
 * phone (or, with no phone registered, this element shows a QR code any phone can scan), the phone
 * checks the face, and the verdict comes back here. Only a verified result is posted to
 * `form-action`, with a signed single-use proof the host's backend checks.
 *
 * @summary Sign in on this screen with a face check on the phone.
 *
 * @slot idle - Replaces the text above the account field.
 * @slot looking-up - Text while the account is looked up.
 * @slot notification-sent - Text once the phone was notified.
 * @slot waiting - Text next to the QR code (no phone registered).
 * @slot verified - Text after a verified face check.
 * @slot failed - Text after a failed face check or a refusal.
 * @slot expired - Text once the request expired (10 minutes).
 * @slot csrf - Hidden inputs posted with the proof (the host's CSRF field), e.g. Django's `{% csrf_token %}`.
 *
 * @event {CustomEvent} faceio-sign-on-state - `{state}`: every state change.
 * @event {CustomEvent} faceio-complete - `{result: {uid, proof, verified_at}}`: verified, before the form is posted; cancelable (`preventDefault()`: the host posts the proof itself).
 * @event {CustomEvent} faceio-error - `{code, message, user_message, retryable}`.
 *
 * @csspart base - The element's box.
 * @csspart heading - The heading.
 * @csspart status - The status line.
 * @csspart qr - The QR code.
 * @csspart primary-button - Submit and retry.
 */
@localized()
export class FaceioSignOn extends LitElement {
  static override styles = [flowStyles, signOnStyles];

  /** The processing node's URL. */
  @property() node = '';
  /** The short-lived, single-use start token the host's backend got from `POST …/login/start` (never the site's JWT). */
  @property({ attribute: 'start-token' }) startToken = '';
  /** Where the verified proof is posted (field `faceio_proof`); nothing is posted without a verified result. */
  @property({ attribute: 'form-action' }) formAction = '';
  /** Name of the host's CSRF field posted with the proof (`authenticity_token`, `csrfmiddlewaretoken`, `_token`). */
  @property({ attribute: 'csrf-field' }) csrfField = '';
  /** Value of that CSRF field. */
  @property({ attribute: 'csrf-token' }) csrfToken = '';
  /** What the user types to name their account. */
  @property() lookup: 'email' | 'uid' = 'email';
  /** `auto` or a language code. */
  @property() locale = 'auto';

  /** The current state. */
  @state() state: SignOnState = 'idle';
  @state() private qr = '';
  @state() private error: SignOnErrorBody | null = null;
  private activeLocale: SupportedLocale = 'en';
  private unsubscribe: (() => void) | null = null;
  private expiry: ReturnType<typeof setTimeout> | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale')) {
      this.activeLocale = resolveLocale(this.locale);
      void applyLocale(this.activeLocale);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop();
  }

  override render() {
    return html`<section class="base" part="base" lang=${this.activeLocale} dir=${directionOf(this.activeLocale)}>
      <h2 class="heading" part="heading" tabindex="-1">${t.heading()}</h2>
      ${this.state === 'idle' ? this.renderForm() : this.renderProgress()}
      <p class="visually-hidden" role="status" aria-live="polite">${this.state === 'failed' ? '' : this.statusText()}</p>
    </section>`;
  }

  private renderForm() {
    const label = this.lookup === 'email' ? t.labelEmail() : t.labelUid();
    return html`<slot name="idle"></slot>
      <form @submit=${this.onSubmit}>
        <label
          >${label}<input
            name="account"
            required
            type=${this.lookup === 'email' ? 'email' : 'text'}
            autocomplete=${this.lookup === 'email' ? 'email' : 'username'}
        /></label>
        <button class="primary" part="primary-button" type="submit">${t.submit()}</button>
      </form>`;
  }

  private renderProgress() {
    const failed = this.state === 'failed';
    return html`<p class="status ${failed ? 'error' : ''}" part="status" role=${failed ? 'alert' : nothing} data-code=${this.error?.code ?? nothing}>
        <slot name=${this.state}>${this.statusText()}</slot>
      </p>
      ${this.state === 'waiting' && this.qr ? html`<div class="qr" part="qr" role="img" aria-label=${t.qr()}>${unsafeSVG(this.qr)}</div>` : nothing}
      ${
        failed || this.state === 'expired'
          ? html`<div class="actions"><button class="primary" part="primary-button" type="button" @click=${this.reset}>${t.retry()}</button></div>`
          : nothing
      }`;
  }

  private statusText(): string {
    switch (this.state) {
      case 'looking-up':
        return t.lookingUp();
      case 'notification-sent':
        return t.notificationSent();
      case 'waiting':
        return t.waiting();
      case 'verified':
        return t.verified();
      case 'failed':
        return this.error?.user_message ?? t.failed();
      case 'expired':
        return t.expired();
      default:
        return '';
    }
  }

  private readonly onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    const account = String(new FormData(event.target as HTMLFormElement).get('account') ?? '').trim();
    if (account) void this.begin(account);
  };

  private readonly reset = (): void => {
    this.stop();
    this.error = null;
    this.qr = '';
    this.go('idle');
  };

  private async begin(account: string): Promise<void> {
    this.go('looking-up');
    let login: WidgetLogin;
    try {
      login = await startWidgetLogin(this.node, {
        start_token: this.startToken,
        ...(this.lookup === 'email' ? { email: account } : { id: account }),
      });
    } catch (error) {
      return this.fail(
        error instanceof SignOnError ? error.toJSON() : { code: 9, message: String(error), user_message: t.failed(), retryable: true },
      );
    }
    // The element may have been removed or reset while the node answered: then nothing more happens.
    if (!this.isConnected || this.state !== 'looking-up') return;
    if (!login.device) {
      try {
        this.qr = await qrSvg(login.verify_url);
      } catch (error) {
        return this.fail({ code: 12, message: `the QR code could not be drawn: ${String(error)}`, user_message: t.failed(), retryable: true });
      }
      if (!this.isConnected || this.state !== 'looking-up') return;
    }
    this.go(login.device ? 'notification-sent' : 'waiting');
    this.expiry = setTimeout(() => this.go('expired'), VERIFICATION_TTL_MS);
    this.unsubscribe = subscribeSignOn(
      cableUrlOf(this.node),
      { verification_token: login.verification_token, subscription_secret: login.subscription_secret },
      {
        confirmed: () => undefined,
        rejected: () => this.fail({ code: 1006, message: 'the node refused the channel subscription', user_message: t.failed(), retryable: true }),
        closed: () =>
          this.state === 'notification-sent' || this.state === 'waiting'
            ? this.fail({ code: 7, message: 'the channel closed', user_message: t.failed(), retryable: true })
            : undefined,
        result: (result) => this.onResult(result),
      },
    );
  }

  private onResult(result: SignOnResult): void {
    this.stop();
    if (result.status === 'expired') return this.go('expired');
    if (result.status !== 'verified') {
      const failed = result as Partial<Extract<SignOnResult, { status: 'failed' }>>;
      return this.fail({
        code: failed.code ?? 9,
        message: failed.message ?? 'the node sent an unknown result',
        user_message: failed.user_message ?? t.failed(),
        retryable: true,
      });
    }
    this.go('verified');
    const proceed = this.dispatchEvent(
      new CustomEvent('faceio-complete', {
        bubbles: true,
        composed: true,
        cancelable: true,
        detail: { result: { uid: result.uid, proof: result.proof, verified_at: result.verified_at } },
      }),
    );
    // The host's backend verifies the proof; a host that cancelled the event posts it itself.
    if (proceed && this.formAction) {
      const inputs = this.querySelectorAll<HTMLInputElement>(':scope > input[slot="csrf"]');
      postProof(this.formAction, result.proof, { field: this.csrfField, token: this.csrfToken, inputs });
    }
  }

  private fail(error: SignOnErrorBody): void {
    this.stop();
    this.error = error;
    this.go('failed');
    this.dispatchEvent(new CustomEvent('faceio-error', { bubbles: true, composed: true, detail: error }));
  }

  private go(next: SignOnState): void {
    if (next === this.state) return;
    if (next === 'expired') this.stop();
    this.state = next;
    this.dispatchEvent(new CustomEvent('faceio-sign-on-state', { bubbles: true, composed: true, detail: { state: next } }));
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(next === 'idle' ? 'input' : '.heading')?.focus());
  }

  private stop(): void {
    clearTimeout(this.expiry);
    this.unsubscribe?.();
    this.unsubscribe = null;
  }
}
