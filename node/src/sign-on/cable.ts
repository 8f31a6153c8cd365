// WS /cable: the sign-on channel in the ActionCable wire protocol (cable-protocol.ts), so the desktop
// can use the stock `@rails/actioncable` consumer unchanged. One channel, FacialSignOnLoginChannel,
// params {verification_token, subscription_secret}; the authority (the sign-on store) decides who may
// subscribe, this layer only speaks the protocol and relays the verdict from the bus (published by
// whichever node decided).
//
// Behind a TLS-terminating reverse proxy (WSS in production) the proxy must forward the upgrade:
// HTTP/1.1 to the node with the `Upgrade` and `Connection: upgrade` headers passed through (nginx:
// `proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection
// "upgrade";`), keep `Origin` and `Sec-WebSocket-Protocol` as the browser sent them (an `allowOrigin`
// check and the subprotocol depend on them), and allow idle reads longer than the 3-second ping (nginx's
// 60 s default `proxy_read_timeout` is fine).
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import type { NodeDeps } from '../deps.js';
import { wireError } from 'openfaceio/protocol';
import type { CableCommand, CableServerMessage, DisconnectReason } from './cable-protocol.js';
import {
  CABLE_PROTOCOL,
  CABLE_PROTOCOL_UNSUPPORTED,
  channelMessage,
  confirmSubscription,
  disconnect,
  parseCommand,
  parseSignOnIdentifier,
  parseSignOnResult,
  ping,
  rejectSubscription,
  selectCableProtocol,
  welcome,
} from './cable-protocol.js';
import type { SignOnResult, SubscriptionAuthority } from './contract.js';
import { signOnBusChannel } from './contract.js';
import { answerBeforeProtocolClose } from '../routes/protocol-close.js';
import { hitLimit } from '../routes/rate-limit.js';

export interface CableLimits {
  /** Rails' beat interval; the consumer reconnects after 6 s without a message. */
  pingIntervalMs: number;
  /** A connection with no subscription (none yet, or all rejected / unsubscribed) is closed after this. */
  idleTimeoutMs: number;
  /** Subscriptions one connection may hold at once; more are rejected. */
  maxSubscriptions: number;
  /** Subscribe attempts that reach the authority per connection; past it the connection is closed. */
  maxClaims: number;
  /** Largest client message (a sign-on subscribe is ~200 bytes). */
  maxMessageBytes: number;
  /** Open connections one address may hold on this node (finding 5: there was no cap); more are closed at once. */
  maxConnectionsPerAddress: number;
  /** Subscribe attempts one address may make per minute, over all its connections and every node (bus); more are rejected. */
  claimsPerAddressPerMinute: number;
}

export const CABLE_LIMITS: CableLimits = {
  pingIntervalMs: 3000,
  idleTimeoutMs: 60_000,
  maxSubscriptions: 4,
  maxClaims: 16,
  maxMessageBytes: 4096,
  maxConnectionsPerAddress: 20,
  claimsPerAddressPerMinute: 60,
};

export interface CableOptions {
  authority: SubscriptionAuthority;
  /** Whether a browser page from `origin` may open the socket (no Origin header: a non-browser client). Default: any. */
  allowOrigin?: (origin: string | undefined) => boolean;
  /**
   * Re-reads a verification's verdict once this node listens on its bus channel: closes the window
   * between claim() reading "no verdict yet" and the bus subscription being live, in which a verdict
   * published by another node would be missed. Optional; without it that (millisecond) window stays.
   */
  resultOf?: (tokenHash: string) => Promise<SignOnResult | null>;
  limits?: Partial<CableLimits>;
  path?: string;
}

interface Subscription {
  readonly token: string;
  state: 'pending' | 'confirmed' | 'gone';
  stopBus: (() => Promise<void>) | null;
  /** A verdict that arrived between the bus subscription and the confirmation. */
  early: SignOnResult | null;
  delivered: boolean;
}

type CableDeps = Pick<NodeDeps, 'bus' | 'clock'>;

