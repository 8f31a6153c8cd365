// What every phase view receives besides the flow's view-model: the texts of this render, the
// camera preview's ref and the PIN controller. Views are pure `(api, kit) => html` functions.
import type { RefOrCallback } from 'lit/directives/ref.js';
import type { FlowApi } from '../../../core/flow/flow.connect.js';
import type { PinInputController } from '../../../controllers/pin-input.controller.js';

export interface ViewKit {
  /** The status line for `api.statusKey`, localized. */
  status: string;
  /** Attaches the camera stream to the preview <video>. */
  videoRef: RefOrCallback;
  pin: PinInputController;
}

export type PhaseView = (api: FlowApi, kit: ViewKit) => unknown;
