import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FrameQueue } from '../../src/vision/pool/frame-queue.js';

interface Job {
  lane: number;
  last: boolean;
  name: string;
}
const job = (lane: number, name: string, last = false): Job => ({ lane, last, name });

/** Takes every waiting job in order, finishing each before the next (one worker). */
function drain(queue: FrameQueue<Job>): string[] {
  const order: string[] = [];
  for (let j = queue.take(); j; j = queue.take()) {
    order.push(j.name);
    queue.done(j);
  }
  return order;
}

describe('FrameQueue: which waiting frame gets the next free worker', () => {
  it('serves sessions first come, first served', () => {
    const q = new FrameQueue<Job>();
    for (const j of [job(1, 'a1'), job(2, 'b1'), job(3, 'c1'), job(1, 'a2')]) q.push(j);
    assert.deepEqual(drain(q), ['a1', 'b1', 'c1', 'a2']);
  });

  it("puts a session waiting on its last needed frame first, with its earlier frames, in the session's order", () => {
    const q = new FrameQueue<Job>();
    for (const j of [job(1, 'a1'), job(2, 'b1'), job(2, 'b2', true), job(3, 'c1', true), job(1, 'a2')]) q.push(j);
    assert.deepEqual(drain(q), ['b1', 'b2', 'c1', 'a1', 'a2']);
  });

  it('lets a session with nothing on a worker go before one that already has frames running (a pipelining client cannot take every worker)', () => {
    const q = new FrameQueue<Job>();
    for (const j of [job(1, 'a1'), job(1, 'a2'), job(1, 'a3'), job(2, 'b1')]) q.push(j);
    const first = q.take()!; // a1 on worker 1
    assert.equal(first.name, 'a1');
    assert.equal(q.take()!.name, 'b1', 'worker 2 goes to the session with nothing running');
    assert.equal(q.take()!.name, 'a2', 'then back to first come, first served');
    q.done(first);
    assert.equal(q.length, 1);
  });

  it("drops a closed session's waiting frames and keeps the others", () => {
    const q = new FrameQueue<Job>();
    for (const j of [job(1, 'a1'), job(2, 'b1'), job(1, 'a2')]) q.push(j);
    assert.deepEqual(
      q.remove((j) => j.lane === 1).map((j) => j.name),
      ['a1', 'a2'],
    );
    assert.deepEqual(drain(q), ['b1']);
  });
});
