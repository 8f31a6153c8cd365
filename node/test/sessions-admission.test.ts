import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { updateApp } from '../src/store/apps.js';
import { backends, type BackendEnv } from './helpers/backends.js';
import { startTestNode, type TestNodeServer } from './helpers/node.js';

// Module level: backends() registers the shared servers' shutdown as a file-level hook.
const BACKEND = backends()[0]!;

// POST /v1/sessions: every refusal has its fio.js code and a message a developer can act on.
describe('POST /v1/sessions admission', () => {
  let env: BackendEnv;
  let node: TestNodeServer;
  before(async () => {
    env = await BACKEND.open();
    node = await startTestNode(env, { listen: false, config: { sessionsPerIpPerMinute: 5 } });
  });
  after(async () => {
    await node?.close();
    await env?.close();
  });

  const start = (body: Record<string, unknown>, headers: Record<string, string> = {}, remoteAddress = '10.0.0.1') =>
    node.app.inject({ method: 'POST', url: '/v1/sessions', payload: body, headers, remoteAddress });
  const error = (r: { json(): unknown }) => (r.json() as { error: { code: number; name: string; message: string } }).error;

  it('issues a one-time token with the settings the widget must honour', async () => {
    const { app } = await node.createApp({}, ['https://shop.example']);
    const r = await start({ publicId: app.publicId, op: 'enroll', payload: { a: 1 } }, { origin: 'https://shop.example' });
    assert.equal(r.statusCode, 201);
    const body = r.json() as { sessionToken: string; expiresAt: string; settings: { pinPolicy: string; minFrames: number } };
    assert.ok(body.sessionToken.length >= 40);
    assert.ok(Date.parse(body.expiresAt) > Date.now());
    assert.equal(body.settings.pinPolicy, 'on-doubt');
    assert.equal(r.headers['access-control-allow-origin'], 'https://shop.example');
  });

  it("answers in the widget's language, else the browser's Accept-Language, else English", async () => {
    const { app } = await node.createApp({}, ['https://shop.example']);
    let caller = 0; // one address per call: this suite's per-IP limit is 5
    const localeOf = async (body: Record<string, unknown>, acceptLanguage?: string) =>
      (
        (
          await start(
            { publicId: app.publicId, op: 'authenticate', ...body },
            { origin: 'https://shop.example', ...(acceptLanguage ? { 'accept-language': acceptLanguage } : {}) },
            `10.0.1.${++caller}`,
          )
        ).json() as {
          locale: string;
        }
      ).locale;
    assert.equal(await localeOf({ locale: 'ja' }, 'fr'), 'ja');
    assert.equal(await localeOf({ locale: 'auto' }, 'de-CH, fr;q=0.9'), 'de');
    assert.equal(await localeOf({}, 'xx-YY, pt-BR;q=0.8, en;q=0.9'), 'en');
    assert.equal(await localeOf({}, 'xx-YY, pt-BR;q=0.95, en;q=0.9'), 'pt');
    assert.equal(await localeOf({ locale: 'tlh' }, undefined), 'en');
  });

  it('refuses an unknown application: UNAUTHORIZED (10)', async () => {
    const r = await start({ publicId: 'ofio_nope', op: 'authenticate' }, { origin: 'https://x.example' });
    assert.equal(r.statusCode, 401);
    assert.deepEqual([error(r).code, error(r).name], [10, 'UNAUTHORIZED']);
  });

  it('refuses a paused or blocked application', async () => {
    const { app } = await node.createApp();
    await updateApp(env.db, app.id, { status: 'blocked' });
    const r = await start({ publicId: app.publicId, op: 'authenticate' }, { origin: 'https://x.example' });
    assert.equal(error(r).name, 'UNAUTHORIZED');
    assert.match(error(r).message, /blocked/);
  });

  it('refuses an origin outside the allow-list: FORBIDDDEN_ORIGIN (17), without CORS headers', async () => {
    const { app } = await node.createApp({}, ['https://shop.example']);
    const r = await start({ publicId: app.publicId, op: 'authenticate' }, { origin: 'https://evil.example' });
    assert.equal(r.statusCode, 403);
    assert.equal(error(r).code, 17);
    assert.equal(r.headers['access-control-allow-origin'], undefined);
  });

  it('refuses a request without Origin when the app says so: EMPTY_ORIGIN (16)', async () => {
    const { app } = await node.createApp({ rejectEmptyOrigin: true });
    assert.equal(error(await start({ publicId: app.publicId, op: 'authenticate' })).code, 16);
    const { app: lenient } = await node.createApp({ rejectEmptyOrigin: false });
    assert.equal((await start({ publicId: lenient.publicId, op: 'authenticate' }, {}, '10.0.0.2')).statusCode, 201);
  });

  it('refuses a country outside the allow-list: FORBIDDDEN_COUNTRY (18)', async () => {
    const { app } = await node.createApp({ countryAllowList: ['FR', 'DE'] });
    const fr = await start({ publicId: app.publicId, op: 'authenticate' }, { origin: 'https://x.example', 'x-test-country': 'fr' }, '10.0.0.3');
    assert.equal(fr.statusCode, 201);
    const us = await start({ publicId: app.publicId, op: 'authenticate' }, { origin: 'https://x.example', 'x-test-country': 'US' }, '10.0.0.3');
    assert.equal(error(us).code, 18);
  });

  it('refuses a payload over 16 KB and a payload outside enrollment', async () => {
    const { app } = await node.createApp();
    const big = await start(
      { publicId: app.publicId, op: 'enroll', payload: { blob: 'x'.repeat(17_000) } },
      { origin: 'https://x.example' },
      '10.0.0.4',
    );
    assert.equal(big.statusCode, 413);
    assert.match(error(big).message, /16 KB/);
    const misplaced = await start({ publicId: app.publicId, op: 'authenticate', payload: 1 }, { origin: 'https://x.example' }, '10.0.0.4');
    assert.equal(misplaced.statusCode, 400);
  });

  it('rejects a malformed request with a validation message', async () => {
    const r = await start({ publicId: 'x', op: 'teleport' }, {}, '10.0.0.5');
    assert.equal(r.statusCode, 400);
    assert.match(error(r).message, /op/);
  });

  it('rate-limits session starts per IP: TOO_MANY_REQUESTS (15) with Retry-After', async () => {
    const { app } = await node.createApp();
    const codes: number[] = [];
    for (let i = 0; i < 7; i++)
      codes.push((await start({ publicId: app.publicId, op: 'authenticate' }, { origin: 'https://x.example' }, '10.9.9.9')).statusCode);
    assert.deepEqual(codes, [201, 201, 201, 201, 201, 429, 429]);
    const limited = await start({ publicId: app.publicId, op: 'authenticate' }, { origin: 'https://x.example' }, '10.9.9.9');
    assert.equal(error(limited).code, 15);
    assert.ok(Number(limited.headers['retry-after']) >= 1);
  });
});
