// The attack classes that held in the issue-12 test attack, replayed on both back ends so they keep
// holding: tenant isolation on every admin route, the one-time session token under a race, JPEG
// and PNG bombs, path traversal into the SDK folder, the sign-on channel without its secret.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import type { ServerMessage } from 'openfaceio/protocol';
import { SIGN_ON_CHANNEL } from '../../src/sign-on/contract.js';
import { hashPin } from '../../src/security/pins.js';
import { pinDigest } from '../../src/security/secrets.js';
import type { CreatedApp } from '../../src/store/apps.js';
import { insertEnrollment } from '../../src/store/facial-ids.js';
import { backends, type BackendEnv } from '../helpers/backends.js';
import { startTestNode, type TestNodeServer } from '../helpers/node.js';
import { assertOk, fakeFacialId, siteWithToken, startSignOnNode, userWithPhone, type SignOnTestNode } from '../sign-on/helpers.js';
import { jpegBomb, pngBomb } from './bombs.js';
import { adminCall, assertFioError, ORIGIN } from './helpers.js';

for (const BACKEND of backends())
  describe(`attacks that held, replayed (${BACKEND.name})`, () => {
    let env: BackendEnv;
    let node: TestNodeServer;
    let sdkDir: string;
    let a: CreatedApp;
    let b: CreatedApp;
    let idOfA: string;

    before(async () => {
      env = await BACKEND.open();
      sdkDir = mkdtempSync(join(tmpdir(), 'ofio-sdk-'));
      writeFileSync(join(sdkDir, 'openfaceio.js'), 'export {};');
      node = await startTestNode(env, { sdkDir });
      a = await node.createApp({ webhookUrl: 'https://hooks.example/a' }, [ORIGIN]);
      b = await node.createApp({}, [ORIGIN]);
      idOfA = randomUUID();
      await insertEnrollment(env.db, {
        appId: a.app.id,
        facialId: idOfA,
        payload: { secret: 'of-a' },
        pinHash: await hashPin('4829'),
        pinDigest: pinDigest(a.app.pinPepper, '4829'),
        gender: 'female',
        age: 30,
        templates: [new Float32Array(512).fill(0.044)],
      });
      const doomed = randomUUID();
      await insertEnrollment(env.db, {
        appId: a.app.id,
        facialId: doomed,
        payload: null,
        pinHash: null,
        pinDigest: null,
        gender: 'male',
        age: 40,
        templates: [],
      });
      assert.equal((await adminCall(node, a, 'DELETE', `/v1/admin/facial-ids/${doomed}`)).statusCode, 200); // a delivery in A's log
      await adminCall(node, a, 'PUT', `/v1/admin/facial-ids/${idOfA}/payload`, { payload: { secret: 'of-a' } });
    });
    after(async () => {
      await node?.close();
      await env?.close();
    });

    it('tenant isolation: app B reaches none of app A’s facial IDs, deliveries, settings or statistics', async () => {
      for (const [method, url, body] of [
        ['GET', `/v1/admin/facial-ids/${idOfA}`],
        ['PUT', `/v1/admin/facial-ids/${idOfA}/payload`, { payload: 'mine' }],
        ['PUT', `/v1/admin/facial-ids/${idOfA}/pin`, { pin: '730519' }],
        ['DELETE', `/v1/admin/facial-ids/${idOfA}`],
      ] as const) {
        assertFioError(await adminCall(node, b, method, url, body), 404, 'PROCESSING_ERR');
      }
      const list = (await adminCall(node, b, 'GET', `/v1/admin/facial-ids?after=${idOfA}`)).json() as { items: unknown[] };
      assert.deepEqual(list.items, []);
      const deliveriesOfA = (await adminCall(node, a, 'GET', '/v1/admin/webhooks/deliveries')).json() as { items: { id: string }[] };
      const [{ id: deliveryOfA }] = deliveriesOfA.items as [{ id: string }];
      assert.deepEqual(((await adminCall(node, b, 'GET', '/v1/admin/webhooks/deliveries')).json() as { items: unknown[] }).items, []);
      assert.equal((await adminCall(node, b, 'POST', `/v1/admin/webhooks/deliveries/${deliveryOfA}/redeliver`)).statusCode, 404);
      const settings = (await adminCall(node, b, 'GET', '/v1/admin/settings')).json() as { publicId: string; settings: { webhookUrl: unknown } };
      assert.equal(settings.publicId, b.app.publicId);
      assert.equal(settings.settings.webhookUrl, null);
      const stats = (await adminCall(node, b, 'GET', '/v1/admin/statistics')).json() as { facialIds: number };
      assert.equal(stats.facialIds, 0);
      const stillA = (await adminCall(node, a, 'GET', `/v1/admin/facial-ids/${idOfA}`)).json() as { payload: unknown };
      assert.deepEqual(stillA.payload, { secret: 'of-a' }, 'A’s data is untouched');
      const oneToOne = await node.app.inject({
        method: 'POST',
        url: '/v1/sessions',
        headers: { origin: ORIGIN },
        payload: { publicId: b.app.publicId, op: 'authenticate', facialId: idOfA },
      });
      assert.equal(oneToOne.statusCode, 201, 'a 1:1 session names a foreign ID, but can only ever fail: the index is per app');
      assert.equal(node.deps.index.searchOne(b.app.id, new Float32Array(512).fill(0.044), idOfA), null);
    });

    it('a session token is redeemed once, even by ten sockets racing for it', async () => {
      const created = await fetch(`${node.url}/v1/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ORIGIN },
        body: JSON.stringify({ publicId: a.app.publicId, op: 'liveness' }),
      });
      const { sessionToken } = (await created.json()) as { sessionToken: string };
      const firsts = await Promise.all(
        Array.from(
          { length: 10 },
          () =>
            new Promise<ServerMessage>((resolve, reject) => {
              const ws = new WebSocket(`${node.url.replace('http', 'ws')}/v1/sessions/stream?token=${sessionToken}`, { origin: ORIGIN });
              ws.on('message', (data: Buffer) => {
                resolve(JSON.parse(data.toString()) as ServerMessage);
                ws.close();
              });
              ws.on('error', reject);
            }),
        ),
      );
      assert.equal(firsts.filter((m) => m.type === 'ready').length, 1, 'one socket got the session');
      assert.equal(firsts.filter((m) => m.type === 'verdict' && !m.ok && m.error.name === 'SESSION_EXPIRED').length, 9);
    });

    it('JPEG and PNG bombs are refused with a code, on the admin API and the stream', async () => {
      for (const image of [await jpegBomb(), await pngBomb()]) {
        const r = await adminCall(node, a, 'POST', '/v1/admin/age', { image: image.toString('base64') });
        assert.equal(r.statusCode, 400, r.body);
        assertFioError(r, 400, 'PROCESSING_ERR');
      }
      const created = await fetch(`${node.url}/v1/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ORIGIN },
        body: JSON.stringify({ publicId: a.app.publicId, op: 'liveness' }),
      });
      const { sessionToken } = (await created.json()) as { sessionToken: string };
      const bomb = await jpegBomb();
      const verdict = await new Promise<ServerMessage>((resolve) => {
        const ws = new WebSocket(`${node.url.replace('http', 'ws')}/v1/sessions/stream?token=${sessionToken}`, { origin: ORIGIN });
        ws.on('open', () => ws.send(bomb));
        ws.on('message', (data: Buffer) => {
          const m = JSON.parse(data.toString()) as ServerMessage;
          if (m.type === 'verdict') resolve(m);
        });
      });
      assert.equal(verdict.type === 'verdict' && !verdict.ok && verdict.error.name, 'PROCESSING_ERR');
    });

    it('no path traversal out of the SDK folder', async () => {
      assert.equal((await node.app.inject({ method: 'GET', url: '/sdk/openfaceio.js' })).statusCode, 200);
      for (const path of [
        '/sdk/../package.json',
        '/sdk/..%2f..%2fpackage.json',
        '/sdk/%2e%2e/%2e%2e/etc/passwd',
        '/sdk/....//....//etc/passwd',
        '/sdk/%00',
        '/sdk/..\\..\\package.json',
      ]) {
        const r = await node.app.inject({ method: 'GET', url: path });
        assert.ok([400, 404].includes(r.statusCode), `${path} → ${r.statusCode}`);
        assert.doesNotMatch(r.body, /"name": "openfaceio"|root:/);
      }
    });
  });

