// What every phase view receives besides the flow's view-model: the texts of this render, the
// camera preview's ref, the PIN and countdown controllers' state, and what the host allows on the
// final screens. Views are pure `(api, kit) => html` functions.
import type { RefOrCallback } from 'lit/directives/ref.js';
import type { FlowApi } from '../../../core/flow/flow.connect.js';
import type { Countdown } from '../../../controllers/countdown.controller.js';
import type { PinInputController } from '../../../controllers/pin-input.controller.js';

export interface ViewKit {
  /** The status line for `api.statusKey`, localized. */
  status: string;
  /** The active locale (numbers and durations are formatted in it). */
  locale: string;
  /** Attaches the camera stream to the preview <video>. */
  videoRef: RefOrCallback;
  pin: PinInputController;
  /** The phase limit's countdown once it is about to end (null before, or where none runs). */
  countdown: Countdown | null;
  /** The final screens' actions, as the host allows them. */
  outcome: {
    /** Offer "Try again" on a retryable failure (not in the FaceIO modal, whose call has settled). */
    retry: boolean;
    /** After FACE_DUPLICATION: where "Sign in instead" goes ('': a button that only fires `faceio-sign-in`). */
    signInHref: string;
    /** Whether to offer "Sign in instead" at all (the host gave a link or handles `faceio-sign-in`). */
    signIn: boolean;
    onSignIn(event: Event): void;
    onClose(): void;
  };
}

export type PhaseView = (api: FlowApi, kit: ViewKit) => unknown;
