import type { FlowOperation } from '../../../core/flow/flow.types.js';
import type { FioErrorName } from '../../../protocol/index.js';

export interface FaceioCloseDetail {
  op: FlowOperation;
  /** The final screen the user closed. */
  phase: 'done' | 'failed';
  /** The failure shown, or null after a success. */
  error: FioErrorName | null;
}

/**
 * The user closed a final screen (done or failed). Then the element returns to rest (its start
 * button): inline, it is part of the page and stays usable. Cancelable: `preventDefault()` keeps
 * the outcome on screen while the host hides, removes or replaces the element (the FaceIO modal
 * closes its dialog this way).
 */
export class FaceioCloseEvent extends Event {
  static readonly type = 'faceio-close';
  constructor(readonly detail: FaceioCloseDetail) {
    super(FaceioCloseEvent.type, { bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'faceio-close': FaceioCloseEvent;
  }
}
