// The session's time limits are one table (src/protocol/limits.ts): the node announces them in
// `ready` and honours the widget's "More time" (`extend`) within them. Real node, real models,
// real WebSocket; times are lower bounds (timers never fire early) or wide upper margins.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import type { ServerMessage } from 'openfaceio/protocol';
import { dataPath } from '../../test/helpers/data.js';
import { backends, type BackendEnv } from './helpers/backends.js';
import { startTestNode, type TestNodeServer } from './helpers/node.js';
import { frameOf } from './helpers/scan-client.js';

const ORIGIN = 'https://limits.example';
const PIN_MS = 3_000;

/**
 * Enrolls up to the PIN request, then sends `extend` at the given delays (ms after `pin-required`)
 * and never a PIN: resolves with the ready message, the verdict and when it came.
 */
async function waitOutPin(node: TestNodeServer, publicId: string, extendsAt: number[]) {
  const frames = await Promise.all(['img1.jpg', 'img10.jpg', 'img11.jpg'].map((f) => frameOf(dataPath('faces', 'deepface_id01', f))));
  const response = await fetch(`${node.url}/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN },
    body: JSON.stringify({ publicId, op: 'enroll' }),
  });
  const { sessionToken } = (await response.json()) as { sessionToken: string };
  const ws = new WebSocket(`${node.url.replace(/^http/, 'ws')}/v1/sessions/stream?token=${sessionToken}`, { origin: ORIGIN });
  const messages: ServerMessage[] = [];
  let pinAskedAt = 0;
  return new Promise<{ ready?: ServerMessage; verdict?: ServerMessage; afterPinMs: number }>((resolve, reject) => {
    ws.on('open', () => ws.send(frames.shift()!));
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as ServerMessage;
      messages.push(message);
      if (message.type === 'progress' && frames.length) ws.send(frames.shift()!);
      if (message.type === 'pin-required') {
        pinAskedAt = performance.now();
        for (const at of extendsAt) setTimeout(() => ws.send(JSON.stringify({ type: 'extend' })), at);
      }
      if (message.type === 'verdict')
        resolve({
          ready: messages.find((m) => m.type === 'ready'),
          verdict: message,
          afterPinMs: performance.now() - pinAskedAt,
        });
    });
    ws.on('error', reject);
  });
}

const [BACKEND] = backends();
describe('session time limits and "More time" (extend)', () => {
  let env: BackendEnv;
  let node: TestNodeServer;
  let publicId: string;

  before(async () => {
    env = await BACKEND!.open();
    node = await startTestNode(env, { limits: { pinMs: PIN_MS, maxExtensions: 2 } });
    publicId = (await node.createApp({ pad: false }, [ORIGIN])).app.publicId;
  });
  after(async () => {
    await node?.close();
    await env?.close();
  });

  it('announces its limits in ready and times a PIN out at pinMs without an extend', async () => {
    const run = await waitOutPin(node, publicId, []);
    assert.deepEqual(run.ready?.type === 'ready' && run.ready.limits, { sessionMs: 120_000, pinMs: PIN_MS, maxExtensions: 2 });
    assert.equal(run.verdict?.type === 'verdict' && !run.verdict.ok && run.verdict.error.name, 'TIMEOUT');
    assert.ok(run.afterPinMs >= PIN_MS - 50, `timed out after ${run.afterPinMs} ms`);
  });

  it('re-arms the PIN limit for each extend, and ignores extends beyond maxExtensions', async () => {
    // Honoured: at 0.2 s and 0.4 s (the limit now ends at 0.4 + 3 = 3.4 s). Ignored: the third, at 2.4 s
    // (honouring it would move the end to 5.4 s).
    const run = await waitOutPin(node, publicId, [200, 400, 2_400]);
    assert.equal(run.verdict?.type === 'verdict' && !run.verdict.ok && run.verdict.error.name, 'TIMEOUT');
    assert.ok(run.afterPinMs >= 400 + PIN_MS - 50, `the extends were honoured: timed out after ${Math.round(run.afterPinMs)} ms`);
    assert.ok(run.afterPinMs < 2_400 + PIN_MS - 500, `the third extend was ignored: timed out after ${Math.round(run.afterPinMs)} ms`);
  });
});
