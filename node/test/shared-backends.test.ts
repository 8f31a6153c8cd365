import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { backends, type BackendEnv } from './helpers/backends.js';
import { dataPath } from '../../test/helpers/data.js';
import { startTestNode, type TestNodeServer } from './helpers/node.js';
import { frameOf, runSession } from './helpers/scan-client.js';

// Module level: backends() registers the shared servers' shutdown as a file-level hook.
const BACKEND = backends()[1]!;

// Two nodes sharing PostgreSQL and Redis, as behind a load balancer: an enrollment on node 1
// authenticates on node 2 (index updates travel over Redis pub/sub), a token is single-use across
// nodes, and rate limits are shared.
describe('two nodes on PostgreSQL + Redis', () => {
  let env: BackendEnv;
  let node1: TestNodeServer;
  let node2: TestNodeServer;
  before(async () => {
    env = await BACKEND.open();
    node1 = await startTestNode(env);
    node2 = await startTestNode(await env.secondNode());
  });
  after(async () => {
    await node1?.close();
    await node2?.close();
    await env?.close();
  });

  const photos = (...files: string[]) => Promise.all(files.map((f) => frameOf(dataPath('faces', 'deepface_id11', f))));

  it('enrolls on node 1 and authenticates on node 2 within a second', async () => {
    const { app } = await node1.createApp({ pinPolicy: 'never', rejectEmptyOrigin: false, liveness: 'passive' });
    const payload = { account: 77 };
    const enrolled = await runSession(
      node1.url,
      { publicId: app.publicId, op: 'enroll', payload },
      await photos('img29.jpg', 'img30.jpg', 'img31.jpg'),
    );
    assert.ok(enrolled.verdict?.ok, JSON.stringify(enrolled.verdict));
    const facialId = (enrolled.verdict as { result: { facialId: string } }).result.facialId;
    const deadline = Date.now() + 1000;
    while (Date.now() < deadline && node2.deps.index.searchOne(app.id, new Float32Array(512), facialId) === null) await sleep(20);
    assert.notEqual(node2.deps.index.searchOne(app.id, new Float32Array(512), facialId), null, 'node 2 saw the enrollment within a second');
    const auth = await runSession(node2.url, { publicId: app.publicId, op: 'authenticate' }, await photos('img32.jpg', 'img33.jpg'));
    assert.deepEqual((auth.verdict as { result: unknown }).result, { facialId, payload });
  });

  it('accepts a session token once across nodes', async () => {
    const { app } = await node1.createApp({ rejectEmptyOrigin: false, liveness: 'passive' });
    const response = await fetch(`${node1.url}/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ publicId: app.publicId, op: 'liveness' }),
    });
    const token = ((await response.json()) as { sessionToken: string }).sessionToken;
    const frames = await photos('img29.jpg', 'img30.jpg');
    const [a, b] = await Promise.all([
      runSession(node1.url, { publicId: app.publicId, op: 'liveness' }, frames, { token }),
      runSession(node2.url, { publicId: app.publicId, op: 'liveness' }, frames, { token }),
    ]);
    const names = [a, b].map((r) => (r.verdict?.ok ? 'ok' : r.verdict?.error.name)).sort();
    assert.deepEqual(names, ['SESSION_EXPIRED', 'ok']);
  });

  it('removes a deleted identity from the other node too', async () => {
    const { app } = await node1.createApp({ pinPolicy: 'never', liveness: 'passive' });
    const t = new Float32Array(512);
    t[7] = 1;
    await node1.deps.index.add(app.id, 'f0f0f0f0-0000-4000-8000-000000000001', [t]);
    const seen = async (present: boolean) => {
      const deadline = Date.now() + 1000;
      while (Date.now() < deadline && (node2.deps.index.searchOne(app.id, t, 'f0f0f0f0-0000-4000-8000-000000000001') !== null) !== present)
        await sleep(20);
      return node2.deps.index.searchOne(app.id, t, 'f0f0f0f0-0000-4000-8000-000000000001') !== null;
    };
    assert.equal(await seen(true), true);
    await node1.deps.index.remove(app.id, 'f0f0f0f0-0000-4000-8000-000000000001');
    assert.equal(await seen(false), false);
  });
});
