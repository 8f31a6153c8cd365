// The sign-on machine's real actors: the widget login call (and the QR code for a user with no
// phone) and the /cable channel. Framework-agnostic: fetch and WebSocket only.
import { fromCallback, fromPromise } from 'xstate';
import { SIGN_ON_CODES } from '../../protocol/index.js';
import { cableUrlOf, subscribeSignOn } from './cable-client.js';
import { qrSvg } from './qr-code.js';
import { startWidgetLogin } from './sign-on-client.js';
import { SignOnFailure, type ChannelInput, type LoginOutcome, type SignOnEvent, type StartLoginInput } from './sign-on.types.js';

/** A JWT (three base64url parts): what the site's app token looks like — it must never be in a page. */
const looksLikeJwt = (token: string) => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token);

export interface SignOnActorOptions {
  /** The start token for this attempt (the host's `start-token`, or a fresh one from its provider). */
  startToken(): string | Promise<string>;
}

export function createSignOnActors(options: SignOnActorOptions) {
  return {
    startLogin: fromPromise<LoginOutcome, StartLoginInput>(async ({ input }) => {
      if (!input.node)
        throw new SignOnFailure(SIGN_ON_CODES.WIDGET_MISCONFIGURED, 'no node: set the `node` attribute to the processing node’s URL', false);
      const token = await options.startToken();
      if (!token)
        throw new SignOnFailure(
          SIGN_ON_CODES.INVALID_START_TOKEN,
          'no start token: the host backend gets one from POST …/login/start and sets `start-token`',
          false,
        );
      if (looksLikeJwt(token))
        throw new SignOnFailure(
          SIGN_ON_CODES.WIDGET_MISCONFIGURED,
          'this is the site’s app token (a JWT): never put it in a page — give the widget a start token from POST …/login/start',
          false,
        );
      const login = await startWidgetLogin(input.node, {
        start_token: token,
        ...(input.lookup === 'email' ? { email: input.account } : { id: input.account }),
      });
      if (login.device) return { login, qr: '' };
      try {
        return { login, qr: await qrSvg(login.verify_url) };
      } catch (error) {
        throw new SignOnFailure(SIGN_ON_CODES.WIDGET_MISCONFIGURED, `the QR code could not be drawn: ${String(error)}`, true);
      }
    }),
    channel: fromCallback<SignOnEvent, ChannelInput>(({ sendBack, input }) =>
      subscribeSignOn(
        cableUrlOf(input.node),
        { verification_token: input.login.verification_token, subscription_secret: input.login.subscription_secret },
        {
          confirmed: () => sendBack({ type: 'CHANNEL.CONFIRMED' }),
          rejected: () => sendBack({ type: 'CHANNEL.REJECTED' }),
          closed: () => sendBack({ type: 'CHANNEL.CLOSED' }),
          result: (result) => sendBack({ type: 'CHANNEL.RESULT', result }),
        },
      ),
    ),
  };
}
