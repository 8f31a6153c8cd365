import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { createNodeClient, NodeError, type FrameData, type ScanStream, type ScanStreamEvents, type Verdict } from '../../../src/core/api/index.js';
import { FIO_ERROR_CODES } from 'openfaceio/protocol';
import type { CreatedApp } from '../../src/store/apps.js';
import { backends, type BackendEnv } from '../helpers/backends.js';
import { dataPath } from '../../../test/helpers/data.js';
import { startTestNode, type TestNodeServer } from '../helpers/node.js';
import { frameOf } from '../helpers/scan-client.js';

// Module level: backends() registers the shared servers' shutdown as a file-level hook.
const BACKEND = backends()[0]!;

// The browser client against a real node (real models, embedded store): what the widget will do,
// with Node standing in for the page — `ws` for WebSocket, and the page's Origin set by hand.
const ORIGIN = 'https://shop.example';
const photo = (file: string) => frameOf(dataPath('faces', 'deepface_id01', file));

/** The `ws` WebSocket as a page on ORIGIN would open it (browsers set Origin themselves). */
class ShopWebSocket extends WebSocket {
  constructor(url: string) {
    super(url, { origin: ORIGIN });
  }
}

/** Node's fetch as a page on ORIGIN would send it. */
const shopFetch: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  headers.set('origin', ORIGIN);
  return fetch(input, { ...init, headers });
};

const clientFor = (node: string) => createNodeClient({ node, fetch: shopFetch, WebSocket: ShopWebSocket });

const EVENT_TYPES: (keyof ScanStreamEvents)[] = ['ready', 'progress', 'pin-required', 'pin-rejected', 'verdict', 'closed'];

interface Drive {
  verdict: Verdict;
  /** Event types in the order they came. */
  events: string[];
  streamEvents: { [K in keyof ScanStreamEvents]?: ScanStreamEvents[K][] };
}

/** Drives a stream as the widget will: hello, one frame per node answer, the next PIN on each request; waits for the close. */
async function drive(stream: ScanStream, frames: FrameData[], pins: [pin: string, confirm?: string][] = []): Promise<Drive> {
  const events: string[] = [];
  const streamEvents: Drive['streamEvents'] = {};
  for (const type of EVENT_TYPES) {
    stream.on(type, (event) => {
      events.push(type);
      ((streamEvents[type] ??= []) as unknown[]).push(event);
    });
  }
  const answerPin = () => {
    const next = pins.shift();
    if (next) assert.equal(stream.sendPin(...next), true);
    else stream.cancel();
  };
  stream.on('pin-required', answerPin);
  stream.on('pin-rejected', answerPin);
  const closed = new Promise((resolve) => stream.on('closed', resolve));
  stream.sendHello({ virtualCamera: false });
  for (const frame of frames) {
    const answer = await stream.sendFrame(frame);
    assert.ok(answer, 'a frame offered after the previous answer is sent');
    if (answer.type !== 'progress') break;
  }
  // Out of frames while the node still wants some: give up, as the widget would on its timeout.
  if (stream.phase === 'scanning') stream.cancel();
  const verdict = await stream.verdict;
  await closed;
  return { verdict, events, streamEvents };
}

const errorOf = (verdict: Verdict) => (verdict.ok ? 'ok' : verdict.error.name);

