import type { SignOnState } from '../../../core/sign-on/sign-on.types.js';

export interface FaceioSignOnStateChangeDetail {
  state: SignOnState;
  previous: SignOnState;
  /** The account (e-mail or uid) the attempt is for; empty at rest. */
  account: string;
}

/** <faceio-sign-on> moved to another state (idle, looking-up, notification-sent, waiting, verified, failed, expired). */
export class FaceioSignOnStateChangeEvent extends Event {
  static readonly type = 'faceio-sign-on-state-change';
  constructor(readonly detail: FaceioSignOnStateChangeDetail) {
    super(FaceioSignOnStateChangeEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'faceio-sign-on-state-change': FaceioSignOnStateChangeEvent;
  }
}
