import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Bus } from '../src/bus/bus.js';
import { createMemoryBus } from '../src/bus/memory.js';
import { openBus } from '../src/bus/open.js';
import { backends, type BusEnv } from './helpers/backends.js';

/** Keys and channels unique to one test: the Redis server is shared by the whole file. */
const unique = (label: string) => `test:${label}:${randomUUID()}`;

/** Resolves once `check` holds; fails after 5 s (a message that never arrives). */
async function eventually(check: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !check(); waited += 5) {
    if (waited > 5000) assert.fail(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

function collect(): { messages: string[]; handler: (m: string) => void } {
  const messages: string[] = [];
  return { messages, handler: (m) => messages.push(m) };
}

for (const backend of backends()) {
  describe(backend.name, () => {
    let env: BusEnv;
    let bus: Bus;
    let peer: Bus; // a second node's bus (memory: the same one — one process is one node)
    before(async () => {
      env = await backend.openBus();
      bus = env.bus;
      peer = await env.secondBus();
    });
    after(() => env.close());

    test('kind', () => {
      assert.equal(bus.kind, backend.name === 'pglite+memory' ? 'memory' : 'redis');
    });

    describe('hit', () => {
      test('counts hits within a window, shared by every node', async () => {
        const key = unique('hit');
        const first = await bus.hit(key, 60_000);
        assert.equal(first.count, 1);
        assert.ok(first.resetInMs > 0 && first.resetInMs <= 60_000, `resetInMs ${first.resetInMs}`);
        const second = await peer.hit(key, 60_000);
        assert.equal(second.count, 2);
        // The window is fixed by the first hit: later hits do not push it back.
        assert.ok(second.resetInMs <= first.resetInMs);
        assert.equal(await bus.peek(key), 2);
        assert.equal(await bus.peek(unique('absent')), 0);
      });

      test('starts a new window once the old one is over', async () => {
        const key = unique('window');
        await bus.hit(key, 50);
        await bus.hit(key, 50);
        await env.elapse(80);
        assert.equal(await bus.peek(key), 0);
        const next = await bus.hit(key, 50);
        assert.equal(next.count, 1);
      });

      test('delete resets a counter', async () => {
        const key = unique('reset');
        for (let i = 0; i < 3; i++) await bus.hit(key, 60_000);
        await peer.delete(key);
        assert.equal(await bus.peek(key), 0);
        assert.equal((await bus.hit(key, 60_000)).count, 1);
      });

      test('rejects a window Redis would reject', async () => {
        await assert.rejects(bus.hit(unique('bad'), 0), RangeError);
        await assert.rejects(bus.putOnce(unique('bad'), 'v', 1.5), RangeError);
      });
    });

    describe('values', () => {
      test('putOnce stores only when the key is absent', async () => {
        const key = unique('once');
        assert.equal(await bus.putOnce(key, 'first', 60_000), true);
        assert.equal(await peer.putOnce(key, 'second', 60_000), false);
        assert.equal(await bus.get(key), 'first');
        await bus.delete(key);
        assert.equal(await peer.putOnce(key, 'third', 60_000), true);
        assert.equal(await bus.get(key), 'third');
      });

      test('putOnce succeeds again after the value expired', async () => {
        const key = unique('once-ttl');
        assert.equal(await bus.putOnce(key, 'old', 50), true);
        await env.elapse(80);
        assert.equal(await bus.putOnce(key, 'new', 60_000), true);
        assert.equal(await bus.get(key), 'new');
      });

      test('takeOnce hands a token to exactly one of ten concurrent takers on two nodes', async () => {
        const key = unique('token');
        await bus.putOnce(key, 'secret', 60_000);
        const taken = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? bus : peer).takeOnce(key)));
        assert.deepEqual(
          taken.filter((v) => v !== null),
          ['secret'],
        );
        assert.equal(await bus.get(key), null);
      });

      test('get reads without consuming; set overwrites', async () => {
        const key = unique('get');
        await bus.set(key, 'a', 60_000);
        assert.equal(await peer.get(key), 'a');
        assert.equal(await peer.get(key), 'a');
        await peer.set(key, 'b', 60_000);
        assert.equal(await bus.takeOnce(key), 'b');
        assert.equal(await bus.takeOnce(key), null);
      });

      test('values expire after their TTL', async () => {
        const key = unique('ttl');
        const long = unique('ttl-long');
        await bus.set(key, 'v', 50);
        await bus.set(long, 'v', 60_000);
        assert.equal(await bus.get(key), 'v');
        await env.elapse(80);
        assert.equal(await bus.get(key), null);
        assert.equal(await peer.takeOnce(key), null);
        assert.equal(await bus.get(long), 'v');
      });
    });

    describe('pub/sub', () => {
      test('a message reaches every subscriber on every node, the publisher included, after publish returns', async () => {
        const channel = unique('events');
        const here = collect();
        const there = collect();
        await bus.subscribe(channel, here.handler);
        await peer.subscribe(channel, there.handler);
        const published = bus.publish(channel, 'enrolled:1');
        assert.deepEqual(here.messages, [], 'delivered synchronously');
        await published;
        await eventually(() => here.messages.length === 1 && there.messages.length === 1, 'both subscribers');
        assert.deepEqual([here.messages, there.messages], [['enrolled:1'], ['enrolled:1']]);
      });

      test('messages arrive in publish order; other channels are not heard', async () => {
        const channel = unique('order');
        const heard = collect();
        const elsewhere = collect();
        await peer.subscribe(channel, heard.handler);
        await peer.subscribe(unique('other'), elsewhere.handler);
        for (let i = 0; i < 5; i++) await bus.publish(channel, String(i));
        await eventually(() => heard.messages.length === 5, 'five messages');
        assert.deepEqual(heard.messages, ['0', '1', '2', '3', '4']);
        assert.deepEqual(elsewhere.messages, []);
      });

      test('unsubscribe stops delivery to that handler only', async () => {
        const channel = unique('unsub');
        const gone = collect();
        const stays = collect();
        const lastOnPeer = collect();
        const unsubscribe = await bus.subscribe(channel, gone.handler);
        await bus.subscribe(channel, stays.handler);
        const unsubscribePeer = await peer.subscribe(channel, lastOnPeer.handler);
        await unsubscribe();
        await unsubscribePeer(); // the last handler of that node: its subscription itself goes
        await bus.publish(channel, 'after');
        await eventually(() => stays.messages.length === 1, 'the remaining subscriber');
        // A second message proves the first had time to reach everyone who was still listening.
        await bus.publish(channel, 'later');
        await eventually(() => stays.messages.length === 2, 'the second message');
        assert.deepEqual(gone.messages, []);
        assert.deepEqual(lastOnPeer.messages, []);
      });

      test('a handler that throws does not stop the others', async () => {
        const channel = unique('throws');
        const ok = collect();
        const original = console.error;
        console.error = () => undefined;
        try {
          await bus.subscribe(channel, () => {
            throw new Error('bad handler');
          });
          await bus.subscribe(channel, ok.handler);
          await bus.publish(channel, 'm');
          await eventually(() => ok.messages.length === 1, 'the second handler');
        } finally {
          console.error = original;
        }
      });
    });
  });
}

