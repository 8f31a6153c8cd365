// The console's sign-in and the admin API it drives (issue 14): sessions in an HttpOnly,
// SameSite=Strict cookie with a CSRF header for changes, the operator key, key rotation, per-day
// statistics, sign-on users and the facial-ID search — through app.inject(), on both back ends.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { recordEvent } from '../../src/store/facial-ids.js';
import { insertEnrollment } from '../../src/store/facial-ids.js';
import type { CreatedApp } from '../../src/store/apps.js';
import { addDevice, upsertUser } from '../../src/sign-on/store.js';
import { recordFailure } from '../../src/sign-on/lockouts.js';
import { backends, type BackendEnv } from '../helpers/backends.js';
import { startTestNode, type TestNodeServer } from '../helpers/node.js';

const OPERATOR_KEY = 'op_test_0123456789abcdefghijklmnop';
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

for (const backend of backends()) {
  describe(`console API (${backend.name})`, () => {
    let env: BackendEnv;
    let node: TestNodeServer;
    let shop: CreatedApp;
    let other: CreatedApp;
    let ip = 0;
    const nextIp = () => `10.9.${Math.floor(++ip / 250)}.${ip % 250}`;

    const signIn = async (body: Record<string, string>, remoteAddress = nextIp()) => {
      const response = await node.app.inject({ method: 'POST', url: '/console/api/session', payload: body, remoteAddress });
      const cookie = String(response.headers['set-cookie'] ?? '');
      return {
        response,
        cookie: cookie.split(';')[0]!,
        setCookie: cookie,
        body: response.json() as { csrfToken: string; role: string; app: { publicId: string } | null },
      };
    };
    const as = (cookie: string, csrf?: string, extra: Record<string, string> = {}) => ({
      cookie,
      ...(csrf ? { 'x-openfaceio-csrf': csrf } : {}),
      ...extra,
    });
    const call = (method: Method, url: string, headers: Record<string, string>, payload?: unknown) =>
      node.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as never }), remoteAddress: '10.8.0.1' });

    before(async () => {
      env = await backend.open();
      node = await startTestNode(env, { listen: false, config: { operatorKey: OPERATOR_KEY } });
      shop = await node.createApp({}, ['https://shop.example']);
      other = await node.createApp({}, ['https://other.example']);
    });
    after(async () => {
      await node?.close();
      await env?.close();
    });

    it('signs an owner in with the app keys: an HttpOnly SameSite=Strict cookie and a CSRF token, never a key', async () => {
      const { response, setCookie, body, cookie } = await signIn({ apiKey: shop.apiKey, secret: shop.secret });
      assert.equal(response.statusCode, 200);
      assert.match(setCookie, /^ofio_console=[\w-]{40,}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=28800$/);
      assert.equal(body.role, 'app');
      assert.equal(body.app?.publicId, shop.app.publicId);
      assert.ok(!JSON.stringify(body).includes(shop.secret) && !JSON.stringify(body).includes(shop.apiKey));
      const again = await call('GET', '/console/api/session', as(cookie));
      assert.equal(again.statusCode, 200);
      assert.equal((again.json() as { csrfToken: string }).csrfToken, body.csrfToken);
      // The admin API answers the session: this app's data, nobody else's.
      const settings = await call('GET', '/v1/admin/settings', as(cookie));
      assert.equal((settings.json() as { publicId: string }).publicId, shop.app.publicId);
      const elsewhere = await call('GET', '/v1/admin/settings', as(cookie, undefined, { 'x-openfaceio-app': other.app.publicId }));
      assert.equal((elsewhere.json() as { publicId: string }).publicId, shop.app.publicId, 'an owner cannot pick another app');
      assert.equal((await call('GET', '/v1/admin/apps', as(cookie))).statusCode, 403, 'the app list is the operator’s');
    });

    it('refuses a change without the CSRF header, with a wrong one, or from another origin', async () => {
      const { cookie, body } = await signIn({ apiKey: shop.apiKey, secret: shop.secret });
      assert.equal((await call('PATCH', '/v1/admin/settings', as(cookie), { pinLength: 5 })).statusCode, 403);
      assert.equal((await call('PATCH', '/v1/admin/settings', as(cookie, 'nope'), { pinLength: 5 })).statusCode, 403);
      const foreign = await call('PATCH', '/v1/admin/settings', as(cookie, body.csrfToken, { origin: 'https://evil.example' }), { pinLength: 5 });
      assert.equal(foreign.statusCode, 403);
      const ok = await call('PATCH', '/v1/admin/settings', as(cookie, body.csrfToken, { origin: 'http://localhost:80' }), { pinLength: 5 });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal((ok.json() as { settings: { pinLength: number } }).settings.pinLength, 5);
      const loginElsewhere = await node.app.inject({
        method: 'POST',
        url: '/console/api/session',
        headers: { origin: 'https://evil.example' },
        payload: { apiKey: shop.apiKey, secret: shop.secret },
      });
      assert.equal(loginElsewhere.statusCode, 403, 'no login CSRF');
    });

    it('signs out: the cookie is cleared and the session is gone', async () => {
      const { cookie } = await signIn({ apiKey: shop.apiKey, secret: shop.secret });
      const out = await call('DELETE', '/console/api/session', as(cookie));
      assert.equal(out.statusCode, 204);
      assert.match(String(out.headers['set-cookie']), /^ofio_console=; .*Max-Age=0$/);
      assert.equal((await call('GET', '/v1/admin/settings', as(cookie))).statusCode, 401);
      assert.equal((await call('GET', '/console/api/session', as(cookie))).statusCode, 401);
    });

    it('locks out after 20 bad sign-ins: an API key at an address (with the admin logins), the operator key per address; Secure only over https', async () => {
      const app = await node.createApp();
      const basic = (secret: string) => `Basic ${Buffer.from(`${app.apiKey}:${secret}`).toString('base64')}`;
      const address = nextIp();
      // Ten failed admin logins and ten failed console sign-ins with the same key, from the same address, share one budget.
      for (let i = 0; i < 10; i++) {
        const admin = await node.app.inject({
          method: 'GET',
          url: '/v1/admin/settings',
          headers: { authorization: basic(`ofs_guess${i}`) },
          remoteAddress: address,
        });
        assert.equal(admin.statusCode, 401);
        assert.equal((await signIn({ apiKey: app.apiKey, secret: `ofs_guess-console${i}` }, address)).response.statusCode, 401);
      }
      assert.equal((await signIn({ apiKey: app.apiKey, secret: app.secret }, address)).response.statusCode, 429, 'even the right secret waits');
      assert.equal(
        (await signIn({ apiKey: app.apiKey, secret: app.secret }, nextIp())).response.statusCode,
        200,
        'the owner elsewhere is not locked out',
      );
      // The operator key: one secret, so its guesses are counted per address whatever is guessed.
      const operatorAddress = nextIp();
      for (let i = 0; i < 20; i++)
        assert.equal((await signIn({ operatorKey: `guess-${i}-0123456789012345678` }, operatorAddress)).response.statusCode, 401);
      assert.equal((await signIn({ operatorKey: OPERATOR_KEY }, operatorAddress)).response.statusCode, 429);
      const bearer = await node.app.inject({
        method: 'GET',
        url: '/v1/admin/apps',
        headers: { authorization: `Bearer ${OPERATOR_KEY}` },
        remoteAddress: operatorAddress,
      });
      assert.equal(bearer.statusCode, 429, 'the operator key as Bearer shares the count');
      const https = await node.app.inject({
        method: 'POST',
        url: '/console/api/session',
        payload: { apiKey: shop.apiKey, secret: shop.secret },
        remoteAddress: nextIp(),
        headers: { 'x-forwarded-proto': 'https' },
      });
      // TEST_CONFIG does not trust proxies: the scheme is the socket's (http), so no Secure flag here.
      assert.doesNotMatch(String(https.headers['set-cookie']), /Secure/);
    });

    it('behind a trusted https proxy the session cookie is Secure', async () => {
      const proxied = await startTestNode(env, { listen: false, config: { trustProxy: true } });
      try {
        const response = await proxied.app.inject({
          method: 'POST',
          url: '/console/api/session',
          payload: { apiKey: shop.apiKey, secret: shop.secret },
          remoteAddress: nextIp(),
          headers: { 'x-forwarded-proto': 'https' },
        });
        assert.equal(response.statusCode, 200);
        assert.match(String(response.headers['set-cookie']), /; HttpOnly; SameSite=Strict; Secure; /);
      } finally {
        await proxied.close();
      }
    });

    it('the operator sees every app, creates one (keys shown once) and acts on any app by x-openfaceio-app', async () => {
      const { cookie, body } = await signIn({ operatorKey: OPERATOR_KEY });
      assert.equal(body.role, 'operator');
      const list = (await call('GET', '/v1/admin/apps', as(cookie))).json() as { items: { publicId: string }[] };
      assert.ok(list.items.some((a) => a.publicId === shop.app.publicId) && list.items.some((a) => a.publicId === other.app.publicId));
      const bad = await call('POST', '/v1/admin/apps', as(cookie, body.csrfToken), { name: 'x', origins: ['ftp://nope'] });
      assert.equal(bad.statusCode, 400);
      const made = await call('POST', '/v1/admin/apps', as(cookie, body.csrfToken), { name: 'Bakery', origins: ['https://bakery.example/'] });
      assert.equal(made.statusCode, 201, made.body);
      const created = made.json() as { publicId: string; apiKey: string; secret: string; origins: string[] };
      assert.deepEqual(created.origins, ['https://bakery.example']);
      assert.match(created.apiKey, /^ofk_/);
      const owner = await signIn({ apiKey: created.apiKey, secret: created.secret });
      assert.equal(owner.body.app?.publicId, created.publicId);
      const settings = await call('GET', '/v1/admin/settings', as(cookie, undefined, { 'x-openfaceio-app': created.publicId }));
      assert.equal((settings.json() as { name: string }).name, 'Bakery');
      assert.equal((await call('GET', '/v1/admin/settings', as(cookie))).statusCode, 400, 'the operator names the app');
      // The operator key as a Bearer token, for scripts.
      const bearer = await call('GET', '/v1/admin/statistics', { authorization: `Bearer ${OPERATOR_KEY}`, 'x-openfaceio-app': shop.app.publicId });
      assert.equal(bearer.statusCode, 200);
      assert.equal((await call('GET', '/v1/admin/apps', { authorization: 'Bearer wrong-key-wrong-key-wrong-key' })).statusCode, 401);
      // Blocking is the operator's.
      const blocked = await call('PATCH', '/v1/admin/app', as(cookie, body.csrfToken, { 'x-openfaceio-app': created.publicId }), {
        status: 'blocked',
      });
      assert.equal((blocked.json() as { status: string }).status, 'blocked');
      const ownerTry = await call(
        'PATCH',
        '/v1/admin/app',
        { authorization: `Basic ${Buffer.from(`${shop.apiKey}:${shop.secret}`).toString('base64')}` },
        { status: 'blocked' },
      );
      assert.equal(ownerTry.statusCode, 403);
    });

    it('an owner renames the app and edits its origins (validated); rotates its keys (the old ones stop at once)', async () => {
      const app = await node.createApp({}, ['https://rotate.example']);
      const { cookie, body } = await signIn({ apiKey: app.apiKey, secret: app.secret });
      const wrong = await call('PATCH', '/v1/admin/app', as(cookie, body.csrfToken), { origins: ['https://a.example/path'] });
      assert.equal(wrong.statusCode, 400);
      assert.match((wrong.json() as { error: { message: string } }).error.message, /without a path/);
      const changed = await call('PATCH', '/v1/admin/app', as(cookie, body.csrfToken), {
        name: 'Renamed',
        origins: ['https://A.example', 'http://localhost:3000'],
      });
      assert.deepEqual((changed.json() as { origins: string[] }).origins, ['https://a.example', 'http://localhost:3000']);
      const rotated = (await call('POST', '/v1/admin/keys/rotate', as(cookie, body.csrfToken))).json() as { apiKey: string; secret: string };
      assert.notEqual(rotated.apiKey, app.apiKey);
      assert.equal((await signIn({ apiKey: app.apiKey, secret: app.secret })).response.statusCode, 401);
      assert.equal((await signIn({ apiKey: rotated.apiKey, secret: rotated.secret })).response.statusCode, 200);
      const hook = (await call('POST', '/v1/admin/webhooks/secret/rotate', as(cookie, body.csrfToken))).json() as { webhookSecret: string };
      assert.match(hook.webhookSecret, /^whsec_/);
      assert.notEqual(hook.webhookSecret, app.webhookSecret);
    });

    it('per-day statistics: verdicts, failures by code, PAD refusals, p50/p95 verdict time, empty days as zeros', async () => {
      const app = await node.createApp();
      const day = (offset: number, hour = 12) => new Date(Date.UTC(2030, 0, 10 + offset, hour));
      const at = async (when: Date, kind: string, outcome: string, code: number | null, ms: number | null) => {
        await recordEvent(env.db, app.app.id, kind, outcome, code, ms);
        await env.db.query('UPDATE events SET at = $2 WHERE id = (SELECT max(id) FROM events WHERE app_id = $1)', [app.app.id, when]);
      };
      for (const ms of [1000, 1200, 1400, 1600, 3000]) await at(day(0), 'authenticate', 'success', null, ms);
      await at(day(0), 'enroll', 'success', null, 5000);
      await at(day(0), 'authenticate', 'PAD_ATTACK', 5, 900);
      await at(day(2), 'authenticate', 'UNRECOGNIZED_FACE', 3, 700);
      await at(day(2), 'enroll', 'abandoned-scanning', null, null);
      await at(day(2), 'deletion', 'success', null, null);
      const clock = node.deps.clock;
      node.deps.clock = { now: () => day(2, 18).getTime() };
      try {
        const cookie = (await signIn({ apiKey: app.apiKey, secret: app.secret })).cookie;
        const stats = (await call('GET', '/v1/admin/statistics/daily?days=4', as(cookie))).json() as {
          from: string;
          days: {
            day: string;
            enrollments: number;
            authentications: number;
            failures: number;
            padRefusals: number;
            p50Ms: number | null;
            p95Ms: number | null;
          }[];
          failuresByCode: { code: number; name: string; count: number }[];
          totals: { failures: number; p50Ms: number };
        };
        assert.deepEqual(
          stats.days.map((d) => d.day),
          ['2030-01-09', '2030-01-10', '2030-01-11', '2030-01-12'],
        );
        const first = stats.days[1]!;
        assert.deepEqual({ e: first.enrollments, a: first.authentications, f: first.failures, pad: first.padRefusals }, { e: 1, a: 5, f: 1, pad: 1 });
        assert.equal(first.p50Ms, 1400);
        assert.ok(first.p95Ms! > 3000 && first.p95Ms! < 5000, String(first.p95Ms));
        assert.deepEqual(stats.days[2], {
          day: '2030-01-11',
          enrollments: 0,
          authentications: 0,
          failures: 0,
          padRefusals: 0,
          p50Ms: null,
          p95Ms: null,
        });
        assert.equal(stats.days[3]!.failures, 1, 'an abandoned session is not a failure');
        assert.deepEqual(stats.failuresByCode, [
          { code: 5, name: 'PAD_ATTACK', count: 1 },
          { code: 3, name: 'UNRECOGNIZED_FACE', count: 1 },
        ]);
        assert.equal(stats.totals.failures, 2);
      } finally {
        node.deps.clock = clock;
      }
    });

    it('facial IDs: search by ID prefix or payload text', async () => {
      const app = await node.createApp();
      const ids: string[] = [];
      for (const email of ['ada@example.com', 'grace@example.com', '100%_sure@example.com']) {
        const facialId = randomUUID();
        ids.push(facialId);
        await insertEnrollment(env.db, {
          appId: app.app.id,
          facialId,
          payload: { email },
          pinHash: null,
          pinDigest: null,
          gender: 'female',
          age: 30,
          templates: [],
        });
      }
      const cookie = (await signIn({ apiKey: app.apiKey, secret: app.secret })).cookie;
      const find = async (q: string) =>
        ((await call('GET', `/v1/admin/facial-ids?q=${encodeURIComponent(q)}`, as(cookie))).json() as { items: { facialId: string }[] }).items.map(
          (i) => i.facialId,
        );
      assert.deepEqual(await find('GRACE'), [ids[1]]);
      assert.deepEqual(await find(ids[0]!.slice(0, 8)), [ids[0]]);
      assert.deepEqual(await find('%_'), [ids[2]], 'LIKE wildcards are literal');
      assert.equal((await find('')).length, 3);
    });

    it('sign-on users: list and search, one user with its phones, remove a phone, lift a lock, delete', async () => {
      const app = await node.createApp();
      const now = Date.now();
      const ada = await upsertUser(env.db, app.app.id, 'ada', { email: 'ada@example.com' }, now);
      await upsertUser(env.db, app.app.id, 'bob', {}, now);
      await addDevice(env.db, ada.id, { endpoint: 'https://fcm.googleapis.com/fcm/send/abc', keys: { p256dh: 'k', auth: 'a' } }, now);
      for (let i = 0; i < 5; i++) await recordFailure(env.db, ada.id, now);
      const { cookie, body } = await signIn({ apiKey: app.apiKey, secret: app.secret });
      const list = (await call('GET', '/v1/admin/sign-on/users', as(cookie))).json() as {
        items: { uid: string; devices: number; lock: { lockedUntil: string | null } }[];
      };
      assert.deepEqual(
        list.items.map((u) => [u.uid, u.devices]),
        [
          ['ada', 1],
          ['bob', 0],
        ],
      );
      assert.ok(list.items[0]!.lock.lockedUntil, 'five failures lock for 15 minutes');
      const search = (await call('GET', '/v1/admin/sign-on/users?q=ADA%40', as(cookie))).json() as { items: { uid: string }[] };
      assert.deepEqual(
        search.items.map((u) => u.uid),
        ['ada'],
      );
      const detail = (await call('GET', '/v1/admin/sign-on/users/ada', as(cookie))).json() as { deviceList: { id: string; pushService: string }[] };
      assert.deepEqual(
        detail.deviceList.map((d) => d.pushService),
        ['fcm.googleapis.com'],
      );
      assert.ok(!JSON.stringify(detail).includes('p256dh'), 'no subscription keys');
      const unlock = await call('POST', '/v1/admin/sign-on/users/ada/unlock', as(cookie, body.csrfToken));
      assert.equal(unlock.statusCode, 200);
      const removed = await call('DELETE', `/v1/admin/sign-on/users/ada/devices/${detail.deviceList[0]!.id}`, as(cookie, body.csrfToken));
      assert.equal(removed.statusCode, 200);
      const after = (await call('GET', '/v1/admin/sign-on/users/ada', as(cookie))).json() as { devices: number; lock: { lockedUntil: null } };
      assert.equal(after.devices, 0);
      assert.equal(after.lock.lockedUntil, null);
      const foreign = await signIn({ apiKey: other.apiKey, secret: other.secret });
      assert.equal((await call('GET', '/v1/admin/sign-on/users/ada', as(foreign.cookie))).statusCode, 404, 'tenants are isolated');
      assert.equal((await call('DELETE', '/v1/admin/sign-on/users/bob', as(cookie, body.csrfToken))).statusCode, 200);
      assert.equal((await call('GET', '/v1/admin/sign-on/users/bob', as(cookie))).statusCode, 404);
    });

    it('documents the new operations in the OpenAPI schema', async () => {
      const doc = (await node.app.inject({ method: 'GET', url: '/v1/openapi.json' })).json() as { paths: Record<string, unknown> };
      for (const path of [
        '/v1/admin/keys/rotate',
        '/v1/admin/statistics/daily',
        '/v1/admin/sign-on/users',
        '/v1/admin/apps',
        '/v1/admin/app',
        '/console/api/session',
      ])
        assert.ok(doc.paths[path], path);
    });
  });
}
