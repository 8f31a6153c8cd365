// The smallest ActionCable client the widget needs: one subscription to the sign-on channel (the
// node speaks ActionCable so that the stock @rails/actioncable consumer works too — tested on the
// node side; the widget does not carry that library).
import { SIGN_ON_CHANNEL, type SignOnResult } from '../../protocol/index.js';

export interface CableHandlers {
  confirmed(): void;
  rejected(): void;
  result(result: SignOnResult): void;
  /** The connection ended before a final result. */
  closed(): void;
}

/** Subscribes; returns the function that unsubscribes and closes. */
export function subscribeSignOn(
  cableUrl: string,
  params: { verification_token: string; subscription_secret: string },
  handlers: CableHandlers,
): () => void {
  const identifier = JSON.stringify({ channel: SIGN_ON_CHANNEL, ...params });
  const socket = new WebSocket(cableUrl, ['actioncable-v1-json', 'actioncable-unsupported']);
  let finished = false;
  socket.addEventListener('message', (event) => {
    let message: { type?: string; identifier?: string; message?: unknown };
    try {
      message = JSON.parse(String(event.data)) as typeof message;
    } catch {
      return;
    }
    if (message.type === 'welcome') return socket.send(JSON.stringify({ command: 'subscribe', identifier }));
    if (message.type === 'confirm_subscription' && message.identifier === identifier) return handlers.confirmed();
    if (message.type === 'reject_subscription' && message.identifier === identifier) {
      finished = true;
      return handlers.rejected();
    }
    if (message.type === undefined && message.identifier === identifier && message.message) {
      const result = message.message as SignOnResult;
      finished = true;
      handlers.result(result);
    }
  });
  socket.addEventListener('close', () => {
    if (!finished) handlers.closed();
  });
  return () => {
    finished = true;
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ command: 'unsubscribe', identifier }));
    socket.close();
  };
}

/** `ws(s)://<node>/cable` for a node URL. */
export const cableUrlOf = (node: string): string => {
  const url = new URL(node.replace(/\/*$/, '/') + 'cable', (globalThis as { location?: { href: string } }).location?.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
};