/** A loopback port nothing listens on. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

describe('node client against a real node (pglite + memory bus)', () => {
  let env: BackendEnv;
  let node: TestNodeServer;
  let app: CreatedApp;

  before(async () => {
    env = await BACKEND.open();
    node = await startTestNode(env);
    // Photos cannot answer the active liveness challenge: passive liveness on purpose.
    app = await node.createApp({ pinPolicy: 'on-doubt', pad: true, liveness: 'passive' }, [ORIGIN]);
  });
  after(async () => {
    await node?.close();
    await env?.close();
  });

  it('runs a liveness session end to end: settings, ready, progress, verdict, then closed', async () => {
    const client = clientFor(`${node.url}/`);
    assert.equal(client.node, node.url, 'trailing slash dropped');
    const session = await client.startSession({ publicId: app.app.publicId, op: 'liveness' });
    assert.equal(session.streamPath, '/v1/sessions/stream');
    assert.equal(session.settings.minFrames, 2);
    assert.ok(Date.parse(session.expiresAt) > Date.now() - 1000);
    const frames = [await photo('img2.jpg'), await photo('img4.jpg')];
    const run = await drive(client.openStream(session), [frames[0]!, new Uint8Array(frames[1]!).buffer]);
    assert.equal(errorOf(run.verdict), 'ok', JSON.stringify(run.verdict));
    assert.deepEqual(Object.keys((run.verdict as { result: object }).result).sort(), ['live', 'score']);
    assert.equal((run.verdict as { result: { live: boolean } }).result.live, true);
    assert.deepEqual(run.events, ['ready', 'progress', 'verdict', 'closed']);
    assert.equal(run.streamEvents.ready?.[0]?.op, 'liveness');
    assert.deepEqual(run.streamEvents.progress?.[0], { type: 'progress', event: 'need-more-frames', accepted: 1, needed: 2 });
  });

  it('enrolls with a PIN: answers pin-required, a refused PIN, then the verdict (frames sent as Blobs)', async () => {
    const client = clientFor(node.url);
    const session = await client.startSession({ publicId: app.app.publicId, op: 'enroll', payload: { userId: 'u-7' } });
    const frames = await Promise.all(['img1.jpg', 'img10.jpg', 'img11.jpg'].map(photo));
    const stream = client.openStream(session);
    const framesDuringPin: unknown[] = [];
    stream.on('pin-required', () => {
      framesDuringPin.push(stream.canSendFrame);
      void stream.sendFrame(new Uint8Array([1])).then((answer) => framesDuringPin.push(answer));
    });
    const run = await drive(
      stream,
      frames.map((f) => new Blob([new Uint8Array(f)], { type: 'image/jpeg' })),
      [
        ['12', '12'],
        ['9137', '9137'],
      ],
    );
    assert.equal(errorOf(run.verdict), 'ok', JSON.stringify(run.verdict));
    const result = (run.verdict as { result: { facialId: string; details: { age: number } } }).result;
    assert.match(result.facialId, /^[0-9a-f-]{36}$/);
    assert.ok(result.details.age > 0);
    const required = run.streamEvents['pin-required']?.[0];
    assert.equal(required?.reason, 'enroll');
    assert.equal(required?.confirm, true);
    assert.equal(required?.digits.min, 4);
    assert.equal(run.streamEvents['pin-rejected']?.[0]?.reason, 'too-short');
    assert.deepEqual(run.events, ['ready', 'progress', 'progress', 'pin-required', 'pin-rejected', 'verdict', 'closed']);
    assert.deepEqual(framesDuringPin, [false, null], 'no frame goes during the PIN step');
    assert.equal(stream.sendPin('9137'), false, 'no PIN after the verdict');
  });

  it('throws a NodeError carrying the node’s WireError when the session cannot start', async () => {
    const client = clientFor(node.url);
    const unknown = await client.startSession({ publicId: 'ofio_nobody', op: 'liveness' }).then(
      () => assert.fail('started'),
      (error: unknown) => error,
    );
    assert.ok(unknown instanceof NodeError);
    assert.equal(unknown.code, FIO_ERROR_CODES.UNAUTHORIZED);
    assert.equal(unknown.code, 10);
    assert.equal(unknown.fioName, 'UNAUTHORIZED');
    assert.equal(unknown.status, 401);
    assert.equal(unknown.retryable, false);
    assert.match(unknown.message, /ofio_nobody/);

    const elsewhere = createNodeClient({
      node: node.url,
      fetch: (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), origin: 'https://evil.example' } }),
    });
    await assert.rejects(elsewhere.startSession({ publicId: app.app.publicId, op: 'liveness' }), {
      code: 17,
      fioName: 'FORBIDDDEN_ORIGIN',
      status: 403,
    });
  });

  it('turns a non-JSON answer (a proxy’s error page) into PROCESSING_ERR', async () => {
    const proxied = createNodeClient({ node: node.url, fetch: async () => new Response('<html>502 Bad Gateway</html>', { status: 502 }) });
    await assert.rejects(proxied.startSession({ publicId: app.app.publicId, op: 'liveness' }), { code: FIO_ERROR_CODES.PROCESSING_ERR, status: 502 });
    const odd = createNodeClient({
      node: node.url,
      fetch: async () => Response.json({ sessionToken: 't', streamPath: '//evil.example/x' }, { status: 201 }),
    });
    await assert.rejects(odd.startSession({ publicId: app.app.publicId, op: 'liveness' }), { fioName: 'PROCESSING_ERR' });
  });

  it('refuses a reused session token: SESSION_EXPIRED verdict on the second stream', async () => {
    const client = clientFor(node.url);
    const session = await client.startSession({ publicId: app.app.publicId, op: 'liveness' });
    const frames = [await photo('img6.jpg'), await photo('img7.jpg')];
    const first = await drive(client.openStream(session), frames);
    assert.equal(errorOf(first.verdict), 'ok');
    const replay = client.openStream(session);
    const closed = new Promise<ScanStreamEvents['closed']>((resolve) => replay.on('closed', resolve));
    const verdict = await replay.verdict;
    assert.equal(verdict.ok, false);
    assert.equal(!verdict.ok && verdict.error.code, FIO_ERROR_CODES.SESSION_EXPIRED);
    assert.equal((await closed).code, 1008);
    assert.equal(replay.canSendFrame, false);
    assert.equal(await replay.sendFrame(await photo('img6.jpg')), null);
  });

  it('reports NETWORK_IO when the node cannot be reached, over HTTP and over the stream', async () => {
    const client = createNodeClient({ node: `http://127.0.0.1:${await deadPort()}`, WebSocket: ShopWebSocket });
    await assert.rejects(client.startSession({ publicId: app.app.publicId, op: 'liveness' }), (error: unknown) => {
      assert.ok(error instanceof NodeError);
      assert.equal(error.code, FIO_ERROR_CODES.NETWORK_IO);
      assert.equal(error.status, undefined);
      assert.equal(error.retryable, true);
      return true;
    });
    const bytes = await photo('img2.jpg');
    const stream = client.openStream({ sessionToken: 'whatever', streamPath: '/v1/sessions/stream' });
    const closed = new Promise<ScanStreamEvents['closed']>((resolve) => stream.on('closed', resolve));
    // Sent while connecting: held, then answered by the verdict when the connection fails.
    const frame = stream.sendFrame(bytes);
    const verdict = await stream.verdict;
    assert.equal(!verdict.ok && verdict.error.name, 'NETWORK_IO');
    assert.deepEqual(await frame, verdict, 'the frame in flight is answered by the verdict');
    assert.equal((await closed).code, 1006);
  });

  it('reports NETWORK_IO when the node shuts down mid-session', async () => {
    const second = await startTestNode(env);
    try {
      const client = clientFor(second.url);
      const session = await client.startSession({ publicId: app.app.publicId, op: 'liveness' });
      const stream = client.openStream(session);
      const verdicts: Verdict[] = [];
      stream.on('verdict', (v) => verdicts.push(v));
      stream.sendHello();
      const answer = await stream.sendFrame(await photo('img2.jpg'));
      assert.equal(answer?.type, 'progress');
      await second.close();
      const verdict = await stream.verdict;
      assert.equal(verdict.ok, false);
      assert.equal(!verdict.ok && verdict.error.code, FIO_ERROR_CODES.NETWORK_IO);
      assert.equal(await stream.sendFrame(await photo('img4.jpg')), null);
      assert.deepEqual(verdicts, [verdict], 'one verdict, once');
    } finally {
      await second.close().catch(() => undefined);
    }
  });

  it("keeps at most the node's frames in flight: one more is refused (null), not queued; answers come in order", async () => {
    const client = clientFor(node.url);
    const session = await client.startSession({ publicId: app.app.publicId, op: 'liveness' });
    assert.equal(session.settings.framesInFlight, 3);
    const stream = client.openStream(session);
    stream.setFramesInFlight(session.settings.framesInFlight);
    const progress: ScanStreamEvents['progress'][] = [];
    stream.on('progress', (p) => progress.push(p));
    stream.sendHello();
    const frames = await Promise.all(['img2.jpg', 'img4.jpg', 'img1.jpg'].map((f) => photo(f)));
    const answers = frames.map((frame) => stream.sendFrame(frame));
    assert.equal(stream.canSendFrame, false);
    assert.equal(await stream.sendFrame(frames[0]!), null, 'refused while three are in flight');
    // The first answer says one more is needed; the second frame completes the session, and its verdict answers the third too.
    assert.deepEqual(
      (await Promise.all(answers)).map((a) => a?.type),
      ['progress', 'verdict', 'verdict'],
    );
    assert.deepEqual(progress, [{ type: 'progress', event: 'need-more-frames', accepted: 1, needed: 2 }]);
    assert.equal(errorOf(await stream.verdict), 'ok');
  });

  it('cancels: the node answers ABORTED_BY_USER', async () => {
    const client = clientFor(node.url);
    const session = await client.startSession({ publicId: app.app.publicId, op: 'authenticate' });
    const stream = client.openStream(session);
    const ready = new Promise((resolve) => stream.on('ready', resolve));
    await ready;
    stream.cancel();
    const verdict = await stream.verdict;
    assert.equal(!verdict.ok && verdict.error.code, FIO_ERROR_CODES.ABORTED_BY_USER);
  });
});
