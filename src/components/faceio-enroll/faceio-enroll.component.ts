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
 *
 * @csspart base - The element's box.
 * @csspart heading - Each phase's heading.
 * @csspart stage - The camera preview's frame.
 * @csspart video - The camera preview.
 * @csspart overlay - The framing guide over the preview.
 * @csspart status - The status line.
 * @csspart error - The status line of a failure.
 * @csspart progress - The scan progress bar.
 * @csspart pin-input - The PIN digit boxes.
 * @csspart primary-button - The main action of each phase.
 * @csspart start-button - The start button.
 * @csspart secondary-button - Decline, "More time", and "I can't turn my head" during the liveness challenge.
 * @csspart challenge-cue - The liveness challenge's direction cue over the preview (an arrow, or an eye for a blink).
 * @csspart challenge-steps - The liveness challenge's steps (the current one has `aria-current="step"`).
 * @csspart close-button - Ends the run.
 * @csspart terms - The terms of use box.
 * @csspart spinner - Shown while the node decides.
 *
 * @cssproperty [--faceio-accent=#1f5eff] - Buttons, progress, focus rings.
 * @cssproperty [--faceio-accent-contrast=#ffffff] - Text on the accent colour.
 * @cssproperty [--faceio-good=#0a7d33] - A well-framed face, success.
 * @cssproperty [--faceio-error=#b3261e] - Errors.
 * @cssproperty [--faceio-surface=#ffffff] - Background.
 * @cssproperty [--faceio-text=#1b1b1f] - Text.
 * @cssproperty [--faceio-muted=#4a4a55] - Borders of secondary controls.
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

  protected readonly operation: FlowOperation = 'enroll';

  protected operationInput(): Partial<FlowInput> {
    return {
      userConsent: this.userConsent,
      ...(this.payload !== undefined ? { payload: this.payload } : {}),
      timeouts: { termsTimeout: this.termsTimeout, enrollIntroTimeout: this.enrollIntroTimeout },
    };
  }
}
