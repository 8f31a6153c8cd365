export interface FaceioSignInRequestDetail {
  /** The element's `sign-in-href` ('' when it has none). */
  href: string;
}

/**
 * After FACE_DUPLICATION (this face is already enrolled) the user chose "Sign in instead". With a
 * `sign-in-href` the link is then followed; `preventDefault()` stops it (a single-page app routes
 * itself, or swaps in `<faceio-authenticate>`).
 */
export class FaceioSignInRequestEvent extends Event {
  static readonly type = 'faceio-sign-in-request';
  constructor(readonly detail: FaceioSignInRequestDetail) {
    super(FaceioSignInRequestEvent.type, { bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'faceio-sign-in-request': FaceioSignInRequestEvent;
  }
}
