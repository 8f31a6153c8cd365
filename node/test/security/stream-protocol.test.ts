// Finding 5 (low), the scan stream: text junk got no answer (the session idled to its timeout);
// a message over the socket's limit and text that is not UTF-8 closed with 1009 / 1007 but no
// verdict; a browser-side timeout was counted as ABORTED_BY_USER in the statistics.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import type { ServerMessage } from 'openfaceio/protocol';
import type { CreatedApp } from '../../src/store/apps.js';
import { backends, type BackendEnv } from '../helpers/backends.js';
import { startTestNode, type TestNodeServer } from '../helpers/node.js';
import { adminCall, ORIGIN } from './helpers.js';

const BACKEND = backends()[0]!;

describe('scan stream protocol errors get a verdict', () => {
  let env: BackendEnv;
  let node: TestNodeServer;
  let app: CreatedApp;

  /** Opens a stream, runs `act` once the node said ready, resolves to what the node sent and the close code. */
  async function stream(act: (ws: WebSocket) => void, op = 'enroll'): Promise<{ messages: ServerMessage[]; code: number }> {
    const created = await fetch(`${node.url}/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: JSON.stringify({ publicId: app.app.publicId, op }),
    });
    const { sessionToken } = (await created.json()) as { sessionToken: string };
    const ws = new WebSocket(`${node.url.replace('http', 'ws')}/v1/sessions/stream?token=${sessionToken}`, { origin: ORIGIN });
    const messages: ServerMessage[] = [];
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no close within 3 s; got ${JSON.stringify(messages)}`)), 3000);
      ws.on('message', (data: Buffer) => {
        const m = JSON.parse(data.toString('utf8')) as ServerMessage;
        messages.push(m);
        if (m.type === 'ready') act(ws);
      });
      ws.on('close', (code) => {
        clearTimeout(timer);
        resolve({ messages, code });
      });
      ws.on('error', () => undefined);
    });
  }

  const verdictOf = (messages: ServerMessage[]) => messages.find((m): m is Extract<ServerMessage, { type: 'verdict' }> => m.type === 'verdict');
  const errorOf = (messages: ServerMessage[]) => {
    const verdict = verdictOf(messages);
    return verdict && !verdict.ok ? verdict.error.name : verdict ? 'ok' : 'no verdict';
  };

  before(async () => {
    env = await BACKEND.open();
    node = await startTestNode(env);
    // Photos cannot answer the active liveness challenge: passive liveness for these scans.
    app = await node.createApp({ liveness: 'passive' }, [ORIGIN]);
  });
  after(async () => {
    await node?.close();
    await env?.close();
  });

  it('answers text junk with INVALID_REQUEST and closes', async () => {
    for (const junk of ['hello?', '{"type":"dance"}', '[1,2]', '{"type":"pin","pin":"1","confirm":7}']) {
      const { messages } = await stream((ws) => ws.send(junk));
      const verdict = verdictOf(messages);
      assert.ok(verdict && !verdict.ok, `a verdict for ${junk}`);
      assert.equal(verdict.error.name, 'INVALID_REQUEST');
    }
  });

  it('sends a verdict before closing with 1009 for a message over the socket limit', async () => {
    const { messages, code } = await stream((ws) => ws.send(Buffer.alloc(node.deps.limits.maxFrameBytes * 4 + 1)));
    assert.equal(code, 1009);
    assert.equal(errorOf(messages), 'INVALID_REQUEST');
  });

  it('sends a verdict before closing with 1007 for text that is not UTF-8', async () => {
    const { messages, code } = await stream((ws) => ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false }));
    assert.equal(code, 1007);
    assert.equal(errorOf(messages), 'INVALID_REQUEST');
  });

  it('records a widget timeout as TIMEOUT, a closed widget as ABORTED_BY_USER', async () => {
    await stream((ws) => ws.send(JSON.stringify({ type: 'cancel', reason: 'timeout' })), 'liveness');
    await stream((ws) => ws.send(JSON.stringify({ type: 'cancel' })), 'liveness');
    const deadline = Date.now() + 2000;
    let events: { kind: string; outcome: string; count: number }[] = [];
    while (Date.now() < deadline) {
      events = ((await adminCall(node, app, 'GET', '/v1/admin/statistics')).json() as { events: typeof events }).events.filter(
        (e) => e.kind === 'liveness',
      );
      if (events.length >= 2) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.deepEqual(events.map((e) => e.outcome).sort(), ['ABORTED_BY_USER', 'TIMEOUT']);
  });
});
