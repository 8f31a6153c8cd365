import type { WebSocket } from 'ws';

/**
 * `ws` ends a connection itself when a message breaks the protocol — 1009 for one over `maxPayload`,
 * 1007 for text that is not UTF-8 — by calling the socket's own `close()` while it is still open,
 * before any 'message' or 'error' listener runs. Wrapping that one instance's `close` is the only
 * point where the client can still be told why: `answer(code)` sends its last message there.
 */
export function answerBeforeProtocolClose(socket: WebSocket, answer: (code: 1007 | 1009) => void): void {
  const close = socket.close.bind(socket);
  let answered = false;
  socket.close = ((code?: number, reason?: string | Buffer) => {
    if ((code === 1007 || code === 1009) && !answered && socket.readyState === socket.OPEN) {
      answered = true;
      answer(code);
    }
    close(code, reason);
  }) as WebSocket['close'];
}
