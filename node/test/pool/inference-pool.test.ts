import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { InferencePool, JobCancelledError, JobError, WorkerCrashedError } from '../../src/vision/pool/inference-pool.js';
import type { FakeRequest } from './fake-job.js';

const MODULE = new URL('./fake-job.ts', import.meta.url).href;
type Result = { name: string; thread: number };

const pools: InferencePool<FakeRequest, Result>[] = [];
async function startPool(size: number, options: unknown = {}): Promise<InferencePool<FakeRequest, Result>> {
  const pool = new InferencePool<FakeRequest, Result>({ size, module: MODULE, options });
  pools.push(pool);
  await pool.start();
  return pool;
}
after(() => Promise.all(pools.map((p) => p.close())));

/** A job that keeps its worker busy until `release()`: lets a test fill the queue deterministically. */
function holder(name: string): { request: FakeRequest; release(): void } {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  return {
    request: { name, holdUntil: flag.buffer as SharedArrayBuffer },
    release: () => {
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
    },
  };
}

describe('InferencePool (worker threads)', () => {
  it('runs waiting jobs in the fair order: sessions on their last frame first, then first come first served', async () => {
    const pool = await startPool(1);
    const order: string[] = [];
    const track = (p: Promise<Result>) => p.then((r) => void order.push(r.name));
    const busy = holder('a1');
    const jobs = [
      track(pool.run(1, false, busy.request)), // on the worker
      track(pool.run(2, false, { name: 'b1' })),
      track(pool.run(3, false, { name: 'c1' })),
      track(pool.run(3, true, { name: 'c2' })),
      track(pool.run(1, false, { name: 'a2' })),
    ];
    assert.deepEqual(pool.load().queued, 4);
    busy.release();
    await Promise.all(jobs);
    assert.deepEqual(order, ['a1', 'c1', 'c2', 'b1', 'a2']);
  });

  it('spreads jobs over its workers', async () => {
    const pool = await startPool(2);
    const holds = [holder('x'), holder('y')];
    const running = holds.map((h, i) => pool.run(i, false, h.request));
    assert.equal(pool.load().running, 2);
    for (const h of holds) h.release();
    const threads = new Set((await Promise.all(running)).map((r) => r.thread));
    assert.equal(threads.size, 2);
  });

  it("returns a job's own error by name, message and code, and goes on", async () => {
    const pool = await startPool(1);
    const error = await pool.run(1, false, { name: 'bad', fail: true }).catch((e: unknown) => e);
    assert.ok(error instanceof JobError);
    assert.equal(error.name, 'ImageInputError');
    assert.equal(error.code, 'IMAGE_UNREADABLE');
    assert.match(error.message, /bad: not an image/);
    assert.equal((await pool.run(1, false, { name: 'next' })).name, 'next');
  });

  for (const crash of ['exit', 'throw'] as const) {
    it(`fails only the job whose worker died (${crash}), replaces the worker and runs what waits`, async () => {
      const pool = await startPool(1);
      const before = (await pool.run(1, false, { name: 'before' })).thread;
      const crashed = pool.run(1, false, { name: 'boom', crash });
      const waiting = pool.run(2, false, { name: 'other session' });
      await assert.rejects(crashed, WorkerCrashedError);
      const after = await waiting;
      assert.equal(after.name, 'other session');
      assert.notEqual(after.thread, before, 'a new worker thread');
      assert.equal(pool.load().workers, 1);
    });
  }

  it("cancels a closed lane's waiting jobs only", async () => {
    const pool = await startPool(1);
    const busy = holder('running');
    const running = pool.run(1, false, busy.request);
    const dropped = pool.run(1, false, { name: 'dropped' });
    const kept = pool.run(2, false, { name: 'kept' });
    pool.cancelLane(1);
    await assert.rejects(dropped, JobCancelledError);
    busy.release();
    assert.equal((await running).name, 'running', 'a running job finishes');
    assert.equal((await kept).name, 'kept');
  });

  it('shuts down: waiting jobs are cancelled, the running one finishes, later jobs are refused', async () => {
    const pool = await startPool(1);
    const busy = holder('last one');
    const running = pool.run(1, false, busy.request);
    const waiting = pool.run(2, false, { name: 'never' });
    const closed = pool.close();
    await assert.rejects(waiting, JobCancelledError);
    busy.release();
    assert.equal((await running).name, 'last one');
    await closed;
    await assert.rejects(pool.run(3, false, { name: 'late' }), JobCancelledError);
  });

  it('fails to start, saying why, when its workers cannot load their models', async () => {
    const pool = new InferencePool<FakeRequest, Result>({ size: 1, module: MODULE, options: { startup: 'fail' }, maxStartFailures: 1 });
    pools.push(pool);
    await assert.rejects(pool.start(), /fake models missing/);
    await assert.rejects(pool.run(1, false, { name: 'x' }), WorkerCrashedError);
  });
});
