import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { hashPin, verifyPin } from '../src/security/pins.js';
import { pinDigest } from '../src/security/secrets.js';
import type { CreatedApp } from '../src/store/apps.js';
import { insertEnrollment, pinHashOf } from '../src/store/facial-ids.js';
import { backends, type BackendEnv } from './helpers/backends.js';
import { dataPath } from '../../test/helpers/data.js';
import { startTestNode, type TestNodeServer } from './helpers/node.js';

// Module level: backends() registers the shared servers' shutdown as a file-level hook.
const BACKEND = backends()[0]!;

describe('admin REST API', () => {
  let env: BackendEnv;
  let node: TestNodeServer;
  let created: CreatedApp;
  let other: CreatedApp;
  const ids: string[] = [];
  const basic = (app: CreatedApp, secret = app.secret) => `Basic ${Buffer.from(`${app.apiKey}:${secret}`).toString('base64')}`;
  const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown, app = created, remoteAddress = '10.1.0.1') =>
    node.app.inject({ method, url, payload: payload as never, headers: { authorization: basic(app) }, remoteAddress });

  before(async () => {
    env = await BACKEND.open();
    node = await startTestNode(env, { listen: false });
    created = await node.createApp();
    other = await node.createApp();
    for (let i = 0; i < 5; i++) {
      const facialId = randomUUID();
      const template = new Float32Array(512).fill(0);
      template[i] = 1;
      await insertEnrollment(env.db, {
        appId: created.app.id,
        facialId,
        payload: { n: i },
        pinHash: await hashPin('4829'),
        pinDigest: pinDigest(created.app.pinPepper, '4829'),
        gender: 'female',
        age: 33,
        templates: [template],
      });
      await node.deps.index.add(created.app.id, facialId, [template]);
      ids.push(facialId);
    }
  });
  after(async () => {
    await node?.close();
    await env?.close();
  });

  it('refuses a wrong secret, a missing header and another app’s key for this app’s data', async () => {
    const wrong = await node.app.inject({ method: 'GET', url: '/v1/admin/facial-ids', headers: { authorization: basic(created, 'ofs_wrong') } });
    assert.equal(wrong.statusCode, 401);
    assert.equal((wrong.json() as { error: { code: number } }).error.code, 10);
    assert.equal((await node.app.inject({ method: 'GET', url: '/v1/admin/facial-ids' })).statusCode, 401);
    const foreign = await call('GET', `/v1/admin/facial-ids/${ids[0]}`, undefined, other);
    assert.equal(foreign.statusCode, 404, 'tenants are isolated');
  });

  it('locks out an address after repeated failed logins', async () => {
    let last = 0;
    for (let i = 0; i < 22; i++) {
      last = (
        await node.app.inject({
          method: 'GET',
          url: '/v1/admin/statistics',
          headers: { authorization: basic(created, `ofs_guess${i}`) },
          remoteAddress: '10.66.0.1',
        })
      ).statusCode;
    }
    assert.equal(last, 429);
    const right = await call('GET', '/v1/admin/statistics', undefined, created, '10.66.0.1');
    assert.equal(right.statusCode, 429, 'even the right secret waits out the lockout');
  });

  it('lists facial IDs in pages', async () => {
    const first = (await call('GET', '/v1/admin/facial-ids?limit=3')).json() as { items: { facialId: string }[]; next: string };
    assert.equal(first.items.length, 3);
    const second = (await call('GET', `/v1/admin/facial-ids?limit=3&after=${first.next}`)).json() as {
      items: { facialId: string }[];
      next: string | null;
    };
    assert.equal(second.items.length, 2);
    assert.equal(second.next, null);
    assert.deepEqual([...first.items, ...second.items].map((i) => i.facialId).sort(), [...ids].sort());
  });

  it('gets one facial ID, without any biometric data', async () => {
    const r = await call('GET', `/v1/admin/facial-ids/${ids[1]}`);
    const body = r.json() as Record<string, unknown>;
    assert.deepEqual(Object.keys(body).sort(), ['age', 'createdAt', 'facialId', 'gender', 'hasPin', 'lastSeenAt', 'payload', 'templates']);
    assert.deepEqual(body.payload, { n: 1 });
    assert.equal(body.templates, 1);
  });

  it('replaces the payload, refusing one over 16 KB', async () => {
    assert.equal((await call('PUT', `/v1/admin/facial-ids/${ids[2]}/payload`, { payload: { plan: 'gold' } })).statusCode, 200);
    assert.deepEqual(((await call('GET', `/v1/admin/facial-ids/${ids[2]}`)).json() as { payload: unknown }).payload, { plan: 'gold' });
    assert.equal((await call('PUT', `/v1/admin/facial-ids/${ids[2]}/payload`, { payload: 'x'.repeat(17_000) })).statusCode, 413);
  });

  it('resets a PIN (argon2id), refusing a weak one', async () => {
    assert.equal((await call('PUT', `/v1/admin/facial-ids/${ids[3]}/pin`, { pin: '1111' })).statusCode, 400);
    assert.equal((await call('PUT', `/v1/admin/facial-ids/${ids[3]}/pin`, { pin: '730519' })).statusCode, 200);
    const stored = await pinHashOf(env.db, created.app.id, ids[3]!);
    assert.match(stored!, /^\$argon2id\$/);
    assert.ok(await verifyPin(stored!, '730519'));
  });

  it('deletes a facial ID, its templates and its index entry', async () => {
    const probe = new Float32Array(512);
    probe[4] = 1;
    assert.equal(node.deps.index.search(created.app.id, probe, 1)[0]?.facialId, ids[4]);
    assert.equal((await call('DELETE', `/v1/admin/facial-ids/${ids[4]}`)).statusCode, 200);
    assert.equal((await call('GET', `/v1/admin/facial-ids/${ids[4]}`)).statusCode, 404);
    assert.notEqual(node.deps.index.search(created.app.id, probe, 1)[0]?.facialId, ids[4]);
    const { rows } = await env.db.query('SELECT count(*)::int AS n FROM templates WHERE facial_id = $1', [ids[4]]);
    assert.equal(rows[0]!.n, 0);
    assert.equal((await call('DELETE', `/v1/admin/facial-ids/${ids[4]}`)).statusCode, 404);
  });

  it('verifies two images 1:1 and estimates age and gender', async () => {
    const b64 = (...p: string[]) => readFileSync(dataPath(...p)).toString('base64');
    const same = (
      await call('POST', '/v1/admin/verify', { imageA: b64('faces', 'fr_obama', 'obama_1.jpg'), imageB: b64('faces', 'fr_obama', 'obama_2.jpg') })
    ).json() as { match: boolean; similarity: number };
    assert.equal(same.match, true);
    const none = (
      await call('POST', '/v1/admin/verify', { imageA: b64('scenes', 'no-face', 'coffee.png'), imageB: b64('faces', 'fr_obama', 'obama_2.jpg') })
    ).json() as { match: boolean; reason: string };
    assert.equal(none.match, false);
    assert.match(none.reason, /imageA/);
    const broken = await call('POST', '/v1/admin/verify', {
      imageA: Buffer.from('nope').toString('base64'),
      imageB: b64('faces', 'fr_obama', 'obama_2.jpg'),
    });
    assert.equal(broken.statusCode, 400);
    const age = (await call('POST', '/v1/admin/age', { image: b64('faces', 'fr_obama', 'obama_1.jpg') })).json() as { age: number; gender: string };
    assert.ok(age.age > 18 && age.gender === 'male');
  });

  it('reads and changes settings, validating values', async () => {
    const bad = await call('PATCH', '/v1/admin/settings', { pinLength: 3 });
    assert.equal(bad.statusCode, 400);
    assert.match((bad.json() as { error: { message: string } }).error.message, /pinLength/);
    const ok = (await call('PATCH', '/v1/admin/settings', { pinPolicy: 'always', countryAllowList: 'fr,de' })).json() as {
      settings: { pinPolicy: string; countryAllowList: string[] };
    };
    assert.equal(ok.settings.pinPolicy, 'always');
    assert.deepEqual(ok.settings.countryAllowList, ['FR', 'DE']);
  });

  it('logs webhook deliveries and redelivers one', async () => {
    await call('PATCH', '/v1/admin/settings', { webhookUrl: 'http://127.0.0.1:9/hook' });
    await call('PUT', `/v1/admin/facial-ids/${ids[0]}/payload`, { payload: 1 });
    assert.equal((await call('DELETE', `/v1/admin/facial-ids/${ids[0]}`)).statusCode, 200);
    const log = (await call('GET', '/v1/admin/webhooks/deliveries')).json() as { items: { id: string; event: string; status: string }[] };
    assert.equal(log.items[0]?.event, 'deletion');
    assert.equal(log.items[0]?.status, 'pending');
    assert.equal((await call('POST', `/v1/admin/webhooks/deliveries/${log.items[0]!.id}/redeliver`)).statusCode, 200);
    assert.equal((await call('POST', `/v1/admin/webhooks/deliveries/${randomUUID()}/redeliver`)).statusCode, 404);
    const foreign = (await call('GET', '/v1/admin/webhooks/deliveries', undefined, other)).json() as { items: unknown[] };
    assert.deepEqual(foreign.items, [], 'tenants are isolated');
  });

  it('gives statistics and the node status', async () => {
    const stats = (await call('GET', '/v1/admin/statistics')).json() as { facialIds: number; templates: number };
    assert.equal(stats.facialIds, 3);
    const status = (await node.app.inject({ method: 'GET', url: '/v1/status' })).json() as { status: string; store: string };
    assert.equal(status.status, 'ok');
    assert.equal(status.store, 'pglite');
  });

  it('serves an OpenAPI document generated from the route schemas', async () => {
    const doc = (await node.app.inject({ method: 'GET', url: '/v1/openapi.json' })).json() as { openapi: string; paths: Record<string, unknown> };
    assert.match(doc.openapi, /^3\./);
    for (const path of [
      '/v1/sessions',
      '/v1/admin/facial-ids',
      '/v1/admin/facial-ids/{facialId}',
      '/v1/admin/verify',
      '/v1/admin/webhooks/deliveries',
      '/v1/status',
    ])
      assert.ok(path in doc.paths, path);
  });
});
