import type { SignOnCode, SignOnCodeName } from '../../../protocol/index.js';

export interface FaceioSignOnErrorDetail {
  /** A SIGN_ON_CODES code: the node's refusal (1001–1040) or the widget's (1041 network, 1042 set-up, 1043 face check failed). */
  code: SignOnCode;
  name: SignOnCodeName;
  /** For the user, in the element's locale (what the element shows). */
  message: string;
  /** For the developer (English): the node's or the widget's reason. */
  detail: string;
  /** Whether the same user can simply start again. */
  retryable: boolean;
  /** FACE_CHECK_FAILED: the phone's fio.js code (UNRECOGNIZED_FACE 3, PAD_ATTACK 5 …). */
  faceCode?: number;
  /** FACE_CHECK_FAILED: this failure locked face sign-in for the account. */
  lock?: 'temporary' | 'permanent';
}

/** The sign-in attempt ended without a verified result. */
export class FaceioSignOnErrorEvent extends Event {
  static readonly type = 'faceio-sign-on-error';
  constructor(readonly detail: FaceioSignOnErrorDetail) {
    super(FaceioSignOnErrorEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'faceio-sign-on-error': FaceioSignOnErrorEvent;
  }
}
