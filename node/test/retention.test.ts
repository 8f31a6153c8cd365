import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sweepRetention } from '../src/retention.js';
import { getFacialId, insertEnrollment } from '../src/store/facial-ids.js';
import { backends, type BackendEnv } from './helpers/backends.js';
import { startTestNode, type TestNodeServer } from './helpers/node.js';

const BACKEND = backends()[0]!;

describe('retention sweep', () => {
  let env: BackendEnv;
  let node: TestNodeServer;
  before(async () => {
    env = await BACKEND.open();
    node = await startTestNode(env, { listen: false });
  });
  after(async () => {
    await node?.close();
    await env?.close();
  });

  it('deletes facial IDs idle past the app’s retention, and only those', async () => {
    const { app } = await node.createApp({ retentionDays: 30 });
    const { app: keepAll } = await node.createApp({ retentionDays: 0 });
    const ids = { stale: randomUUID(), fresh: randomUUID(), otherApp: randomUUID() };
    const t = new Float32Array(512).fill(1 / Math.sqrt(512));
    for (const [facialId, appId] of [
      [ids.stale, app.id],
      [ids.fresh, app.id],
      [ids.otherApp, keepAll.id],
    ] as const) {
      await insertEnrollment(env.db, { appId, facialId, payload: null, pinHash: null, pinDigest: null, gender: 'male', age: 40, templates: [t] });
      await node.deps.index.add(appId, facialId, [t]);
    }
    await env.db.query(`UPDATE facial_ids SET last_seen_at = now() - interval '40 days' WHERE id = ANY($1::uuid[])`, [[ids.stale, ids.otherApp]]);
    assert.equal(await sweepRetention(node.deps), 1);
    assert.equal(await getFacialId(env.db, app.id, ids.stale), null);
    assert.notEqual(await getFacialId(env.db, app.id, ids.fresh), null);
    assert.notEqual(await getFacialId(env.db, keepAll.id, ids.otherApp), null, 'retention 0 keeps everything');
    assert.equal(node.deps.index.searchOne(app.id, t, ids.stale), null, 'gone from the index too');
  });
});
