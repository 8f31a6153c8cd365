import type { SessionResult } from '../../../protocol/index.js';
import type { FlowOperation } from '../../../core/flow/flow.types.js';

export interface FaceioCompleteDetail {
  op: FlowOperation;
  /** fio.js's result object: enroll `{facialId, timestamp, details}`, authenticate `{facialId, payload}`. */
  result: SessionResult;
}

/** The node's verdict was a success. */
export class FaceioCompleteEvent extends Event {
  static readonly type = 'faceio-complete';
  constructor(readonly detail: FaceioCompleteDetail) {
    super(FaceioCompleteEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'faceio-complete': FaceioCompleteEvent;
  }
}
