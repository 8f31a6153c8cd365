// One scan session's WebSocket (DESIGN.md §3, step 2): hello, binary frames (as many at once as the
// node takes), PINs when asked, one verdict. Works over the browser's WebSocket and over the `ws` package alike.
import type { ClientMessage, ClientSignals, FioErrorName, ServerMessage } from '../../protocol/index.js';
import { wireError } from '../../protocol/index.js';
import { readServerMessage } from './wire.js';

type MessageOf<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;
export type ReadyMessage = MessageOf<'ready'>;
export type ProgressMessage = MessageOf<'progress'>;
export type PinRequiredMessage = MessageOf<'pin-required'>;
export type PinRejectedMessage = MessageOf<'pin-rejected'>;
export type ChallengeStepMessage = MessageOf<'challenge'>;
/** The one outcome of a session: the node's verdict, or one made up here when the connection failed. */
export type Verdict = MessageOf<'verdict'>;
/** What the node answers a frame with. */
export type FrameAnswer = ProgressMessage | PinRequiredMessage | Verdict;
export type FrameData = Blob | ArrayBuffer | Uint8Array;

export interface StreamClosed {
  /** WebSocket close code (1006 when the connection was lost or never made). */
  code: number;
  reason: string;
}

export interface ScanStreamEvents {
  ready: ReadyMessage;
  progress: ProgressMessage;
  'pin-required': PinRequiredMessage;
  'pin-rejected': PinRejectedMessage;
  challenge: ChallengeStepMessage;
  verdict: Verdict;
  closed: StreamClosed;
}

/** `scanning`: frames go; `pin`: the node waits for a PIN and ignores frames; `done`: the verdict is in. */
export type ScanStreamPhase = 'scanning' | 'pin' | 'done';

/** The part of the WebSocket API used here: the browser's WebSocket and the `ws` package both fit. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string | ArrayBuffer | ArrayBufferView | Blob): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: (event: { code: number; reason: string }) => void): void;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

const CONNECTING = 0;
const OPEN = 1;

/** A failing listener must not break the session: reported like an uncaught error (window `error` event in browsers), then on. */
function reportListenerError(error: unknown): void {
  const report = (globalThis as { reportError?: (error: unknown) => void }).reportError;
  if (typeof report === 'function') return report(error);
  queueMicrotask(() => {
    throw error;
  });
}

/**
 * A scan session over one WebSocket.
 *
 * Backpressure: at most `framesInFlight` frames await the node's answer (the node's own limit,
 * `ClientSettings.framesInFlight`; one until `setFramesInFlight()`). `sendFrame()` resolves with that
 * frame's answer (progress, pin-required or the verdict; the node answers frames in the order they
 * went, and a PIN request or the verdict answers every frame still waiting). A frame offered while
 * the limit is reached, during the PIN step or after the verdict is **refused, not queued** — it
 * resolves `null` at once and nothing is sent: a queued camera frame would be stale by the time it
 * went, and the node drops frames over its limit. Check `canSendFrame` before encoding one.
 *
 * `verdict` resolves exactly once and never rejects: a close before the node's verdict, or a socket
 * error, resolves it with a NETWORK_IO error (ABORTED_BY_USER once `cancel()` was called).
 * Incoming messages that are not valid JSON of a known shape are ignored.
 *
 * Events come from socket callbacks only, never synchronously: listeners attached in the same task
 * as `openStream()` miss nothing (after an `await` they may miss `ready`). `verdict` comes before `closed`.
 */
export class ScanStream {
  /** Resolves once, with the node's verdict or a NETWORK_IO / ABORTED_BY_USER one made here. */
  readonly verdict: Promise<Verdict>;
  private resolveVerdict!: (verdict: Verdict) => void;
  private socket: WebSocketLike | null = null;
  private state: ScanStreamPhase = 'scanning';
  /** Frames sent and not yet answered, oldest first. */
  private readonly pendingFrames: ((answer: FrameAnswer) => void)[] = [];
  private maxFramesInFlight = 1;
  /** Messages sent while connecting, flushed in order on open (sending on a connecting socket throws). */
  private outbox: (string | FrameData)[] = [];
  private cancelled = false;
  private readonly listeners = new Map<keyof ScanStreamEvents, Set<(event: never) => void>>();

  /** `connect` opens the socket; if it throws, the stream ends with a NETWORK_IO verdict (after the caller could subscribe). */
  constructor(connect: () => WebSocketLike) {
    this.verdict = new Promise((resolve) => (this.resolveVerdict = resolve));
    try {
      this.socket = connect();
    } catch (error) {
      queueMicrotask(() => {
        this.finish('NETWORK_IO', `could not open the stream to the processing node: ${String(error)}`);
        this.emit('closed', { code: 1006, reason: '' });
      });
      return;
    }
    const socket = this.socket;
    socket.addEventListener('open', () => {
      for (const data of this.outbox.splice(0)) this.transmit(data);
    });
    socket.addEventListener('message', (event) => this.receive(event.data));
    socket.addEventListener('error', () => this.finish('NETWORK_IO', 'the connection to the processing node failed'));
    socket.addEventListener('close', (event) => {
      this.finish('NETWORK_IO', `the connection to the processing node closed before a verdict (code ${event.code})`);
      this.emit('closed', { code: event.code, reason: event.reason });
    });
  }

  get phase(): ScanStreamPhase {
    return this.state;
  }

  /** True when `sendFrame()` would send: scanning, and fewer than the node's limit of frames waiting for an answer. */
  get canSendFrame(): boolean {
    return this.state === 'scanning' && this.pendingFrames.length < this.maxFramesInFlight;
  }

