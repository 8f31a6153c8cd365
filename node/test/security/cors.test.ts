// CORS through @fastify/cors (issue 12, item 7): the same policy as the hand-written headers it
// replaced — the session answer only for the app's origins, the widget's sign-on call only for
// registered origins, the SDK for any page, nothing else cross-origin, never credentials.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CreatedApp } from '../../src/store/apps.js';
import { backends, type BackendEnv } from '../helpers/backends.js';
import { startTestNode, type TestNodeServer } from '../helpers/node.js';
import { basic } from './helpers.js';

const BACKEND = backends()[0]!;
const SHOP = 'https://shop.example';
const EVIL = 'https://evil.example';

describe('CORS policy per route', () => {
  let env: BackendEnv;
  let node: TestNodeServer;
  let app: CreatedApp;

  before(async () => {
    env = await BACKEND.open();
    node = await startTestNode(env, { listen: false });
    app = await node.createApp({}, [SHOP]);
  });
  after(async () => {
    await node?.close();
    await env?.close();
  });

  const session = (origin: string) =>
    node.app.inject({ method: 'POST', url: '/v1/sessions', headers: { origin }, payload: { publicId: app.app.publicId, op: 'authenticate' } });
  const preflight = (url: string, origin: string) =>
    node.app.inject({
      method: 'OPTIONS',
      url,
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });

  it('POST /v1/sessions: CORS for the app’s origin only; the preflight is permissive', async () => {
    const ok = await session(SHOP);
    assert.equal(ok.statusCode, 201);
    assert.equal(ok.headers['access-control-allow-origin'], SHOP);
    assert.equal(ok.headers['access-control-allow-credentials'], undefined);
    const refused = await session(EVIL);
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.headers['access-control-allow-origin'], undefined);
    const pre = await preflight('/v1/sessions', EVIL);
    assert.equal(pre.statusCode, 204);
    assert.equal(pre.headers['access-control-allow-origin'], EVIL);
    assert.match(String(pre.headers['access-control-allow-methods']), /POST/);
  });

  it('the sign-on widget call: registered origins only', async () => {
    assert.equal((await preflight('/api/v1/facial_sign_on/widget/login', SHOP)).headers['access-control-allow-origin'], SHOP);
    assert.equal((await preflight('/api/v1/facial_sign_on/widget/login', EVIL)).headers['access-control-allow-origin'], undefined);
  });

  it('the SDK for any page; admin and sign-on backend routes for none', async () => {
    const sdk = await node.app.inject({ method: 'GET', url: '/sdk/nothing.js', headers: { origin: EVIL } });
    assert.equal(sdk.headers['access-control-allow-origin'], '*');
    const admin = await node.app.inject({ method: 'GET', url: '/v1/admin/statistics', headers: { origin: SHOP, authorization: basic(app) } });
    assert.equal(admin.statusCode, 200);
    assert.equal(admin.headers['access-control-allow-origin'], undefined);
    assert.equal((await preflight('/v1/admin/settings', SHOP)).headers['access-control-allow-origin'], undefined);
    assert.equal((await preflight('/api/v1/facial_sign_on/application_auth', SHOP)).headers['access-control-allow-origin'], undefined);
  });
});
