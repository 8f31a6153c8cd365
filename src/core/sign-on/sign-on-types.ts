// The browser's side of the sign-on contract: the shapes come from src/protocol/sign-on.ts (the node
// speaks the same file); the error class is the browser's own.
export { SIGN_ON_CHANNEL, type SignOnResult, type WidgetLogin } from '../../protocol/index.js';

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
