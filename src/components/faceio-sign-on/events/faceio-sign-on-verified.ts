export interface FaceioSignOnVerifiedDetail {
  /** The site's user ID the phone verified. */
  uid: string;
  /** The signed single-use proof the host's backend checks (POST …/verify_proof, or offline with /jwks.json). */
  proof: string;
  /** ISO 8601. */
  verifiedAt: string;
}

/**
 * The phone verified the face. Dispatched before the proof is posted to `form-action`; cancelable:
 * `preventDefault()` keeps the element from posting (the host sends the proof its own way).
 */
export class FaceioSignOnVerifiedEvent extends Event {
  static readonly type = 'faceio-sign-on-verified';
  constructor(readonly detail: FaceioSignOnVerifiedDetail) {
    super(FaceioSignOnVerifiedEvent.type, { bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'faceio-sign-on-verified': FaceioSignOnVerifiedEvent;
  }
}
