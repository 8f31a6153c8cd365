// The inference actor against a fake worker (node): ids, transfer list, busy frames, errors, dispose.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { WorkerLike } from '../../../src/core/inference/inference-actor.js';
import { createInferenceClient } from '../../../src/core/inference/inference-actor.js';
import type { FrameSummary, WorkerRequest, WorkerResponse } from '../../../src/core/inference/worker-protocol.js';

class FakeWorker implements WorkerLike {
  readonly sent: { message: WorkerRequest; transfer: Transferable[] }[] = [];
  terminated = false;
  private readonly listeners = new Map<string, Set<(event: never) => void>>();
  postMessage(message: unknown, transfer: Transferable[]): void {
    this.sent.push({ message: message as WorkerRequest, transfer });
  }
  addEventListener(type: string, listener: (event: never) => void): void {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(listener);
  }
  removeEventListener(type: string, listener: (event: never) => void): void {
    this.listeners.get(type)?.delete(listener);
  }
  terminate(): void {
    this.terminated = true;
  }
  emit(type: string, event: object): void {
    for (const l of this.listeners.get(type) ?? []) (l as (e: object) => void)(event);
  }
  reply(response: WorkerResponse): void {
    this.emit('message', { data: response });
  }
  listenerCount(): number {
    return [...this.listeners.values()].reduce((n, s) => n + s.size, 0);
  }
}

/** Enough of an ImageBitmap for the actor (it only transfers or closes it). */
function fakeBitmap(): ImageBitmap & { closed: boolean } {
  const bitmap = { width: 4, height: 4, closed: false, close: () => void (bitmap.closed = true) };
  return bitmap as unknown as ImageBitmap & { closed: boolean };
}
const summary: FrameSummary = { width: 4, height: 4, faces: 0, main: null };
const tick = () => new Promise((r) => setImmediate(r));

describe('createInferenceClient', () => {
  test('init and analyze: numbered requests, the bitmap in the transfer list, answers matched by id', async () => {
    const w = new FakeWorker();
    const client = createInferenceClient(w);
    const init = client.init({ modelBaseUrl: '/models/', wasmPaths: '/ort/' });
    const { message: initMsg } = w.sent[0]!;
    assert.equal(initMsg.type, 'init');
    w.reply({ type: 'init', id: initMsg.id, out: { backend: 'wasm' } });
    assert.deepEqual(await init, { backend: 'wasm' });

    const bitmap = fakeBitmap();
    const analysis = client.analyze(bitmap);
    const { message, transfer } = w.sent[1]!;
    assert.equal(message.type, 'analyze');
    assert.notEqual(message.id, initMsg.id);
    assert.deepEqual(transfer, [bitmap]);
    assert.equal(client.busy, true);
    w.reply({ type: 'analyze', id: message.id + 100, out: summary }); // someone else's answer: ignored
    w.reply({ type: 'analyze', id: message.id, out: summary });
    assert.deepEqual(await analysis, summary);
    assert.equal(client.busy, false);
  });

  test('a frame while another is in flight resolves null and is closed, without a message', async () => {
    const w = new FakeWorker();
    const client = createInferenceClient(w);
    const first = client.analyze(fakeBitmap());
    const dropped = fakeBitmap();
    assert.equal(await client.analyze(dropped), null);
    assert.equal(dropped.closed, true);
    assert.equal(w.sent.length, 1);
    w.reply({ type: 'analyze', id: w.sent[0]!.message.id, out: summary });
    await first;
    const next = client.analyze(fakeBitmap());
    assert.equal(w.sent.length, 2);
    w.reply({ type: 'analyze', id: w.sent[1]!.message.id, out: summary });
    assert.deepEqual(await next, summary);
  });

  test('err answers reject with the worker message; the client is free again', async () => {
    const w = new FakeWorker();
    const client = createInferenceClient(w);
    const analysis = client.analyze(fakeBitmap());
    w.reply({ type: 'analyze', id: w.sent[0]!.message.id, err: { message: 'inference worker: send init first' } });
    await assert.rejects(analysis, /send init first/);
    assert.equal(client.busy, false);
  });

  test('a worker error rejects every pending call', async () => {
    const w = new FakeWorker();
    const client = createInferenceClient(w);
    const init = client.init({ modelBaseUrl: '/models/', wasmPaths: '/ort/' });
    const analysis = client.analyze(fakeBitmap());
    w.emit('error', { type: 'error', message: 'Uncaught SyntaxError' });
    await assert.rejects(init, /Uncaught SyntaxError/);
    await assert.rejects(analysis, /Uncaught SyntaxError/);
    assert.equal(client.busy, false);
  });

  test('dispose: asks the worker, then terminates it and detaches; later calls reject', async () => {
    const w = new FakeWorker();
    const client = createInferenceClient(w);
    const disposed = client.dispose();
    await tick();
    assert.equal(w.terminated, false);
    assert.equal(w.sent[0]!.message.type, 'dispose');
    w.reply({ type: 'dispose', id: w.sent[0]!.message.id, out: null });
    await disposed;
    assert.equal(w.terminated, true);
    assert.equal(w.listenerCount(), 0);
    await assert.rejects(client.analyze(fakeBitmap()), /disposed/);
    await assert.rejects(client.init({ modelBaseUrl: '', wasmPaths: '' }), /disposed/);
    await client.dispose(); // idempotent
  });
});
