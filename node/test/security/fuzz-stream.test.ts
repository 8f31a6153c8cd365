// A bounded fuzz of the scan stream (issue 12, item 8): seeded sessions, each a random sequence of
// binary frames (random bytes, truncated and bomb JPEGs, a real noise image) and text messages (junk,
// valid and invalid protocol messages). Every session must end with exactly one verdict carrying a
// code, within the session limit; the node must still answer afterwards.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import WebSocket from 'ws';
import type { ServerMessage } from 'openfaceio/protocol';
import { FIO_ERROR_CODES } from 'openfaceio/protocol';
import type { CreatedApp } from '../../src/store/apps.js';
import { backends, type BackendEnv } from '../helpers/backends.js';
import { startTestNode, type TestNodeServer } from '../helpers/node.js';
import { jpegBomb } from './bombs.js';
import { ORIGIN } from './helpers.js';

const SESSIONS = 16;
const SEED = 0x5ca9;
const BACKEND = backends()[0]!;

function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { int: (n: number) => Math.floor(next() * n) };
}

describe('scan stream fuzz', () => {
  let env: BackendEnv;
  let node: TestNodeServer;
  let app: CreatedApp;
  let noise: Buffer;
  let bomb: Buffer;

  before(async () => {
    env = await BACKEND.open();
    // A short session limit: a fuzzed client that goes quiet gets its TIMEOUT verdict quickly.
    node = await startTestNode(env, { limits: { sessionMs: 2500, pinMs: 1500 } });
    // Photos cannot answer the active liveness challenge: passive liveness for these scans.
    app = await node.createApp({ pinPolicy: 'always', liveness: 'passive' }, [ORIGIN]);
    const pixels = Buffer.alloc(96 * 96 * 3);
    for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 7919) % 251;
    noise = await sharp(pixels, { raw: { width: 96, height: 96, channels: 3 } })
      .jpeg()
      .toBuffer();
    bomb = await jpegBomb();
  });
  after(async () => {
    await node?.close();
    await env?.close();
  });

  it(`${SESSIONS} seeded sessions: each ends with one coded verdict`, async () => {
    const rng = prng(SEED);
    const texts = [
      'x',
      '{}',
      '[]',
      'null',
      '{"type":"hello","signals":{"virtualCamera":"yes","cameraLabel":42}}',
      '{"type":"hello"}',
      '{"type":"pin","pin":"1234"}',
      '{"type":"pin","pin":"' + '9'.repeat(40) + '"}',
      '{"type":"cancel","reason":"timeout"}',
      '{"type":"cancel","reason":"\\u0000"}',
      '{"type":"__proto__"}',
      '{"type":"pin","pin":"\\ud800"}',
    ];
    const frame = (): Buffer => {
      switch (rng.int(5)) {
        case 0:
          return Buffer.from(Array.from({ length: 1 + rng.int(2000) }, () => rng.int(256)));
        case 1:
          return noise.subarray(0, 1 + rng.int(noise.length - 1));
        case 2:
          return bomb;
        default:
          return noise;
      }
    };
    for (let s = 0; s < SESSIONS; s++) {
      const created = await fetch(`${node.url}/v1/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ORIGIN },
        body: JSON.stringify({ publicId: app.app.publicId, op: ['enroll', 'authenticate', 'liveness', 'age'][rng.int(4)] }),
      });
      assert.equal(created.status, 201);
      const { sessionToken } = (await created.json()) as { sessionToken: string };
      const steps = Array.from({ length: 1 + rng.int(8) }, () => (rng.int(2) === 0 ? frame() : texts[rng.int(texts.length)]!));
      const messages = await new Promise<ServerMessage[]>((resolve, reject) => {
        const ws = new WebSocket(`${node.url.replace('http', 'ws')}/v1/sessions/stream?token=${sessionToken}`, { origin: ORIGIN });
        const got: ServerMessage[] = [];
        const timer = setTimeout(() => reject(new Error(`session ${s}: no close within 6 s: ${JSON.stringify(got).slice(0, 300)}`)), 6000);
        ws.on('open', () => {
          for (const step of steps) if (ws.readyState === ws.OPEN) ws.send(step, { binary: typeof step !== 'string' });
        });
        ws.on('message', (data: Buffer) => got.push(JSON.parse(data.toString('utf8')) as ServerMessage));
        ws.on('close', () => {
          clearTimeout(timer);
          resolve(got);
        });
        ws.on('error', () => undefined);
      });
      const verdicts = messages.filter((m) => m.type === 'verdict');
      assert.equal(verdicts.length, 1, `session ${s}: exactly one verdict, got ${JSON.stringify(messages).slice(0, 400)}`);
      const verdict = verdicts[0]!;
      if (!verdict.ok) assert.equal(verdict.error.code, FIO_ERROR_CODES[verdict.error.name], `session ${s}: a known code`);
    }
    assert.equal((await fetch(`${node.url}/v1/status`)).status, 200, 'the node still answers');
  });
});
