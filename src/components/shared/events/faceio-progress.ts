import type { GuidanceHint } from '../../../core/flow/flow.types.js';

export interface FaceioProgressDetail {
  /** 0–1: frames the node accepted over frames it needs. */
  progress: number;
  /** The live framing hint (guidance only; the node decides). */
  guidance: GuidanceHint | null;
  /** Localization id of the status line now shown (`scan.hold-still`). */
  statusKey: string;
  /** The status line as shown, in the element's locale. */
  status: string;
}

/** Scan progress or guidance changed. */
export class FaceioProgressEvent extends Event {
  static readonly type = 'faceio-progress';
  constructor(readonly detail: FaceioProgressDetail) {
    super(FaceioProgressEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'faceio-progress': FaceioProgressEvent;
  }
}