describe('memory bus', () => {
  test('honours the injected clock: nothing expires until the clock moves', async () => {
    let now = 1_000_000;
    const bus = createMemoryBus({ now: () => now });
    await bus.set('k', 'v', 1000);
    const { resetInMs } = await bus.hit('c', 1000);
    assert.equal(resetInMs, 1000);
    await sleep(20); // real time passes; the injected clock does not
    assert.equal(await bus.get('k'), 'v');
    now += 400;
    assert.equal((await bus.hit('c', 1000)).resetInMs, 600);
    now += 600;
    assert.equal(await bus.get('k'), null);
    assert.equal(await bus.peek('c'), 0);
    await bus.close();
  });

  test('an unsubscribe between publish and delivery drops the queued message', async () => {
    const bus = createMemoryBus();
    const heard = collect();
    const unsubscribe = await bus.subscribe('c', heard.handler);
    const published = bus.publish('c', 'm'); // queued for the next microtask
    await unsubscribe();
    await published;
    await sleep(0);
    assert.deepEqual(heard.messages, []);
    await bus.close();
  });

  test('openBus without a Redis URL is the memory bus; a closed bus refuses work', async () => {
    const bus = await openBus();
    assert.equal(bus.kind, 'memory');
    await bus.close();
    await assert.rejects(bus.get('k'), /closed/);
  });
});
