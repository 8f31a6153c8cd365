import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CreatedApp } from '../src/store/apps.js';
import { FIO_ERROR_CODES } from 'openfaceio/protocol';
import { backends, type BackendEnv } from './helpers/backends.js';
import { dataPath } from '../../test/helpers/data.js';
import { startTestNode, type TestNodeServer } from './helpers/node.js';
import { frameOf, runSession, type SessionRun } from './helpers/scan-client.js';

// The scan-session protocol end to end: real WebSocket client, real frames from ../shared/data,
// real models, on the embedded store and on PostgreSQL + Redis (two nodes: shared-backends.test.ts).
const person = (...files: string[]) => Promise.all(files.map((f) => frameOf(dataPath('faces', 'deepface_id01', f))));
const ORIGIN = 'https://shop.example';
const errorName = (run: SessionRun) => (run.verdict && !run.verdict.ok ? run.verdict.error.name : run.verdict ? 'ok' : 'no verdict');

// The same suite on both back ends (module level: backends() registers the servers' shutdown as a file-level hook).
for (const BACKEND of backends())
  describe(`scan sessions over WebSocket (${BACKEND.name})`, () => {
    let env: BackendEnv;
    let node: TestNodeServer;
    let app: CreatedApp;
    /** The default liveness mode (active-on-doubt): enrollment answers a challenge. */
    let challenged: CreatedApp;
    let enrolledId: string;
    const payload = { userId: 'u-42', plan: 'pro' };

    before(async () => {
      env = await BACKEND.open();
      node = await startTestNode(env);
      // Photos of a person cannot answer the active challenge: this app's liveness is passive on purpose.
      app = await node.createApp({ pinPolicy: 'on-doubt', preventDuplicates: true, pad: true, liveness: 'passive' }, [ORIGIN]);
      challenged = await node.createApp({ pinPolicy: 'on-doubt', pad: true }, [ORIGIN]);
    });
    after(async () => {
      await node?.close();
      await env?.close();
    });

    it('enrolls a person from three photos: facialId, timestamp and details', async () => {
      const run = await runSession(
        node.url,
        { publicId: app.app.publicId, op: 'enroll', payload },
        await person('img1.jpg', 'img10.jpg', 'img11.jpg'),
        { origin: ORIGIN, pins: ['9137'] },
      );
      assert.equal(errorName(run), 'ok', JSON.stringify(run.verdict));
      assert.ok(run.messages.some((m) => m.type === 'pin-required' && m.reason === 'enroll' && m.confirm));
      const result = (run.verdict as { result: { facialId: string; timestamp: string; details: { gender: string; age: number } } }).result;
      assert.match(result.facialId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.ok(!Number.isNaN(Date.parse(result.timestamp)));
      assert.ok(['male', 'female'].includes(result.details.gender) && result.details.age > 0);
      enrolledId = result.facialId;
    });

    it('authenticates the same person from other photos: same facialId and payload', async () => {
      const run = await runSession(node.url, { publicId: app.app.publicId, op: 'authenticate' }, await person('img2.jpg', 'img4.jpg', 'img5.jpg'), {
        origin: ORIGIN,
        pins: ['9137'],
      });
      assert.equal(errorName(run), 'ok', JSON.stringify(run.verdict));
      assert.deepEqual((run.verdict as { result: unknown }).result, { facialId: enrolledId, payload });
    });

    it('refuses a second enrollment of the same person: FACE_DUPLICATION', async () => {
      const run = await runSession(node.url, { publicId: app.app.publicId, op: 'enroll' }, await person('img5.jpg', 'img6.jpg', 'img7.jpg'), {
        origin: ORIGIN,
        pins: ['5820'],
      });
      assert.equal(errorName(run), 'FACE_DUPLICATION');
      assert.equal(run.verdict!.ok === false && run.verdict!.error.code, FIO_ERROR_CODES.FACE_DUPLICATION);
    });

    it('does not recognize another person: UNRECOGNIZED_FACE', async () => {
      const other = await Promise.all(['img47.jpg', 'img48.jpg'].map((f) => frameOf(dataPath('faces', 'deepface_id03', f))));
      const run = await runSession(node.url, { publicId: app.app.publicId, op: 'authenticate' }, other, { origin: ORIGIN });
      assert.equal(errorName(run), 'UNRECOGNIZED_FACE');
    });

    it('answers MANY_FACES for a group photo', async () => {
      const group = await frameOf(dataPath('scenes', 'many-faces', 'bbt1.jpg'));
      const run = await runSession(node.url, { publicId: app.app.publicId, op: 'authenticate' }, [group, group, group], { origin: ORIGIN });
      assert.equal(errorName(run), 'MANY_FACES');
    });

    it('answers NO_FACES_DETECTED for a cat', async () => {
      const cat = await frameOf(dataPath('scenes', 'no-face', 'chelsea.png'));
      const run = await runSession(node.url, { publicId: app.app.publicId, op: 'enroll' }, Array(6).fill(cat), { origin: ORIGIN });
      assert.equal(errorName(run), 'NO_FACES_DETECTED');
      assert.ok(run.messages.some((m) => m.type === 'progress' && m.event === 'no-face'));
    });

    it('answers PAD_ATTACK for the same still frame repeated', async () => {
      const still = await frameOf(dataPath('faces', 'deepface_id01', 'img2.jpg'));
      const run = await runSession(node.url, { publicId: app.app.publicId, op: 'authenticate' }, Array(6).fill(still), { origin: ORIGIN });
      assert.equal(errorName(run), 'PAD_ATTACK');
    });

    it('answers PAD_ATTACK for rescaled copies of one photo (an affine replay): they cannot answer the challenge enrollment asks', async () => {
      const path = dataPath('faces', 'deepface_id01', 'img4.jpg');
      const copies = await Promise.all([640, 600, 560, 520, 480].map((side) => frameOf(path, side)));
      const run = await runSession(node.url, { publicId: challenged.app.publicId, op: 'enroll' }, copies, {
        origin: ORIGIN,
        pins: ['4711'],
        repeat: true,
      });
      assert.equal(errorName(run), 'PAD_ATTACK');
      const ready = run.messages.find((m) => m.type === 'ready');
      assert.ok(ready?.type === 'ready' && ready.challenge && ready.challenge.steps.length === 2, 'the challenge is in the ready message');
      assert.equal((run.verdict as { error: { message: string } }).error.message, 'presentation attack detected', 'no reason to the browser');
    });

    it('refuses a replayed session token: SESSION_EXPIRED', async () => {
      const first = await runSession(node.url, { publicId: app.app.publicId, op: 'liveness' }, await person('img2.jpg', 'img4.jpg'), {
        origin: ORIGIN,
      });
      assert.equal(errorName(first), 'ok');
      const response = await fetch(`${node.url}/v1/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ORIGIN },
        body: JSON.stringify({ publicId: app.app.publicId, op: 'liveness' }),
      });
      const token = ((await response.json()) as { sessionToken: string }).sessionToken;
      const used = await runSession(node.url, { publicId: app.app.publicId, op: 'liveness' }, await person('img2.jpg', 'img4.jpg'), {
        origin: ORIGIN,
        token,
      });
      assert.equal(errorName(used), 'ok');
      const replay = await runSession(node.url, { publicId: app.app.publicId, op: 'liveness' }, await person('img2.jpg'), { origin: ORIGIN, token });
      assert.equal(errorName(replay), 'SESSION_EXPIRED');
    });

    it('reports liveness and an age estimate', async () => {
      const live = await runSession(node.url, { publicId: app.app.publicId, op: 'liveness' }, await person('img6.jpg', 'img7.jpg'), {
        origin: ORIGIN,
      });
      assert.deepEqual(Object.keys((live.verdict as { result: object }).result).sort(), ['live', 'score']);
      assert.equal((live.verdict as { result: { live: boolean } }).result.live, true);
      const age = await runSession(node.url, { publicId: app.app.publicId, op: 'age' }, await person('img6.jpg', 'img7.jpg'), { origin: ORIGIN });
      const result = (age.verdict as { result: { age: number; adult: boolean } }).result;
      assert.ok(result.age > 10 && result.age < 90 && typeof result.adult === 'boolean');
    });

    it('fails a frame that is not an image with PROCESSING_ERR, and an oversized frame too', async () => {
      const broken = await runSession(
        node.url,
        { publicId: app.app.publicId, op: 'authenticate' },
        [new TextEncoder().encode('definitely not a jpeg')],
        { origin: ORIGIN },
      );
      assert.equal(errorName(broken), 'PROCESSING_ERR');
      assert.match((broken.verdict as { error: { message: string } }).error.message, /not an image/);
      const huge = await runSession(
        node.url,
        { publicId: app.app.publicId, op: 'authenticate' },
        [new Uint8Array(node.deps.limits.maxFrameBytes + 1)],
        { origin: ORIGIN },
      );
      assert.equal(errorName(huge), 'PROCESSING_ERR');
      assert.match((huge.verdict as { error: { message: string } }).error.message, /over the .*-byte limit/);
    });
  });
