import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FrameAnalyzer } from '../../src/sessions/frame-analyzer.js';
import { inlineFrameAnalyzer } from '../../src/sessions/frame-analyzer.js';
import { createFramePool } from '../../src/vision/pool/frame-pool.js';
import { dataPath } from '../../../test/helpers/data.js';
import { backends, type BackendEnv } from '../helpers/backends.js';
import { testEngine } from '../helpers/engine.js';
import { startTestNode, type TestNodeServer } from '../helpers/node.js';
import { frameOf, runSession } from '../helpers/scan-client.js';
import { CRASH_FRAME } from './crashing-frame-job.js';

const BACKEND = backends()[0]!;

// Scan sessions on a node whose frames go through the inference pool (real models in one worker).
describe('scan sessions through the inference pool', () => {
  let env: BackendEnv;
  let node: TestNodeServer;
  let frames: FrameAnalyzer;
  const person = (...files: string[]) => Promise.all(files.map((f) => frameOf(dataPath('faces', 'deepface_id01', f))));
  before(async () => {
    env = await BACKEND.open();
    frames = await createFramePool({ size: 1, module: new URL('./crashing-frame-job.ts', import.meta.url).href });
    node = await startTestNode(env, { frames });
  });
  after(async () => {
    await node?.close();
    await frames?.close();
    await env?.close();
  });

  it('enrolls and authenticates', async () => {
    // Passive liveness: a verdict on these few photos (the challenge has its own tests).
    const { app } = await node.createApp({ pinPolicy: 'never', preventDuplicates: false, rejectEmptyOrigin: false, liveness: 'passive' });
    const enrolled = await runSession(node.url, { publicId: app.publicId, op: 'enroll' }, await person('img1.jpg', 'img10.jpg', 'img11.jpg'));
    assert.equal(enrolled.verdict?.ok, true, JSON.stringify(enrolled.verdict));
    const authenticated = await runSession(node.url, { publicId: app.publicId, op: 'authenticate' }, await person('img2.jpg', 'img4.jpg'));
    assert.equal(authenticated.verdict?.ok, true, JSON.stringify(authenticated.verdict));
  });

  it('takes frames pipelined by the client: all analysed, answered one by one in the order sent', async () => {
    const { app } = await node.createApp({ pinPolicy: 'never', preventDuplicates: false, rejectEmptyOrigin: false, liveness: 'passive' });
    const frames = [new TextEncoder().encode('no'), ...(await person('img1.jpg', 'img10.jpg', 'img11.jpg'))];
    // The first frame is no image: the session ends on it, whatever the later frames' analyses say.
    const run = await runSession(node.url, { publicId: app.publicId, op: 'enroll' }, frames, { pipeline: 3 });
    assert.equal(run.verdict?.ok === false && run.verdict.error.name, 'PROCESSING_ERR');
    assert.deepEqual(
      run.messages.map((m) => m.type),
      ['ready', 'verdict'],
    );
    const enrolled = await runSession(node.url, { publicId: app.publicId, op: 'enroll' }, frames.slice(1), { pipeline: 3 });
    assert.equal(enrolled.verdict?.ok, true, JSON.stringify(enrolled.verdict));
    assert.deepEqual(
      enrolled.messages.map((m) => (m.type === 'progress' ? m.accepted : m.type)),
      ['ready', 1, 2, 'verdict'],
    );
  });

  it('answers a frame that is not an image with PROCESSING_ERR and its reason', async () => {
    const { app } = await node.createApp({ rejectEmptyOrigin: false });
    const run = await runSession(node.url, { publicId: app.publicId, op: 'authenticate' }, [new TextEncoder().encode('not a jpeg')]);
    assert.equal(run.verdict?.ok, false);
    assert.equal(run.verdict?.ok === false && run.verdict.error.name, 'PROCESSING_ERR');
    assert.match(JSON.stringify(run.verdict), /frame rejected: frame is not an image/);
  });

  it('ends the session whose worker died with PROCESSING_ERR; the pool replaces the worker and the next session succeeds', async () => {
    const { app } = await node.createApp({ pinPolicy: 'never', preventDuplicates: false, rejectEmptyOrigin: false, liveness: 'passive' });
    const crashed = await runSession(node.url, { publicId: app.publicId, op: 'liveness' }, [CRASH_FRAME]);
    assert.equal(crashed.verdict?.ok === false && crashed.verdict.error.name, 'PROCESSING_ERR', JSON.stringify(crashed.verdict));
    const next = await runSession(node.url, { publicId: app.publicId, op: 'age' }, await person('img2.jpg', 'img4.jpg'));
    assert.equal(next.verdict?.ok, true, JSON.stringify(next.verdict));
  });
});

describe('admission control on POST /v1/sessions', () => {
  let env: BackendEnv;
  let node: TestNodeServer;
  let busyFor: number | null = 7;
  before(async () => {
    env = await BACKEND.open();
    const inline = inlineFrameAnalyzer(testEngine());
    node = await startTestNode(env, { listen: false, frames: { ...inline, admit: () => busyFor } });
  });
  after(async () => {
    await node?.close();
    await env?.close();
  });

  it('refuses a new session with 503 TOO_MANY_REQUESTS (15) and Retry-After while the pool could not meet the verdict deadline, then admits again', async () => {
    const { app } = await node.createApp({ rejectEmptyOrigin: false });
    const start = () => node.app.inject({ method: 'POST', url: '/v1/sessions', payload: { publicId: app.publicId, op: 'authenticate' } });
    const refused = await start();
    assert.equal(refused.statusCode, 503);
    assert.equal(refused.headers['retry-after'], '7');
    const error = (refused.json() as { error: { code: number; name: string; retryable: boolean; message: string } }).error;
    assert.equal(error.code, 15);
    assert.equal(error.name, 'TOO_MANY_REQUESTS');
    assert.equal(error.retryable, true);
    assert.match(error.message, /busy: retry in 7 s/);
    busyFor = null;
    assert.equal((await start()).statusCode, 201);
  });
});
