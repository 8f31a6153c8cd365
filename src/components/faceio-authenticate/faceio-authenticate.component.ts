import { localized } from '@lit/localize';
import { property } from 'lit/decorators.js';
import type { FlowInput, FlowOperation } from '../../core/flow/flow.types.js';
import { FaceioFlowElement } from '../shared/faceio-flow-element.js';
import { flowStyles } from '../shared/flow.styles.js';
import { challengeStyles } from '../shared/challenge.styles.js';
import { authenticateStyles } from './faceio-authenticate.styles.js';

/**
 * Signs an enrolled user in: camera permission, the face scan and, when the application's PIN
 * policy asks for it, the PIN. The node finds the user in the application's facial index (1:N),
 * or checks one given facial ID (1:1).
 *
 * @summary Face authentication, fio.js `authenticate()` as an element.
 *
 * @slot start - Label of the start button (default "Sign in with your face").
 * @slot permission - Text while the browser asks for the camera.
 * @slot scan - Replaces the live guidance line during the scan (not a liveness challenge step's instruction).
 * @slot pin - Replaces the PIN instructions.
 * @slot reply - Text while the node decides.
 * @slot done - Text after a successful sign-in.
 * @slot failed - Text after a failure (the `faceio-error` event has the code).
 *
 * @event {FaceioPhaseChangeEvent} faceio-phase-change - The flow moved to another phase: `{phase, previous, op}`.
 * @event {FaceioProgressEvent} faceio-progress - Scan progress or guidance changed: `{progress, guidance, statusKey, status}`.
 * @event {FaceioCompleteEvent} faceio-complete - Recognized: `{op, result: {facialId, payload}}`.
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
 * @csspart secondary-button - "More time", and "I can't turn my head" / "Use my PIN instead" during the liveness challenge.
 * @csspart challenge-cue - The liveness challenge's direction cue over the preview (an arrow, or an eye for a blink).
 * @csspart challenge-steps - The liveness challenge's steps (the current one has `aria-current="step"`).
 * @csspart close-button - Ends the run.
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
export class FaceioAuthenticate extends FaceioFlowElement {
  static override styles = [flowStyles, challengeStyles, authenticateStyles];

  /** 1:1 mode: only this facial ID may match (cross-device sign-on); 1:N search of the application otherwise. */
  @property({ attribute: 'facial-id' }) facialId = '';
  /**
   * What the scan checks: `authenticate` (default), or `liveness` / `age`, the checks behind
   * FaceIO's `liveness()` and `ageVerify()` (no identity is looked up).
   */
  @property() check: 'authenticate' | 'liveness' | 'age' = 'authenticate';

  protected get operation(): FlowOperation {
    return this.check;
  }

  protected operationInput(): Partial<FlowInput> {
    return this.facialId ? { facialId: this.facialId } : {};
  }
}