  /** Frames sent and not answered yet. */
  get framesInFlight(): number {
    return this.pendingFrames.length;
  }

  /** How many frames may await an answer at once (the node's limit). */
  get frameLimit(): number {
    return this.maxFramesInFlight;
  }

  /** How many frames the node takes at once (its `framesInFlight` setting; an older node sends none: 1). */
  setFramesInFlight(limit: number | undefined): void {
    this.maxFramesInFlight = Math.max(1, Math.floor(limit ?? 1));
  }

  /** Subscribes to an event; returns the unsubscribe function. */
  on<K extends keyof ScanStreamEvents>(type: K, listener: (event: ScanStreamEvents[K]) => void): () => void {
    let set = this.listeners.get(type);
    if (!set) this.listeners.set(type, (set = new Set()));
    set.add(listener);
    return () => void set.delete(listener);
  }

  /** Tracking hints; send before the first frame. */
  sendHello(signals: ClientSignals = {}): void {
    this.sendMessage({ type: 'hello', signals });
  }

  /** Sends one JPEG or WebP frame, or refuses it (`null`, nothing sent) when `canSendFrame` is false. */
  sendFrame(frame: FrameData): Promise<FrameAnswer | null> {
    if (!this.canSendFrame) return Promise.resolve(null);
    const answer = new Promise<FrameAnswer>((resolve) => this.pendingFrames.push(resolve));
    this.transmit(frame);
    return answer;
  }

  /** Answers `pin-required` / `pin-rejected`; false (nothing sent) outside the PIN step. */
  sendPin(pin: string, confirm?: string): boolean {
    if (this.state !== 'pin') return false;
    this.sendMessage({ type: 'pin', pin, ...(confirm === undefined ? {} : { confirm }) });
    return true;
  }

  /** The user cannot do the challenge's steps: the node switches to the app's alternative. */
  sendChallengeAlternative(): void {
    if (this.socket?.readyState === OPEN) this.sendMessage({ type: 'challenge-alternative' });
  }

  /** "More time": the node re-arms its running limit (scan or PIN) within its bounds. */
  sendExtend(): void {
    if (this.socket?.readyState === OPEN) this.sendMessage({ type: 'extend' });
  }

  /**
   * The user closed the widget (the node answers ABORTED_BY_USER; made up here if still connecting),
   * or with `'timeout'` a phase of the widget timed out (the node records TIMEOUT). Sent once.
   */
  cancel(reason?: 'timeout'): void {
    if (this.state === 'done' || this.cancelled) return;
    this.cancelled = true;
    if (this.socket?.readyState === OPEN) return this.sendMessage(reason ? { type: 'cancel', reason } : { type: 'cancel' });
    this.finish('ABORTED_BY_USER', 'the user closed the widget');
  }

  private sendMessage(message: ClientMessage): void {
    if (this.state !== 'done') this.transmit(JSON.stringify(message));
  }

  private transmit(data: string | FrameData): void {
    const socket = this.socket;
    if (!socket) return;
    if (socket.readyState === CONNECTING) return void this.outbox.push(data);
    // Closing or closed: dropped; the close event settles the verdict and any frame in flight.
    if (socket.readyState !== OPEN) return;
    try {
      socket.send(data);
    } catch (error) {
      this.finish('NETWORK_IO', `could not send to the processing node: ${String(error)}`);
    }
  }

  private receive(data: unknown): void {
    if (this.state === 'done') return;
    const message = readServerMessage(data);
    if (!message) return;
    switch (message.type) {
      case 'ready':
        this.setFramesInFlight(message.settings.framesInFlight);
        return this.emit('ready', message);
      case 'progress':
        this.answerFrames(message);
        return this.emit('progress', message);
      case 'pin-required':
        this.state = 'pin';
        // The node takes no more frames: every frame still waiting is answered by this.
        this.answerFrames(message, true);
        return this.emit('pin-required', message);
      case 'pin-rejected':
        return this.emit('pin-rejected', message);
      case 'challenge':
        return this.emit('challenge', message);
      case 'verdict':
        return this.settle(message);
    }
  }

  /** The oldest waiting frame's answer (or, `all`, every waiting frame's). */
  private answerFrames(answer: FrameAnswer, all = false): void {
    for (const resolve of this.pendingFrames.splice(0, all ? this.pendingFrames.length : 1)) resolve(answer);
  }

  private finish(name: FioErrorName, message: string): void {
    if (this.state === 'done') return;
    const error = this.cancelled ? wireError('ABORTED_BY_USER', 'the user closed the widget') : wireError(name, message);
    this.settle({ type: 'verdict', ok: false, error });
  }

  private settle(verdict: Verdict): void {
    if (this.state === 'done') return;
    this.state = 'done';
    this.outbox = [];
    this.resolveVerdict(verdict);
    this.answerFrames(verdict, true);
    this.emit('verdict', verdict);
    // The node closes after its verdict; closing here too frees the socket if it does not.
    const socket = this.socket;
    if (socket && (socket.readyState === OPEN || socket.readyState === CONNECTING)) socket.close(1000, 'done');
  }

  private emit<K extends keyof ScanStreamEvents>(type: K, event: ScanStreamEvents[K]): void {
    for (const listener of [...(this.listeners.get(type) ?? [])] as ((event: ScanStreamEvents[K]) => void)[]) {
      try {
        listener(event);
      } catch (error) {
        reportListenerError(error);
      }
    }
  }
}
