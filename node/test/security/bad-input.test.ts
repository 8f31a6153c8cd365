// Finding 5 (low), the bad-input part: NUL bytes and lone surrogates reached PostgreSQL and came back
// as HTTP 500 (or, in a payload, as a "retryable" PROCESSING_ERR after the user scanned and typed a
// PIN); the database error log carried the query's parameters; 400/414/431 came in Fastify's shape;
// login/start answered 200 to any body. Both back ends.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { buildApp } from '../../src/app.js';
import { createNodeDeps } from '../../src/node-deps.js';
import { createApp, type CreatedApp } from '../../src/store/apps.js';
import { backends, type BackendEnv } from '../helpers/backends.js';
import { testEngine } from '../helpers/engine.js';
import { TEST_CONFIG } from '../helpers/node.js';
import { assertFailure, siteWithToken, startSignOnNode, type SignOnTestNode } from '../sign-on/helpers.js';
import { assertFioError, basic, ORIGIN } from './helpers.js';

/** A raw HTTP request (inject cannot send a URL or header over Node's parser limits). */
const raw = (url: string, path: string, headers: Record<string, string> = {}) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const u = new URL(url);
    const req = request({ host: u.hostname, port: u.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });

for (const BACKEND of backends())
  describe(`bad input gets a 400 and a code, never a 500 (${BACKEND.name})`, () => {
    let env: BackendEnv;
    let node: SignOnTestNode;
    let app: CreatedApp;
    let site: Awaited<ReturnType<typeof siteWithToken>>;

    before(async () => {
      env = await BACKEND.open();
      node = await startSignOnNode(env, { listen: true });
      // Photos cannot answer the active liveness challenge: passive liveness for these scans.
      app = await node.createApp({ liveness: 'passive' }, [ORIGIN]);
      site = await siteWithToken(node);
    });
    after(async () => {
      await node?.close();
      await env?.close();
    });

    it('a NUL byte in a sign-on path is a 400 with code 1040', async () => {
      assertFailure(await node.call('DELETE', 'users/%00', { token: site.token }), 1040, 400);
      assertFailure(await node.call('POST', 'users/%00/unlock', { token: site.token }), 1040, 400);
      assertFailure(await node.call('POST', 'users', { token: site.token, body: { uid: 'a\u0000b' } }), 1040, 400);
    });

    it('a payload holding U+0000 or a lone surrogate is refused when the session is created: 400 PAYLOAD_REFUSED', async () => {
      for (const payload of ['{"name":"\\u0000"}', '{"name":"\\ud800"}', '{"\\udfff":1}', '["ok","\\udc00x"]']) {
        const r = await node.app.inject({
          method: 'POST',
          url: '/v1/sessions',
          headers: { origin: ORIGIN, 'content-type': 'application/json' },
          payload: `{"publicId":"${app.app.publicId}","op":"enroll","payload":${payload}}`,
        });
        assertFioError(r, 400, 'PAYLOAD_REFUSED');
      }
      const fine = await node.app.inject({
        method: 'POST',
        url: '/v1/sessions',
        headers: { origin: ORIGIN },
        payload: { publicId: app.app.publicId, op: 'enroll', payload: { name: 'Zoë 😀' } },
      });
      assert.equal(fine.statusCode, 201, 'a surrogate pair (an emoji) is fine');
      const admin = await node.app.inject({
        method: 'PUT',
        url: `/v1/admin/facial-ids/${crypto.randomUUID()}/payload`,
        headers: { authorization: basic(app), 'content-type': 'application/json' },
        payload: '{"payload":"\\u0000"}',
      });
      assertFioError(admin, 400, 'PAYLOAD_REFUSED');
    });

    it('answers a bad URL, a long path parameter and oversized headers in our shape', async () => {
      const badUrl = await raw(node.url, '/v1/admin/facial-ids/%E0%A4%A');
      assertFioError({ statusCode: badUrl.status, body: badUrl.body }, 400, 'INVALID_REQUEST');
      const long = await raw(node.url, `/v1/admin/facial-ids/${'a'.repeat(500)}`);
      assertFioError({ statusCode: long.status, body: long.body }, 414, 'INVALID_REQUEST');
      const signOnLong = await raw(node.url, `/api/v1/facial_sign_on/registration/${'a'.repeat(500)}`);
      assert.equal(signOnLong.status, 414);
      assert.equal((JSON.parse(signOnLong.body) as { code: number }).code, 1040);
      const headers = await raw(node.url, '/v1/status', { 'x-big': 'a'.repeat(20_000) });
      assertFioError({ statusCode: headers.status, body: headers.body }, 431, 'INVALID_REQUEST');
      assert.ok(!headers.body.includes('aaaa'), 'nothing of the request is echoed');
    });

    it('login/start takes no body', async () => {
      assertFailure(await node.call('POST', 'login/start', { token: site.token, body: { anything: 1 } }), 1040, 400);
      assert.equal((await node.call('POST', 'login/start', { token: site.token })).status, 200);
      assert.equal((await node.call('POST', 'login/start', { token: site.token, body: {} })).status, 200);
    });
  });

describe('the database error log line carries no query parameters', () => {
  let env: BackendEnv;
  let stop: (() => Promise<void>) | undefined;

  before(async () => {
    env = await backends()[0]!.open();
  });
  after(async () => {
    await stop?.();
    await env?.close();
  });

  it('logs the SQLSTATE of a failing statement, never its parameters or the values it quotes', async () => {
    const lines: string[] = [];
    const { deps, close } = await createNodeDeps({
      db: env.db,
      bus: env.bus,
      engine: testEngine(),
      clock: { now: () => Date.now() },
      config: { ...TEST_CONFIG, logLevel: 'info' },
      sdk: { bundleDir: '/nonexistent' },
      version: 'test',
    });
    const app = await buildApp(deps, { logStream: { write: (line) => void lines.push(line) } });
    stop = async () => {
      await app.close();
      await close();
    };
    const created = await createApp(env.db, 'logs', []);
    const id = crypto.randomUUID();
    await env.db.query('INSERT INTO facial_ids (id, app_id) VALUES ($1, $2)', [id, created.app.id]);
    // A real database failure while the payload is bound: the column is too small for it.
    await env.db.query('ALTER TABLE facial_ids ADD CONSTRAINT small_payload CHECK (length(payload::text) < 20)');
    const secret = 'SECRET-PAYLOAD-VALUE-1234567890';
    const r = await app.inject({
      method: 'PUT',
      url: `/v1/admin/facial-ids/${id}/payload`,
      headers: { authorization: basic(created) },
      payload: { payload: secret },
    });
    assert.equal(r.statusCode, 500);
    const logged = lines.join('\n');
    assert.match(logged, /23514/, 'the SQLSTATE is logged');
    assert.ok(!logged.includes(secret), `the payload must not reach the log: ${logged}`);
  });
});