// A function, not an inline comparison: TypeScript keeps a property's narrowing across `await`s.
const isGone = (sub: Subscription): boolean => sub.state === 'gone';

/** One client connection: its subscriptions, its idle timer. */
class CableConnection {
  private readonly subs = new Map<string, Subscription>();
  private claims = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly log: FastifyBaseLogger,
    private readonly deps: CableDeps,
    private readonly options: CableOptions,
    private readonly limits: CableLimits,
    /** The client's address: subscribe bursts are limited per address (finding 5). */
    private readonly address: string,
  ) {}

  start(): void {
    this.send(welcome());
    this.armIdle();
  }

  send(message: CableServerMessage): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(message));
  }

  /** Sends `disconnect` (the consumer stops reconnecting when `reconnect` is false) and closes. */
  disconnect(reason: DisconnectReason, reconnect: boolean, code: number): void {
    this.send(disconnect(reason, reconnect));
    this.socket.close(code, reason);
  }

  onMessage(data: RawData, binary: boolean): void {
    const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data.byteLength;
    if (size > this.limits.maxMessageBytes) {
      this.log.info({ size }, 'cable: message over the size limit, closing');
      return this.disconnect('invalid_request', false, 1009);
    }
    if (binary) return void this.log.debug('cable: binary message ignored');
    const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
    const command = parseCommand(text);
    // Never log the command itself: its identifier carries the token and the secret.
    if (!command) return void this.log.debug('cable: unrecognized command ignored');
    this.execute(command);
  }

  private execute(command: CableCommand): void {
    switch (command.command) {
      case 'subscribe':
        return void this.subscribe(command.identifier).catch((error: unknown) => this.log.error({ err: String(error) }, 'cable: subscribe failed'));
      case 'unsubscribe':
        return this.unsubscribe(command.identifier);
      case 'message':
        // The channel has no actions (Rails would log "Unable to process …#action").
        return void this.log.debug('cable: channel action ignored');
    }
  }

  private async subscribe(identifier: string): Promise<void> {
    // The consumer's SubscriptionGuarantor resends `subscribe` every 500 ms until it hears back: a
    // pending or confirmed identifier is not claimed twice (the second claim would be refused).
    if (this.subs.has(identifier)) return;
    const params = parseSignOnIdentifier(identifier);
    if (!params) {
      this.log.info('cable: subscription to an unknown channel or with malformed params rejected');
      return this.send(rejectSubscription(identifier));
    }
    if (this.subs.size >= this.limits.maxSubscriptions) {
      this.log.info('cable: subscription rejected, too many on one connection');
      return this.send(rejectSubscription(identifier));
    }
    if (++this.claims > this.limits.maxClaims) {
      this.log.info('cable: too many subscribe attempts on one connection, closing');
      return this.disconnect('invalid_request', false, 1008);
    }
    const sub: Subscription = { token: params.verificationToken, state: 'pending', stopBus: null, early: null, delivered: false };
    this.subs.set(identifier, sub);
    this.clearIdle();

    const refuse = (log: () => void) => {
      log();
      if (this.subs.get(identifier) !== sub) return; // unsubscribed meanwhile: nothing to answer
      this.subs.delete(identifier);
      sub.state = 'gone';
      this.send(rejectSubscription(identifier));
      this.armIdle();
    };
    // A burst spread over many connections: one budget per address on the bus (every node counts
    // it), spent before the authority is asked (finding 5). The slot is already held, so the
    // per-connection limits above stay exact across this await.
    let overBudget: boolean;
    try {
      overBudget = (await hitLimit(this.deps.bus, `cable-claims:${this.address}`, this.limits.claimsPerAddressPerMinute, 60_000)) !== null;
    } catch (error) {
      return refuse(() => this.log.error({ err: String(error) }, 'cable: the subscribe limit could not be counted'));
    }
    if (overBudget) return refuse(() => this.log.info('cable: subscription rejected, too many subscribe attempts from this address'));
    if (isGone(sub)) return; // unsubscribed or disconnected while counting: nothing was claimed
    let check;
    try {
      check = await this.options.authority.claim(params.verificationToken, params.subscriptionSecret);
    } catch (error) {
      return refuse(() => this.log.error({ err: String(error) }, 'cable: the authority failed'));
    }
    // Why goes to the log only: the socket learns nothing beyond "rejected".
    if (!check.ok) return refuse(() => this.log.info({ code: check.code, reason: check.message }, 'cable: subscription refused'));
    if (isGone(sub)) return this.release(sub); // unsubscribed or disconnected while claiming

    try {
      sub.stopBus = once(await this.deps.bus.subscribe(signOnBusChannel(check.tokenHash), (text) => this.relay(identifier, sub, text)));
    } catch (error) {
      await this.release(sub);
      return refuse(() => this.log.error({ err: String(error) }, 'cable: bus subscription failed'));
    }
    if (isGone(sub)) {
      await sub.stopBus();
      return this.release(sub);
    }
    sub.state = 'confirmed';
    this.send(confirmSubscription(identifier));

    let result = sub.early ?? check.result;
    if (!result && this.options.resultOf) {
      try {
        result = await this.options.resultOf(check.tokenHash);
      } catch (error) {
        this.log.error({ err: String(error) }, 'cable: re-reading the verdict failed');
      }
    }
    if (result && sub.state === 'confirmed') this.deliver(identifier, sub, result);
  }

  private relay(identifier: string, sub: Subscription, text: string): void {
    const result = parseSignOnResult(text);
    if (!result) return void this.log.warn('cable: malformed verdict on the bus ignored');
    if (sub.state === 'pending') sub.early = result;
    else if (sub.state === 'confirmed') this.deliver(identifier, sub, result);
  }

  /** Every verdict is final: one delivery, then the bus is no longer needed (the subscription stays until the consumer drops it). */
  private deliver(identifier: string, sub: Subscription, result: SignOnResult): void {
    if (sub.delivered) return;
    sub.delivered = true;
    this.send(channelMessage(identifier, result));
    void sub.stopBus?.().catch((error: unknown) => this.log.warn({ err: String(error) }, 'cable: bus unsubscribe failed'));
  }

  private unsubscribe(identifier: string): void {
    const sub = this.subs.get(identifier);
    if (!sub) return;
    this.subs.delete(identifier);
    this.drop(sub);
    this.armIdle();
  }

  /** The subscription ends; a pending claim finishes in subscribe() and releases there. */
  private drop(sub: Subscription): void {
    const wasConfirmed = sub.state === 'confirmed';
    sub.state = 'gone';
    if (!wasConfirmed) return;
    void (async () => {
      await sub.stopBus?.();
      await this.release(sub);
    })().catch((error: unknown) => this.log.warn({ err: String(error) }, 'cable: cleanup failed'));
  }

  private async release(sub: Subscription): Promise<void> {
    try {
      await this.options.authority.release(sub.token);
    } catch (error) {
      this.log.warn({ err: String(error) }, 'cable: release failed');
    }
  }

  onClose(): void {
    if (this.closed) return;
    this.closed = true;
    this.clearIdle();
    for (const sub of this.subs.values()) this.drop(sub);
    this.subs.clear();
  }

  private armIdle(): void {
    if (this.closed || this.subs.size > 0) return;
    this.clearIdle();
    this.idleTimer = setTimeout(() => {
      this.log.debug('cable: idle connection closed');
      // `remote`: the server ended this connection; no reconnect (the consumer reopens when it next subscribes).
      this.disconnect('remote', false, 1000);
    }, this.limits.idleTimeoutMs);
  }

  private clearIdle(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }
}