for (const BACKEND of backends())
  describe(`the sign-on channel needs its secret (${BACKEND.name})`, () => {
    let env: BackendEnv;
    let node: SignOnTestNode;
    before(async () => {
      env = await BACKEND.open();
      node = await startSignOnNode(env, { listen: true });
    });
    after(async () => {
      await node?.close();
      await env?.close();
    });

    it('a verification token without its subscription secret is refused; with it, confirmed', async () => {
      const site = await siteWithToken(node);
      await userWithPhone(node, site.token, 'ada', await fakeFacialId(env, site.appId));
      const started = assertOk(await node.call('POST', 'login/push_notification', { token: site.token, body: { id: 'ada' } }));
      const answer = (secret: string) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(`${node.url.replace('http', 'ws')}/cable`, ['actioncable-v1-json']);
          const identifier = JSON.stringify({
            channel: SIGN_ON_CHANNEL,
            verification_token: started.verification_token,
            subscription_secret: secret,
          });
          ws.on('message', (data: Buffer) => {
            const m = JSON.parse(data.toString()) as { type?: string; identifier?: string };
            if (m.type === 'welcome') ws.send(JSON.stringify({ command: 'subscribe', identifier }));
            if (m.identifier === identifier) {
              resolve(String(m.type));
              ws.close();
            }
          });
        });
      assert.equal(await answer('guess'), 'reject_subscription');
      assert.equal(await answer(String(started.subscription_secret).slice(0, -1) + 'x'), 'reject_subscription');
      assert.equal(await answer(String(started.subscription_secret)), 'confirm_subscription');
    });
  });
