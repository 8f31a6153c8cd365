import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ScanStream, type Verdict, type WebSocketLike } from '../../../src/core/api/scan-stream.js';
import { readCreateSessionResponse, readServerMessage } from '../../../src/core/api/wire.js';

// What the real-node suite (node-client.test.ts) cannot provoke: a node that sends garbage, and
// the edges of the socket's life. A scripted socket stands in for the WebSocket.

type Listener = (event: never) => void;

class ScriptedSocket implements WebSocketLike {
  readyState = 0;
  readonly sent: unknown[] = [];
  closedWith: number | undefined;
  private readonly listeners = new Map<string, Listener[]>();

  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  send(data: unknown): void {
    if (this.readyState !== 1) throw new Error('InvalidStateError: still connecting');
    this.sent.push(data);
  }
  close(code?: number): void {
    this.closedWith = code;
    this.readyState = 2;
  }
  fire(type: string, event?: unknown): void {
    if (type === 'open') this.readyState = 1;
    if (type === 'close') this.readyState = 3;
    for (const listener of this.listeners.get(type) ?? []) (listener as (event: unknown) => void)(event);
  }
  /** A text message from the node. */
  say(message: unknown): void {
    this.fire('message', { data: typeof message === 'string' ? message : JSON.stringify(message) });
  }
}

const PROGRESS = { type: 'progress', event: 'need-more-frames', accepted: 1, needed: 2 } as const;
const VERDICT = { type: 'verdict', ok: true, result: { live: true, score: 0.9 } } as const;