const once = (fn: () => Promise<void>): (() => Promise<void>) => {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
};

/**
 * Registers WS /cable. `deps` needs the bus (verdicts from any node) and the clock (ping times).
 * app.ts wires `authority` to the sign-on store; `allowOrigin` stays open there, because the
 * subscription secret is the gate (a desktop page of any registered site may connect).
 */
export function registerCableRoute(app: FastifyInstance, deps: CableDeps, options: CableOptions): void {
  const limits: CableLimits = { ...CABLE_LIMITS, ...options.limits };
  const path = options.path ?? '/cable';
  const allowOrigin = options.allowOrigin ?? (() => true);
  installProtocolSelection(app, path);

  // One heartbeat for all connections, as Rails does, running only while there are connections.
  const connections = new Set<CableConnection>();
  const perAddress = new Map<string, number>();
  let heartbeat: NodeJS.Timeout | undefined;
  const beat = () => {
    const message = ping(deps.clock.now());
    for (const c of connections) c.send(message);
  };
  const track = (c: CableConnection) => {
    connections.add(c);
    heartbeat ??= setInterval(beat, limits.pingIntervalMs).unref();
  };
  const untrack = (c: CableConnection) => {
    connections.delete(c);
    if (connections.size === 0) {
      clearInterval(heartbeat);
      heartbeat = undefined;
    }
  };
  app.addHook('onClose', async () => {
    clearInterval(heartbeat);
    heartbeat = undefined;
  });

  app.get(
    path,
    {
      websocket: true,
      schema: { hide: true },
      // Before the upgrade, as Rails' allow_request_origin? does: a refused page gets an HTTP error, no socket.
      preValidation: async (request, reply) => {
        if (allowOrigin(request.headers.origin)) return;
        request.log.info({ origin: request.headers.origin }, 'cable: origin refused');
        return reply.code(403).send({ error: wireError('FORBIDDDEN_ORIGIN', 'this page’s origin may not open the sign-on channel') });
      },
    },
    (socket: WebSocket, request) => {
      if (socket.protocol !== CABLE_PROTOCOL) {
        // 'actioncable-unsupported': the consumer closes by itself, without reconnecting (and the
        // idle timer would anyway). No ActionCable subprotocol at all: not a consumer.
        if (socket.protocol !== CABLE_PROTOCOL_UNSUPPORTED) socket.close(1002, 'actioncable-v1-json subprotocol required');
        return;
      }
      const open = (perAddress.get(request.ip) ?? 0) + 1;
      perAddress.set(request.ip, open);
      socket.on('close', () => {
        const left = (perAddress.get(request.ip) ?? 1) - 1;
        if (left > 0) perAddress.set(request.ip, left);
        else perAddress.delete(request.ip);
      });
      if (open > limits.maxConnectionsPerAddress) {
        request.log.info('cable: too many connections from one address, closing');
        socket.send(JSON.stringify(disconnect('invalid_request', false)));
        return socket.close(1013, 'too many connections from this address');
      }
      const connection = new CableConnection(socket, request.log, deps, options, limits, request.ip);
      // ws closes by itself with 1009 / 1007 before our size check can answer: say why first.
      answerBeforeProtocolClose(socket, () => connection.send(disconnect('invalid_request', false)));
      track(connection);
      socket.on('message', (data: RawData, binary: boolean) => connection.onMessage(data, binary));
      socket.on('close', () => {
        untrack(connection);
        connection.onClose();
      });
      connection.start();
    },
  );
}

/**
 * ws answers the client's first offered subprotocol unless told otherwise; for /cable answer as
 * Rails does (selectCableProtocol). The ws server is shared with the other socket routes, so only
 * this path is changed and any previous choice is kept for the rest.
 */
function installProtocolSelection(app: FastifyInstance, path: string): void {
  const wss = app.websocketServer as FastifyInstance['websocketServer'] | undefined;
  if (!wss) throw new Error('registerCableRoute needs @fastify/websocket registered first');
  const previous = wss.options.handleProtocols;
  wss.options.handleProtocols = (offered, request) => {
    if ((request.url ?? '').split('?')[0] === path) return selectCableProtocol(offered);
    return previous ? previous(offered, request) : (offered.values().next().value ?? false);
  };
}
