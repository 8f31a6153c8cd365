import { localized } from '@lit/localize';
import { LitElement, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { MachineController } from '../../controllers/machine.controller.js';
import { createSignOnActors } from '../../core/sign-on/sign-on.actors.js';
import { connectSignOn, type SignOnApi } from '../../core/sign-on/sign-on.connect.js';
import { signOnMachine, stateOf, type SignOnMachine, type SignOnSnapshot } from '../../core/sign-on/sign-on.machine.js';
import type { SignOnLookup, SignOnState } from '../../core/sign-on/sign-on.types.js';
import { applyLocale, directionOf, resolveLocale, type SupportedLocale } from '../../localization/localization.js';
import { SIGN_ON_CODES, type SignOnCodeName } from '../../protocol/index.js';
import { flowStyles } from '../shared/flow.styles.js';
import { FaceioSignOnErrorEvent, FaceioSignOnStateChangeEvent, FaceioSignOnVerifiedEvent } from './events/index.js';
import { signOnStyles } from './faceio-sign-on.styles.js';
import { postProof } from './proof-form.js';
import { errorTextOf, headingOf, labelOf, statusOf } from './sign-on.messages.js';
import { SIGN_ON_VIEWS, type SignOnKit } from './views/index.js';

export type { SignOnState };
type SignOnActors = ReturnType<typeof createSignOnActors>;

const nameOf = (code: number): SignOnCodeName =>
  (Object.keys(SIGN_ON_CODES) as SignOnCodeName[]).find((name) => SIGN_ON_CODES[name] === code) ?? 'BAD_REQUEST';

/**
 * Cross-device sign-on: the user names their account, the node sends a notification to their
 * phone (or, with no phone registered, this element shows a QR code any phone can scan), the phone
 * checks the face, and the verdict comes back here. Only a verified result is posted to
 * `form-action`, with a signed single-use proof the host's backend checks.
 *
 * @summary Sign in on this screen with a face check on the phone.
 *
 * @slot idle - Replaces the line above the account field.
 * @slot looking-up - Text while the account is looked up.
 * @slot notification-sent - Text once the phone was notified.
 * @slot waiting - Text next to the QR code (no phone registered).
 * @slot verified - Text after a verified face check.
 * @slot failed - Text after a failed face check or a refusal.
 * @slot expired - Text once the request expired (10 minutes).
 * @slot csrf - Hidden inputs posted with the proof (the host's CSRF field), e.g. Django's `{% csrf_token %}`.
 *
 * @event {FaceioSignOnStateChangeEvent} faceio-sign-on-state-change - `{state, previous, account}`: every state change.
 * @event {FaceioSignOnVerifiedEvent} faceio-sign-on-verified - `{uid, proof, verifiedAt}`: verified, before the proof is posted (cancelable: `preventDefault()` keeps it from posting).
 * @event {FaceioSignOnErrorEvent} faceio-sign-on-error - `{code, name, message, detail, retryable, faceCode?, lock?}`: the attempt ended without a verified result (codes of the sign-on contract).
 *
 * @csspart base - The element's box.
 * @csspart heading - The heading.
 * @csspart status - The status line.
 * @csspart form - The account form.
 * @csspart label - The account field's label.
 * @csspart input - The account field.
 * @csspart qr - The QR code.
 * @csspart link - The "open on this device" link next to the QR code.
 * @csspart spinner - The activity indicator.
 * @csspart primary-button - Submit and Start again.
 * @csspart secondary-button - Cancel.
 *
 * @cssproperty [--faceio-accent=#1f5eff] - Buttons, links and focus rings.
 * @cssproperty [--faceio-surface=#ffffff] - The background.
 * @cssproperty [--faceio-text=#1b1b1f] - The text.
 * @cssproperty [--faceio-error=#b3261e] - Failure texts.
 * @cssproperty [--faceio-radius=12px] - Corner radius.
 * @cssproperty [--faceio-max-width=28rem] - The element's widest.
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
  @property() lookup: SignOnLookup = 'email';
  /** `auto` or a language code. */
  @property() locale = 'auto';
  /** The account in the field: set it to fill the field; it follows what the user types. */
  @property() account = '';
  /** Called for each attempt's start token instead of reading `start-token` (a host that fetches a fresh one per attempt). */
  @property({ attribute: false }) startTokenProvider: (() => Promise<string>) | undefined;
  /** Replacement actors for tests and stories (a fake node and channel). */
  @property({ attribute: false }) actors: Partial<SignOnActors> | undefined;

  private activeLocale: SupportedLocale = 'en';
  /** Focus follows the states once the user is in the element (never stolen on page load). */
  private focusFollows = false;
  private readonly machine = new MachineController<SignOnMachine, SignOnApi>(this, {
    machine: () => signOnMachine.provide({ actors: { ...createSignOnActors({ startToken: () => this.nextStartToken() }), ...this.actors } }),
    input: () => ({ node: this.node, lookup: this.lookup }),
    connect: connectSignOn,
    onSnapshot: (snapshot, previous) => this.announce(snapshot, previous),
  });

  /** The current state. */
  get state(): SignOnState {
    return this.machine.snapshot ? stateOf(this.machine.snapshot) : 'idle';
  }

  /** Back to the account form (an attempt under way is abandoned: the channel closes). */
  reset(): void {
    this.machine.restart();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale')) {
      this.activeLocale = resolveLocale(this.locale);
      void applyLocale(this.activeLocale);
    }
    // The node and the lookup are the machine's input: a change at rest starts it afresh.
    if ((changed.has('node') && changed.get('node') !== undefined) || (changed.has('lookup') && changed.get('lookup') !== undefined)) {
      if (this.state === 'idle') this.machine.restart();
    }
  }

  override render() {
    const api = this.machine.api;
    if (!api) return html``;
    const status = statusOf(api.state, api.error);
    const kit: SignOnKit = {
      status,
      label: labelOf(api.lookup),
      account: this.account || api.account,
      onSubmit: this.onSubmit,
      onInput: this.onInput,
    };
    return html`<section class="base" part="base" data-state=${api.state} lang=${this.activeLocale} dir=${directionOf(this.activeLocale)}>
      <h2 class="heading" part="heading" tabindex="-1">${headingOf(api.state)}</h2>
      ${SIGN_ON_VIEWS[api.state](api, kit)}
      <p class="visually-hidden" role="status" aria-live="polite">${api.state === 'failed' || api.state === 'idle' ? '' : status}</p>
    </section>`;
  }

  private readonly onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    this.focusFollows = true;
    this.machine.api?.submit(String(new FormData(event.target as HTMLFormElement).get('account') ?? ''));
  };

  private readonly onInput = (event: InputEvent): void => {
    this.account = (event.target as HTMLInputElement).value;
  };

  private async nextStartToken(): Promise<string> {
    return this.startTokenProvider ? this.startTokenProvider() : this.startToken;
  }

  /** Events, focus and the proof's post for a new snapshot. */
  private announce(snapshot: SignOnSnapshot, previous: SignOnSnapshot | undefined): void {
    const state = stateOf(snapshot);
    const before = previous ? stateOf(previous) : 'idle';
    if (state === before) return;
    const { error, verified, account } = snapshot.context;
    this.dispatchEvent(new FaceioSignOnStateChangeEvent({ state, previous: before, account: state === 'idle' ? '' : account }));
    if (state === 'failed' && error) {
      this.dispatchEvent(
        new FaceioSignOnErrorEvent({
          code: error.code,
          name: nameOf(error.code),
          message: errorTextOf(error),
          detail: error.message,
          retryable: error.retryable,
          ...(error.faceCode !== undefined ? { faceCode: error.faceCode } : {}),
          ...(error.lock ? { lock: error.lock } : {}),
        }),
      );
    }
    if (state === 'verified' && verified) {
      // The host's backend verifies the proof; a host that cancelled the event posts it itself.
      const go = this.dispatchEvent(new FaceioSignOnVerifiedEvent({ ...verified }));
      if (go && this.formAction) {
        const inputs = this.querySelectorAll<HTMLInputElement>(':scope > input[slot="csrf"]');
        postProof(this.formAction, verified.proof, { field: this.csrfField, token: this.csrfToken, inputs });
      }
    }
    if (this.focusFollows || this.shadowRoot?.activeElement) {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(state === 'idle' ? 'input' : '.heading')?.focus());
    }
  }
}