describe('ScanStream (scripted socket)', () => {
  it('holds messages sent while connecting and sends them in order on open', () => {
    const socket = new ScriptedSocket();
    const stream = new ScanStream(() => socket);
    stream.sendHello({ virtualCamera: true });
    void stream.sendFrame(new Uint8Array([0xff, 0xd8]));
    assert.deepEqual(socket.sent, []);
    socket.fire('open');
    assert.equal(socket.sent.length, 2);
    assert.deepEqual(JSON.parse(String(socket.sent[0])), { type: 'hello', signals: { virtualCamera: true } });
    assert.deepEqual(socket.sent[1], new Uint8Array([0xff, 0xd8]));
  });

  it('ignores what it cannot read: not JSON, unknown types, known types with the wrong shape, binary', async () => {
    const socket = new ScriptedSocket();
    const stream = new ScanStream(() => socket);
    const seen: string[] = [];
    stream.on('progress', () => seen.push('progress'));
    stream.on('verdict', () => seen.push('verdict'));
    socket.fire('open');
    const frame = stream.sendFrame(new Uint8Array([1]));
    socket.say('not json');
    socket.say({ type: 'telemetry', fps: 30 });
    socket.say({ type: 'progress', event: 'need-more-frames', accepted: '1', needed: 2 });
    socket.say({ type: 'verdict', ok: false, error: { code: 999, message: 'x' } });
    socket.fire('message', { data: new ArrayBuffer(4) });
    assert.equal(stream.canSendFrame, false, 'still waiting for a readable answer');
    socket.say(PROGRESS);
    assert.deepEqual(await frame, PROGRESS);
    assert.deepEqual(seen, ['progress']);
    assert.equal(stream.canSendFrame, true);
  });

  it("pipelines up to the node's frames-in-flight: answers in order, a PIN request or the verdict answers every frame still waiting", async () => {
    const socket = new ScriptedSocket();
    const stream = new ScanStream(() => socket);
    socket.fire('open');
    const settings = { pinPolicy: 'never', pinLength: { min: 4, max: 16 }, rejectWeakPin: true, pad: true, minFrames: 2, maxFrames: 60 };
    socket.say({ type: 'ready', op: 'authenticate', settings: { ...settings, maxFrameBytes: 1e6, maxFrameSide: 640, framesInFlight: 3 } });
    const frames = [1, 2, 3].map((n) => stream.sendFrame(new Uint8Array([n])));
    assert.equal(stream.framesInFlight, 3);
    assert.equal(stream.canSendFrame, false, 'the node takes three at once');
    assert.equal(await stream.sendFrame(new Uint8Array([4])), null, 'a fourth is refused, not queued');
    socket.say(PROGRESS);
    assert.deepEqual(await frames[0], PROGRESS);
    assert.equal(stream.canSendFrame, true);
    const pin = { type: 'pin-required', reason: 'policy', digits: { min: 4, max: 16 }, confirm: false, attemptsLeft: 3 } as const;
    socket.say(pin);
    assert.deepEqual(await Promise.all(frames.slice(1)), [pin, pin]);
    assert.equal(stream.framesInFlight, 0);
    assert.equal(stream.canSendFrame, false, 'no frames during the PIN step');
  });

  it('sends one frame at a time to a node that does not say how many it takes', () => {
    const socket = new ScriptedSocket();
    const stream = new ScanStream(() => socket);
    socket.fire('open');
    void stream.sendFrame(new Uint8Array([1]));
    assert.equal(stream.canSendFrame, false);
  });

  it('resolves the verdict once; a later close does not change it; closes the socket itself', async () => {
    const socket = new ScriptedSocket();
    const stream = new ScanStream(() => socket);
    const verdicts: Verdict[] = [];
    stream.on('verdict', (v) => verdicts.push(v));
    socket.fire('open');
    socket.say(VERDICT);
    socket.say({ ...VERDICT, result: { live: false, score: 0 } });
    socket.fire('close', { code: 1006, reason: '' });
    assert.deepEqual(await stream.verdict, VERDICT);
    assert.deepEqual(verdicts, [VERDICT]);
    assert.equal(socket.closedWith, 1000);
  });

  it('a throwing listener does not break the stream (reported through reportError)', async () => {
    const socket = new ScriptedSocket();
    const stream = new ScanStream(() => socket);
    const reported: unknown[] = [];
    const global = globalThis as { reportError?: (error: unknown) => void };
    const original = global.reportError;
    global.reportError = (error) => reported.push(error);
    try {
      stream.on('progress', () => {
        throw new Error('widget bug');
      });
      socket.fire('open');
      const frame = stream.sendFrame(new Uint8Array([1]));
      socket.say(PROGRESS);
      assert.deepEqual(await frame, PROGRESS);
      assert.equal((reported[0] as Error | undefined)?.message, 'widget bug');
      assert.equal(stream.canSendFrame, true);
    } finally {
      global.reportError = original;
    }
  });

  it('cancel while connecting ends at once with ABORTED_BY_USER; cancel when open asks the node', async () => {
    const connecting = new ScriptedSocket();
    const early = new ScanStream(() => connecting);
    early.cancel();
    const verdict = await early.verdict;
    assert.equal(!verdict.ok && verdict.error.name, 'ABORTED_BY_USER');
    assert.equal(connecting.closedWith, 1000);

    const open = new ScriptedSocket();
    const stream = new ScanStream(() => open);
    open.fire('open');
    stream.cancel();
    assert.deepEqual(JSON.parse(String(open.sent[0])), { type: 'cancel' });
    // The node closed without answering: still the user's choice, not a network error.
    open.fire('close', { code: 1006, reason: '' });
    const after = await stream.verdict;
    assert.equal(!after.ok && after.error.name, 'ABORTED_BY_USER');
  });

  it('a socket that cannot even be constructed gives a NETWORK_IO verdict and a closed event', async () => {
    const stream = new ScanStream(() => {
      throw new SyntaxError('invalid URL');
    });
    const closed = new Promise((resolve) => stream.on('closed', resolve));
    const verdict = await stream.verdict;
    assert.equal(!verdict.ok && verdict.error.code, 7);
    assert.deepEqual(await closed, { code: 1006, reason: '' });
  });
});

describe('wire readers', () => {
  it('take the error name from the code and keep only known fields', () => {
    const message = readServerMessage(
      JSON.stringify({ type: 'verdict', ok: false, error: { code: 13, name: 'WHATEVER', message: 'expired', retryable: true }, extra: 1 }),
    );
    assert.deepEqual(message, { type: 'verdict', ok: false, error: { code: 13, name: 'SESSION_EXPIRED', message: 'expired', retryable: true } });
    assert.equal(readServerMessage('{"type":"pin-required","reason":"enroll","digits":{"min":4},"confirm":true,"attemptsLeft":3}'), null);
    assert.equal(readServerMessage('null'), null);
  });

  it('refuse a session whose stream path leaves the node', () => {
    const settings = {
      pinPolicy: 'never',
      pinLength: { min: 4, max: 16 },
      rejectWeakPin: true,
      pad: true,
      minFrames: 2,
      maxFrames: 60,
      maxFrameBytes: 1,
      maxFrameSide: 640,
    };
    const body = { sessionToken: 't', expiresAt: new Date().toISOString(), streamPath: '/v1/sessions/stream', settings };
    assert.deepEqual(readCreateSessionResponse(body), body);
    for (const streamPath of ['//evil.example/s', 'wss://evil.example/s', '/\\evil.example', 'v1/sessions/stream']) {
      assert.equal(readCreateSessionResponse({ ...body, streamPath }), null, streamPath);
    }
  });
});
