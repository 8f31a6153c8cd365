import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import type { NodeDeps } from '../deps.js';
import type { ClientMessage, ClientSignals, ServerMessage } from 'openfaceio/protocol';
import { wireError } from 'openfaceio/protocol';
import { findAppById, originOf } from '../store/apps.js';
import { ScanSession } from '../sessions/scan-session.js';
import { redeemTicket } from '../sessions/tickets.js';
import { observeSignOnSession, type SessionObserver } from '../sign-on/verdicts.js';
import { parseJsonObject } from '../json-object.js';
import { answerBeforeProtocolClose } from './protocol-close.js';

const send = (socket: WebSocket, message: ServerMessage): void => {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
};

/** Parses a client text message; null for anything else (the session then ends with INVALID_REQUEST). */
function parseClientMessage(text: string): ClientMessage | null {
  const m = parseJsonObject(text);
  if (!m) return null;
  if (m.type === 'hello') {
    const raw = typeof m.signals === 'object' && m.signals ? (m.signals as Record<string, unknown>) : {};
    const signals: ClientSignals = {};
    if (typeof raw.virtualCamera === 'boolean') signals.virtualCamera = raw.virtualCamera;
    if (typeof raw.cameraLabel === 'string') signals.cameraLabel = raw.cameraLabel.slice(0, 200);
    return { type: 'hello', signals };
  }
  if (m.type === 'cancel') return m.reason === 'timeout' ? { type: 'cancel', reason: 'timeout' } : { type: 'cancel' };
  if (m.type === 'challenge-alternative') return { type: 'challenge-alternative' };
  if (m.type === 'extend') return { type: 'extend' };
  if (
    m.type === 'pin' &&
    typeof m.pin === 'string' &&
    m.pin.length <= 32 &&
    (m.confirm === undefined || (typeof m.confirm === 'string' && m.confirm.length <= 32))
  ) {
    return { type: 'pin', pin: m.pin, ...(typeof m.confirm === 'string' ? { confirm: m.confirm } : {}) };
  }
  return null;
}

/**
 * WS /v1/sessions/stream?token=… — binary messages are frames, text messages are JSON
 * ClientMessages; the node answers progress and exactly one verdict, then closes.
 */
export function registerStreamRoute(app: FastifyInstance, deps: NodeDeps): void {
  app.get('/v1/sessions/stream', { websocket: true, schema: { hide: true } }, (socket: WebSocket, request) => {
    // Messages can arrive before the token is redeemed: hold them until the session exists.
    const early: { data: Buffer; binary: boolean }[] = [];
    let session: ScanSession | null = null;
    let signOn: SessionObserver | null = null;
    const deliver = (data: Buffer, binary: boolean) => {
      if (!session) return void early.push({ data, binary });
      if (binary) session.frame(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      else {
        const msg = parseClientMessage(data.toString('utf8'));
        if (!msg)
          return session.refuse(
            'INVALID_REQUEST',
            'not a message of the stream protocol: send JSON {"type": "hello" | "pin" | "extend" | "cancel" | "challenge-alternative", …}',
          );
        session.message(msg).catch((error: unknown) => request.log.error({ err: String(error) }, 'session message failed'));
      }
    };
    // ws closes by itself with 1009 (message over the socket's limit) or 1007 (text that is not
    // UTF-8), before any handler sees the message: answer with a verdict first (finding 5).
    answerBeforeProtocolClose(socket, (code) => {
      const message = code === 1009 ? 'message over the stream’s size limit' : 'text message that is not valid UTF-8';
      if (session) session.refuse('INVALID_REQUEST', message, { close: false });
      else send(socket, { type: 'verdict', ok: false, error: wireError('INVALID_REQUEST', message) });
    });
    socket.on('message', (data: Buffer, binary: boolean) => deliver(data, binary));
    socket.on('close', () => {
      session?.disconnect();
      signOn?.closed();
    });
    const refuse = (name: Parameters<typeof wireError>[0], message: string) => {
      send(socket, { type: 'verdict', ok: false, error: wireError(name, message) });
      socket.close(1008, name);
    };

    void (async () => {
      const token = String((request.query as Record<string, unknown>).token ?? '');
      const ticket = await redeemTicket(deps.bus, token, deps.clock.now());
      if (!ticket) return refuse('SESSION_EXPIRED', 'session token unknown, already used or expired: start a new session');
      const origin = originOf(request.headers.origin);
      if (ticket.origin !== origin) return refuse('FORBIDDDEN_ORIGIN', 'the stream must be opened from the page that started the session');
      const application = await findAppById(deps.db, ticket.appId);
      if (!application || application.status !== 'active') return refuse('UNAUTHORIZED', 'the application is not active');
      // A sign-on session's verdict also completes its verification (sign-on/verdicts.ts).
      if (ticket.signOn) signOn = observeSignOnSession(deps, { ...ticket, signOn: ticket.signOn }, application, request.log);
      session = new ScanSession(
        { ...deps, log: request.log },
        ticket,
        application,
        {
          send: (m) => send(socket, signOn ? signOn.relay(m) : m),
          close: () => socket.close(1000, 'done'),
        },
        deps.config.insecureFixedChallenge,
      );
      session.start();
      for (const m of early.splice(0)) deliver(m.data, m.binary);
    })().catch((error: unknown) => {
      request.log.error({ err: String(error) }, 'stream setup failed');
      refuse('PROCESSING_ERR', 'the processing node could not start the session');
    });
  });
}
