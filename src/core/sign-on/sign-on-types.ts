// The browser's view of the node's sign-on API (src/server/sign-on/contract.ts on the node side;
// the browser shares only vision/ and server/schema.ts, so the few shapes it reads are restated).

export const SIGN_ON_CHANNEL = 'FacialSignOnLoginChannel';

/** What POST /api/v1/facial_sign_on/widget/login answers. */
export interface WidgetLogin {
  verification_token: string;
  subscription_secret: string;
  /** False: the user has no registered phone; show `verify_url` as a QR code for any phone. */
  device: boolean;
  verify_url: string;
}

/** A message on the channel. */
export type SignOnResult =
  | { status: 'verified'; verification_token: string; uid: string; proof: string; verified_at: string }
  | { status: 'failed'; verification_token: string; code: number; message: string; user_message: string }
  | { status: 'expired'; verification_token: string };

/** A refusal, as the API sends it (Axiam's shape plus user_message and retryable). */
export interface SignOnErrorBody {
  code: number;
  message: string;
  user_message: string;
  retryable: boolean;
}

export class SignOnError extends Error implements SignOnErrorBody {
  override readonly name = 'SignOnError';
  constructor(
    readonly code: number,
    message: string,
    readonly user_message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }

  toJSON(): SignOnErrorBody {
    return { code: this.code, message: this.message, user_message: this.user_message, retryable: this.retryable };
  }
}
