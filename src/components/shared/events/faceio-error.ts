import type { FioErrorCode, FioErrorName } from '../../../core/errors.js';

export interface FaceioErrorDetail {
  /** fio.js numeric code. */
  code: FioErrorCode;
  name: FioErrorName;
  /** For the user, in the element's locale. */
  message: string;
  /** Whether the same user can simply try again. */
  retryable: boolean;
  /** False for UNIQUE_PIN_REQUIRED and SESSION_IN_PROGRESS: the flow goes on. */
  fatal: boolean;
  /** For the developer: the node's reason, when it gave one. */
  detail?: string;
}

/** The flow failed (fatal) or hit a non-fatal error the user can fix. */
export class FaceioErrorEvent extends Event {
  static readonly type = 'faceio-error';
  constructor(readonly detail: FaceioErrorDetail) {
    super(FaceioErrorEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'faceio-error': FaceioErrorEvent;
  }
}
