import { localized } from '@lit/localize';
import { property } from 'lit/decorators.js';
import type { FlowInput, FlowOperation } from '../../core/flow/flow.types.js';
import { FaceioFlowElement } from '../shared/faceio-flow-element.js';
import { flowStyles } from '../shared/flow.styles.js';
import { challengeStyles } from '../shared/challenge.styles.js';
import { enrollStyles } from './faceio-enroll.styles.js';

/**
 * Enrolls a new user: camera permission, terms of use, a short introduction, the face scan and,
 * when the application asks for one, a PIN. Resolves into a facial ID stored by the processing node.
 *
 * @summary Face enrollment, fio.js `enroll()` as an element.
 *
 * @slot start - Label of the start button (default "Enroll with your face").
 * @slot permission - Text while the browser asks for the camera.
 * @slot terms - The terms of use the user accepts before the scan.
 * @slot intro - Text of the introduction shown before the scan.
 * @slot scan - Replaces the live guidance line during the scan (not a liveness challenge step's instruction).
 * @slot pin - Replaces the PIN instructions.
 * @slot reply - Text while the node decides.
 * @slot done - Text after a successful enrollment.
 * @slot failed - Text after a failure (the `faceio-error` event has the code).
 *
 * @event {FaceioPhaseChangeEvent} faceio-phase-change - The flow moved to another phase: `{phase, previous, op}`.
 * @event {FaceioProgressEvent} faceio-progress - Scan progress or guidance changed: `{progress, guidance, statusKey, status}`.
 * @event {FaceioCompleteEvent} faceio-complete - Enrolled: `{op, result: {facialId, timestamp, details: {gender, age}}}`.
 * @event {FaceioErrorEvent} faceio-error - `{code, name, message, retryable, fatal, detail?}` with fio.js's numeric code.
 * @event {FaceioCloseEvent} faceio-close - The user closed the final screen: `{op, phase, error}`. Then the element rests again (its start button); `preventDefault()` keeps the outcome on screen while you hide or remove the element.
 * @event {FaceioSignInRequestEvent} faceio-sign-in-request - "Sign in instead" after FACE_DUPLICATION: `{href}`. `preventDefault()` stops the `sign-in-href` link (route in your app instead).
 *
 * @csspart base - The element's box.
 * @csspart heading - Each phase's heading (a heading per outcome on the final screens).
 * @csspart close-button - The × that ends a run under way.
 * @csspart emblem - The pictogram of the camera prompt, the wait and the final screens.
 * @csspart stage - The camera preview's frame.
 * @csspart video - The camera preview (mirrored like a selfie; the frames sent are not).
 * @csspart overlay - The framing guide over the preview: the oval, placed on the tracked face.
 * @csspart status - The status line (during the scan: the guidance over the preview).
 * @csspart error - A failure's text, or the PIN problem under the boxes.
 * @csspart progress - The scan progress bar.
 * @csspart scan-complete - The PIN step's "Face scan complete" note.
 * @csspart pin-input - The PIN digit boxes: the application's PIN length (more appear as a longer PIN is typed).
 * @csspart timer - The countdown shown when a phase's time limit is about to end.
 * @csspart primary-button - The main action of each phase.
 * @csspart start-button - The start button.
 * @csspart secondary-button - Decline, "More time", Close beside a primary action, and "I can't turn my head" during the liveness challenge.
 * @csspart extend-button - "More time".
 * @csspart sign-in-button - "Sign in instead" after FACE_DUPLICATION.
 * @csspart challenge-cue - The liveness challenge's direction cue over the preview (an arrow, or an eye for a blink).
 * @csspart challenge-steps - The liveness challenge's steps (the current one has `aria-current="step"`).
 * @csspart terms - The terms of use box.
 * @csspart spinner - Shown while the node decides.
 *
 * @cssproperty [--faceio-accent=#1f5eff] - Buttons, progress, focus rings (dark scheme default: #8db0ff).
 * @cssproperty [--faceio-accent-contrast=#ffffff] - Text on the accent colour (dark: #0b1430).
 * @cssproperty [--faceio-good=#0a7d33] - Success (dark: #5ad08a).
 * @cssproperty [--faceio-warn=#a15c00] - The countdown before a time limit (dark: #f5b547). The oval keeps fixed bright colours, legible over any picture.
 * @cssproperty [--faceio-error=#b3261e] - Errors (dark: #ff8f86).
 * @cssproperty [--faceio-surface=#ffffff] - Background (dark: #1d1e24).
 * @cssproperty [--faceio-text=#1b1b1f] - Text; borders are mixed from it (dark: #ececf1).
 * @cssproperty [--faceio-muted=#4a4a55] - Secondary text (dark: #b0b0bc).
 * @cssproperty [--faceio-radius=12px] - Corner radius.
 * @cssproperty [--faceio-font=system-ui] - Font family.
 * @cssproperty [--faceio-max-width=28rem] - Widest the element grows.
 */
@localized()
export class FaceioEnroll extends FaceioFlowElement {
  static override styles = [flowStyles, challengeStyles, enrollStyles];

  /** Any JSON the node stores with the facial ID and returns on authentication (≤ 16 KB); the attribute takes JSON. */
  @property({
    converter: {
      fromAttribute: (value: string | null) => {
        if (value === null) return undefined;
        try {
          return JSON.parse(value) as unknown;
        } catch {
          return value;
        }
      },
    },
  })
  payload: unknown;
  /** The host already collected the user's consent: skip the terms (fio.js userConsent). */
  @property({ attribute: 'user-consent', type: Boolean }) userConsent = false;
  /** Minutes to accept the terms (fio.js termsTimeout, default 10). */
  @property({ attribute: 'terms-timeout', type: Number }) termsTimeout?: number;
  /** Seconds the introduction stays before the scan starts by itself (fio.js enrollIntroTimeout, default 12). */
  @property({ attribute: 'enroll-intro-timeout', type: Number }) enrollIntroTimeout?: number;
  /** Your sign-in page: after FACE_DUPLICATION (this face is already enrolled) the user is offered "Sign in instead", a link here. */
  @property({ attribute: 'sign-in-href' }) signInHref = '';
  /** Offer "Sign in instead" after FACE_DUPLICATION without a link: the button only fires `faceio-sign-in-request` for you to handle. */
  @property({ attribute: 'sign-in', type: Boolean }) signIn = false;

  protected readonly operation: FlowOperation = 'enroll';

  protected override signInOffer(): { offered: boolean; href: string } {
    return { offered: this.signIn || this.signInHref !== '', href: this.signInHref };
  }

  protected operationInput(): Partial<FlowInput> {
    return {
      userConsent: this.userConsent,
      ...(this.payload !== undefined ? { payload: this.payload } : {}),
      timeouts: { termsTimeout: this.termsTimeout, enrollIntroTimeout: this.enrollIntroTimeout },
    };
  }
}
