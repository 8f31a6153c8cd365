import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Bus } from '../src/bus/bus.js';
import {
  INDEX_CHANNEL,
  IndexRegistry,
  decodeIndexEvent,
  encodeIndexEvent,
  publishAdd,
  publishRemove,
  type IndexRow,
} from '../src/index/index-registry.js';

const DIMS = 512;

/** The two Bus methods the registry uses, delivering synchronously to every subscriber (this node included, as Redis does). */
function fakeBus(): Pick<Bus, 'publish' | 'subscribe'> & { sent: string[] } {
  const handlers = new Map<string, Set<(message: string) => void>>();
  const sent: string[] = [];
  return {
    sent,
    async publish(channel, message) {
      sent.push(message);
      for (const handler of handlers.get(channel) ?? []) handler(message);
    },
    async subscribe(channel, handler) {
      if (!handlers.has(channel)) handlers.set(channel, new Set());
      handlers.get(channel)!.add(handler);
      return async () => void handlers.get(channel)!.delete(handler);
    },
  };
}

let seed = 1;
/** A seeded unit vector. */
function unit(): Float32Array {
  const v = new Float32Array(DIMS);
  let sum = 0;
  for (let i = 0; i < DIMS; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    v[i] = seed / 2 ** 32 - 0.5;
    sum += v[i]! * v[i]!;
  }
  return v.map((x) => x / Math.sqrt(sum));
}

async function* rowsOf(rows: IndexRow[], between?: (i: number) => Promise<void>): AsyncIterable<IndexRow> {
  for (const [i, row] of rows.entries()) {
    await between?.(i);
    yield row;
  }
}

describe('index events', () => {
  it('round-trips an add event through compact JSON (base64 float32)', () => {
    const vectors = [unit(), unit()];
    const message = encodeIndexEvent({ type: 'add', appId: 'app', facialId: 'f1', vectors }, 'node-a');
    const json = JSON.parse(message) as Record<string, unknown>;
    assert.deepEqual(Object.keys(json).sort(), ['appId', 'facialId', 'origin', 'type', 'vectors']);
    assert.equal(Buffer.from(json.vectors as string, 'base64').length, 2 * DIMS * 4);
    const { change, origin } = decodeIndexEvent(message);
    assert.equal(origin, 'node-a');
    assert.equal(change.type, 'add');
    assert.deepEqual(change.type === 'add' && change.vectors, vectors);
  });

  it('round-trips a remove event', () => {
    const message = encodeIndexEvent({ type: 'remove', appId: 'app', facialId: 'f1' }, 'node-a');
    assert.deepEqual(decodeIndexEvent(message), { change: { type: 'remove', appId: 'app', facialId: 'f1' }, origin: 'node-a' });
  });

  it('rejects malformed messages', () => {
    const bad = [
      'not json',
      'null',
      '{"type":"rename","appId":"a","facialId":"f","origin":"n"}',
      '{"type":"remove","appId":"","facialId":"f","origin":"n"}',
      '{"type":"remove","appId":"a","facialId":"f"}',
      '{"type":"add","appId":"a","facialId":"f","origin":"n"}',
      `{"type":"add","appId":"a","facialId":"f","origin":"n","vectors":"${Buffer.alloc(100).toString('base64')}"}`,
    ];
    for (const message of bad) assert.throws(() => decodeIndexEvent(message), message);
  });
});

