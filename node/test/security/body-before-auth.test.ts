// Finding 3 (medium): eight unauthenticated 22 MB POSTs to /v1/admin/verify were read and parsed
// before their 401 (1.3–7.7 s each, +250 MB of memory), and a locked-out caller's body too before
// its 429. Authentication, lockouts and per-address limits now run in onRequest: the answer comes
// while the body is still being sent. Each route has a body limit that fits it.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { sha256Hex } from '../../src/security/secrets.js';
import type { CreatedApp } from '../../src/store/apps.js';
import { backends, type BackendEnv } from '../helpers/backends.js';
import { startTestNode, type TestNodeServer } from '../helpers/node.js';
import { assertFioError, basic, ORIGIN } from './helpers.js';

/**
 * Announces `length` bytes, sends only the first 64 KB and waits: resolves to the status the node
 * answers while the rest of the body has not been sent, or 'no answer' after `waitMs`.
 */
function answerBeforeBody(url: string, path: string, headers: Record<string, string>, length: number, waitMs = 2000): Promise<number | 'no answer'> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(length), ...headers },
    });
    const timer = setTimeout(() => {
      req.destroy();
      resolve('no answer');
    }, waitMs);
    req.on('response', (res) => {
      clearTimeout(timer);
      res.resume();
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? undefined : reject(error)));
    req.write(`{"imageA":"${'A'.repeat(64 * 1024)}`);
  });
}

const BACKEND = backends()[0]!;

describe('authentication and limits before the body is read', () => {
  let env: BackendEnv;
  let node: TestNodeServer;
  let app: CreatedApp;

  before(async () => {
    env = await BACKEND.open();
    node = await startTestNode(env, { config: { sessionsPerIpPerMinute: 2 } });
    // Photos cannot answer the active liveness challenge: passive liveness for these scans.
    app = await node.createApp({ liveness: 'passive' }, [ORIGIN]);
  });
  after(async () => {
    await node?.close();
    await env?.close();
  });

  it('answers 401 to an unauthenticated 22 MB POST /v1/admin/verify without waiting for its body', async () => {
    const started = Date.now();
    assert.equal(await answerBeforeBody(node.url, '/v1/admin/verify', { authorization: basic(app, 'ofs_wrong') }, 22_000_000), 401);
    assert.ok(Date.now() - started < 1500);
    assert.equal(await answerBeforeBody(node.url, '/v1/admin/verify', {}, 22_000_000), 401, 'no credentials at all');
  });

  it('answers 429 to a locked-out key and address without reading the body', async () => {
    for (let i = 0; i < 20; i++) await env.bus.hit(`rate:admin-failures:${sha256Hex(app.apiKey).slice(0, 32)}:127.0.0.1`, 900_000);
    assert.equal(await answerBeforeBody(node.url, '/v1/admin/verify', { authorization: basic(app, 'ofs_guess') }, 22_000_000), 429);
  });

  it('answers 429 to an address over its session limit without reading the body', async () => {
    for (let i = 0; i < 2; i++) await node.app.inject({ method: 'POST', url: '/v1/sessions', remoteAddress: '127.0.0.1', payload: {} });
    assert.equal(await answerBeforeBody(node.url, '/v1/sessions', { origin: ORIGIN }, 60_000), 429);
  });

  it('gives every route a body limit that fits it, in our error shape', async () => {
    const other = await node.createApp({}, [ORIGIN]);
    const big = (n: number) => 'x'.repeat(n);
    const pin = await node.app.inject({
      method: 'PUT',
      url: `/v1/admin/facial-ids/${crypto.randomUUID()}/pin`,
      headers: { authorization: basic(other) },
      payload: { pin: big(4000) },
    });
    assertFioError(pin, 413, 'INVALID_REQUEST');
    const settings = await node.app.inject({
      method: 'PATCH',
      url: '/v1/admin/settings',
      headers: { authorization: basic(other) },
      payload: { webhookUrl: big(40_000) },
    });
    assertFioError(settings, 413, 'INVALID_REQUEST');
    const session = await node.app.inject({
      method: 'POST',
      url: '/v1/sessions',
      remoteAddress: '10.3.0.1',
      payload: { publicId: other.app.publicId, op: 'enroll', payload: big(30_000) },
    });
    assertFioError(session, 413, 'PAYLOAD_REFUSED');
    const signOn = await node.app.inject({
      method: 'POST',
      url: '/api/v1/facial_sign_on/application_auth',
      payload: { api_key: big(40_000), secret_key: 'x', domain: 'x' },
    });
    assert.equal(signOn.statusCode, 413);
    assert.equal((signOn.json() as { code: number }).code, 1040);
  });
});
