import type { FlowOperation, FlowPhase } from '../../../core/flow/flow.types.js';

export interface FaceioPhaseChangeDetail {
  phase: FlowPhase;
  previous: FlowPhase;
  op: FlowOperation;
}

/** The flow moved to another phase (permission, terms, intro, scan, pin, reply, done, failed). */
export class FaceioPhaseChangeEvent extends Event {
  static readonly type = 'faceio-phase-change';
  constructor(readonly detail: FaceioPhaseChangeDetail) {
    super(FaceioPhaseChangeEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'faceio-phase-change': FaceioPhaseChangeEvent;
  }
}