describe('IndexRegistry', () => {
  it('keeps one index per application', () => {
    const registry = new IndexRegistry();
    registry.applyLocal({ type: 'add', appId: 'a', facialId: 'f', vectors: [unit()] });
    assert.equal(registry.forApp('a'), registry.forApp('a'));
    assert.equal(registry.forApp('a').size, 1);
    assert.equal(registry.forApp('b').size, 0);
    assert.deepEqual(registry.apps().sort(), ['a', 'b']);
    assert.equal(registry.drop('b'), true);
    assert.deepEqual(registry.apps(), ['a']);
  });

  it('applies adds (replacing the templates: applying twice changes nothing) and removes', () => {
    const registry = new IndexRegistry();
    const [v1, v2, v3] = [unit(), unit(), unit()];
    registry.applyLocal({ type: 'add', appId: 'a', facialId: 'f', vectors: [v1, v2] });
    registry.applyLocal({ type: 'add', appId: 'a', facialId: 'f', vectors: [v1, v2] });
    assert.equal(registry.forApp('a').size, 2);
    registry.applyLocal({ type: 'add', appId: 'a', facialId: 'f', vectors: [v3] });
    assert.equal(registry.forApp('a').size, 1);
    assert.equal(registry.forApp('a').search(v3, 1)[0]!.facialId, 'f');
    registry.applyLocal({ type: 'remove', appId: 'a', facialId: 'f' });
    assert.equal(registry.forApp('a').has('f'), false);
  });

  it('syncs two nodes through the bus and ignores its own echo', async () => {
    const bus = fakeBus();
    const [nodeA, nodeB] = [new IndexRegistry(), new IndexRegistry()];
    await nodeA.attach(bus, 'node-a');
    const detachB = await nodeB.attach(bus, 'node-b');
    const face = unit();

    // Node A enrolls: applies locally, then publishes; B applies it.
    nodeA.applyLocal({ type: 'add', appId: 'app', facialId: 'alice', vectors: [face] });
    await publishAdd(bus, 'node-a', 'app', 'alice', [face]);
    assert.equal(bus.sent.length, 1);
    assert.deepEqual(
      nodeB
        .forApp('app')
        .search(face, 1)
        .map((h) => h.facialId),
      ['alice'],
    );

    // A message carrying A's own origin is never applied by A (it applied the change when it made it).
    await publishAdd(bus, 'node-a', 'app', 'echo-only', [unit()]);
    assert.equal(nodeA.forApp('app').has('echo-only'), false);
    assert.equal(nodeB.forApp('app').has('echo-only'), true);

    // B deletes; A follows.
    nodeB.applyLocal({ type: 'remove', appId: 'app', facialId: 'alice' });
    await publishRemove(bus, 'node-b', 'app', 'alice');
    assert.equal(nodeA.forApp('app').has('alice'), false);
    assert.equal(nodeB.forApp('app').has('alice'), false);

    await detachB();
    await publishAdd(bus, 'node-a', 'app', 'after-detach', [unit()]);
    assert.equal(nodeB.forApp('app').has('after-detach'), false);
  });

  it('reports and skips malformed bus messages', async () => {
    const bus = fakeBus();
    const errors: string[] = [];
    const registry = new IndexRegistry({ onEventError: (_error, message) => errors.push(message) });
    await registry.attach(bus, 'node-a');
    await bus.publish(INDEX_CHANNEL, '{"type":"add"}');
    const nan = new Float32Array(DIMS).fill(Number.NaN);
    await bus.publish(INDEX_CHANNEL, encodeIndexEvent({ type: 'add', appId: 'a', facialId: 'f', vectors: [nan] }, 'node-b'));
    assert.equal(errors.length, 2);
    assert.equal(registry.forApp('a').size, 0);
  });

  it('loads from the store and keeps the changes that arrive while loading', async () => {
    const bus = fakeBus();
    const registry = new IndexRegistry();
    await registry.attach(bus, 'node-a');
    const stored = Array.from({ length: 40 }, (_, i) => ({ facialId: `user-${Math.floor(i / 2)}`, vector: unit() }));
    const late = unit();
    const n = await registry.load(
      'app',
      rowsOf(stored, async (i) => {
        if (i !== 20) return;
        // Halfway through the store's rows, other nodes delete one stored user and enroll a new one.
        await publishRemove(bus, 'node-b', 'app', 'user-3');
        await publishAdd(bus, 'node-b', 'app', 'late', [late]);
        // Meanwhile searches still use the previous (here empty) index, which got the new user too.
        assert.equal(registry.forApp('app').size, 1);
      }),
    );
    const index = registry.forApp('app');
    assert.equal(n, 39);
    assert.equal(index.size, 39);
    assert.equal(index.identities, 20);
    assert.equal(index.has('user-3'), false);
    assert.equal(index.search(late, 1)[0]!.facialId, 'late');
    assert.equal(index.search(stored[11]!.vector, 1)[0]!.facialId, 'user-5');
  });

  it('keeps the previous index when a load fails', async () => {
    const registry = new IndexRegistry();
    registry.applyLocal({ type: 'add', appId: 'app', facialId: 'kept', vectors: [unit()] });
    const broken = rowsOf([{ facialId: 'x', vector: unit() }], async () => {
      throw new Error('store went away');
    });
    await assert.rejects(registry.load('app', broken), /store went away/);
    assert.equal(registry.forApp('app').has('kept'), true);
    assert.equal(await registry.load('app', rowsOf([{ facialId: 'y', vector: unit() }])), 1);
    assert.equal(registry.forApp('app').has('kept'), false);
  });
});
