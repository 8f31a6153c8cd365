// Finding 1 (high): a facial ID deleted with an upper-case spelling kept authenticating until a
// restart (PostgreSQL compared UUIDs case-insensitively, the in-memory index did not), and a PIN
// lockout was not cleared. Every route that takes a facial ID is tried with other spellings, with
// junk and with another tenant's IDs, on both back ends; the bus and the index get the same parser.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { canonicalFacialId } from '../../src/security/facial-id.js';
import { encodeIndexEvent } from '../../src/index/index-registry.js';
import type { CreatedApp } from '../../src/store/apps.js';
import { backends, type BackendEnv } from '../helpers/backends.js';
import { startTestNode, type TestNodeServer } from '../helpers/node.js';
import { runSession } from '../helpers/scan-client.js';
import { adminCall, assertFioError, ORIGIN, outcome, photos } from './helpers.js';

const upper = (id: string) => id.toUpperCase();
const braces = (id: string) => `{${id.toUpperCase()}}`;
const bare = (id: string) => id.replaceAll('-', '');
const SPELLINGS = [upper, braces, bare, (id: string) => `urn:uuid:${id}`];

describe('facial ID parser', () => {
  it('maps every spelling of a UUID to the one PostgreSQL prints, and refuses the rest', () => {
    const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
    for (const spell of SPELLINGS) assert.equal(canonicalFacialId(spell(id)), id, spell(id));
    for (const junk of [
      '',
      'x',
      `${id} `,
      ` ${id}`,
      `${id}\u0000`,
      '../etc/passwd',
      `{${id}`,
      `${id}0`,
      42,
      null,
      '0f8fad5bd9cb469fa16570867728950',
    ]) {
      assert.equal(canonicalFacialId(junk), null, JSON.stringify(junk));
    }
  });
});

for (const BACKEND of backends())
  describe(`facial IDs are canonical on every route (${BACKEND.name})`, () => {
    let env: BackendEnv;
    let node: TestNodeServer;
    let app: CreatedApp;
    let other: CreatedApp;
    let enrolled: string;

    before(async () => {
      env = await BACKEND.open();
      node = await startTestNode(env);
      // Photos cannot answer the active liveness challenge: passive liveness for these scans.
      app = await node.createApp({ pinPolicy: 'never', preventDuplicates: true, liveness: 'passive' }, [ORIGIN]);
      // Photos cannot answer the active liveness challenge: passive liveness for these scans.
      other = await node.createApp({ pinPolicy: 'never', liveness: 'passive' }, [ORIGIN]);
      const run = await runSession(
        node.url,
        { publicId: app.app.publicId, op: 'enroll', payload: { user: 7 } },
        await photos('deepface_id01', 'img1.jpg', 'img10.jpg', 'img11.jpg'),
        {
          origin: ORIGIN,
        },
      );
      assert.equal(outcome(run), 'ok', JSON.stringify(run.verdict));
      enrolled = (run.verdict as { result: { facialId: string } }).result.facialId;
    });
    after(async () => {
      await node?.close();
      await env?.close();
    });

    it('reads, changes and resets PINs under every spelling, answering the canonical ID', async () => {
      for (const spell of SPELLINGS) {
        const got = await adminCall(node, app, 'GET', `/v1/admin/facial-ids/${encodeURIComponent(spell(enrolled))}`);
        assert.equal(got.statusCode, 200, `${spell(enrolled)}: ${got.body}`);
        assert.equal((got.json() as { facialId: string }).facialId, enrolled);
        const payload = await adminCall(node, app, 'PUT', `/v1/admin/facial-ids/${encodeURIComponent(spell(enrolled))}/payload`, {
          payload: { user: 7 },
        });
        assert.equal(payload.statusCode, 200, payload.body);
        assert.equal((payload.json() as { facialId: string }).facialId, enrolled);
      }
      const list = await adminCall(node, app, 'GET', `/v1/admin/facial-ids?after=${upper(enrolled)}`);
      assert.equal(list.statusCode, 200, list.body);
    });

    it('lifts a PIN lockout when the PIN is reset with an upper-case ID', async () => {
      const key = `pin-failures:${app.app.id}:${enrolled}`;
      for (let i = 0; i < 10; i++) await env.bus.hit(key, 3_600_000);
      const reset = await adminCall(node, app, 'PUT', `/v1/admin/facial-ids/${upper(enrolled)}/pin`, { pin: '730519' });
      assert.equal(reset.statusCode, 200, reset.body);
      assert.equal((reset.json() as { facialId: string }).facialId, enrolled);
      assert.equal(await env.bus.peek(key), 0, 'the lockout of the facial ID is gone');
    });

    it('refuses what is no facial ID with 400 INVALID_FACIAL_ID, on every route', async () => {
      for (const junk of ['not-a-uuid', `${enrolled}x`, '%7B' + enrolled, '..%2F..%2Fetc']) {
        for (const [method, url, body] of [
          ['GET', `/v1/admin/facial-ids/${junk}`],
          ['DELETE', `/v1/admin/facial-ids/${junk}`],
          ['PUT', `/v1/admin/facial-ids/${junk}/payload`, { payload: 1 }],
          ['PUT', `/v1/admin/facial-ids/${junk}/pin`, { pin: '730519' }],
          ['GET', `/v1/admin/facial-ids?after=${junk}`],
        ] as const) {
          assertFioError(await adminCall(node, app, method, url, body), 400, 'INVALID_FACIAL_ID');
        }
      }
      // A NUL byte is refused earlier still, on every route, as text no store keeps (bad-input.test.ts).
      assertFioError(await adminCall(node, app, 'GET', '/v1/admin/facial-ids/%00'), 400, 'INVALID_REQUEST');
      const session = await node.app.inject({
        method: 'POST',
        url: '/v1/sessions',
        headers: { origin: ORIGIN },
        payload: { publicId: app.app.publicId, op: 'authenticate', facialId: 'nope' },
      });
      assertFioError(session, 400, 'INVALID_FACIAL_ID');
    });

    it('keeps tenants apart under every spelling: another app’s ID is not found', async () => {
      for (const spell of [(id: string) => id, ...SPELLINGS]) {
        const id = encodeURIComponent(spell(enrolled));
        for (const [method, url, body] of [
          ['GET', `/v1/admin/facial-ids/${id}`],
          ['PUT', `/v1/admin/facial-ids/${id}/payload`, { payload: 'stolen' }],
          ['PUT', `/v1/admin/facial-ids/${id}/pin`, { pin: '730519' }],
          ['DELETE', `/v1/admin/facial-ids/${id}`],
        ] as const) {
          assert.equal((await adminCall(node, other, method, url, body)).statusCode, 404, `${method} ${url} as the other app`);
        }
      }
    });

    it('authenticates 1:1 against an upper-case facialId', async () => {
      const run = await runSession(
        node.url,
        { publicId: app.app.publicId, op: 'authenticate', facialId: upper(enrolled) },
        await photos('deepface_id01', 'img2.jpg', 'img4.jpg'),
        {
          origin: ORIGIN,
        },
      );
      assert.equal(outcome(run), 'ok', JSON.stringify(run.verdict));
      assert.equal((run.verdict as { result: { facialId: string } }).result.facialId, enrolled);
    });

    it('a face deleted with an upper-case ID no longer authenticates, and can enroll again', async () => {
      const deleted = await adminCall(node, app, 'DELETE', `/v1/admin/facial-ids/${upper(enrolled)}`);
      assert.equal(deleted.statusCode, 200, deleted.body);
      assert.deepEqual(deleted.json(), { deleted: enrolled });
      const auth = await runSession(
        node.url,
        { publicId: app.app.publicId, op: 'authenticate' },
        await photos('deepface_id01', 'img2.jpg', 'img4.jpg'),
        {
          origin: ORIGIN,
        },
      );
      assert.equal(outcome(auth), 'UNRECOGNIZED_FACE', 'the deleted face must not authenticate');
      const again = await runSession(
        node.url,
        { publicId: app.app.publicId, op: 'enroll' },
        await photos('deepface_id01', 'img5.jpg', 'img6.jpg', 'img7.jpg'),
        {
          origin: ORIGIN,
        },
      );
      assert.equal(outcome(again), 'ok', 'no FACE_DUPLICATION from a template left behind');
    });

    it('an index change from the bus under another spelling lands on the canonical entry', async () => {
      const probe = new Float32Array(512);
      probe[3] = 1;
      const id = '6a1f9a5e-1c55-4f0e-9d5c-0d1f1f2f3f4f';
      await node.deps.index.add(app.app.id, id, [probe]);
      assert.notEqual(node.deps.index.searchOne(app.app.id, probe, id), null);
      await env.bus.publish('index-events', encodeIndexEvent({ type: 'remove', appId: app.app.id, facialId: upper(id) }, 'another-node'));
      const deadline = Date.now() + 2000;
      while (Date.now() < deadline && node.deps.index.searchOne(app.app.id, probe, id) !== null) await new Promise((r) => setTimeout(r, 20));
      assert.equal(node.deps.index.searchOne(app.app.id, probe, id), null, 'removed through the bus');
    });
  });
