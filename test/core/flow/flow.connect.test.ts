import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { connect } from '../../../src/core/flow/flow.connect.js';
import type { FlowEvent } from '../../../src/core/flow/flow.types.js';
import type { Flow } from './harness.js';
import { nodeError, progress, startFlow, toPin, toScan } from './harness.js';

const view = (flow: Flow) => connect(flow.actor.getSnapshot(), flow.send);

/** A view-model whose `send` only records, to check what each function sends. */
function recorded(flow: Flow) {
  const sent: FlowEvent[] = [];
  return { api: connect(flow.actor.getSnapshot(), (e) => sent.push(e)), sent };
}

describe('connect()', () => {
  it('sends one namespaced event per function', () => {
    const { api, sent } = recorded(startFlow({ op: 'enroll' }));
    api.start();
    api.accept();
    api.decline();
    api.continueIntro();
    api.submitPin('1234');
    api.submitPin('1234', '1234');
    api.retry();
    api.close();
    api.extend();
    assert.deepEqual(sent, [
      { type: 'FLOW.START' },
      { type: 'TERMS.ACCEPT' },
      { type: 'TERMS.DECLINE' },
      { type: 'INTRO.CONTINUE' },
      { type: 'PIN.SUBMIT', pin: '1234' },
      { type: 'PIN.SUBMIT', pin: '1234', confirm: '1234' },
      { type: 'FLOW.RESTART' },
      { type: 'FLOW.CLOSE' },
      { type: 'FLOW.EXTEND' },
    ]);
  });

  it('describes each phase with its status key, limit and whether it can be extended', () => {
    const flow = startFlow({ op: 'enroll', timeouts: { termsTimeout: 5 } });
    let api = view(flow);
    assert.deepEqual([api.phase, api.statusKey, api.busy, api.canExtend, api.timeoutMs], ['idle', 'idle.enroll', false, false, null]);
    api.start();
    api = view(flow);
    assert.deepEqual([api.phase, api.statusKey, api.busy, api.canExtend, api.timeoutMs], ['permission', 'permission.enroll', true, true, 27_000]);
    flow.fakes.camera({ type: 'PERMISSION.GRANTED' });
    api = view(flow);
    assert.deepEqual([api.phase, api.statusKey, api.canExtend, api.timeoutMs], ['terms', 'terms.enroll', true, 300_000]);
    api.accept();
    api = view(flow);
    assert.deepEqual([api.phase, api.timeoutMs], ['intro', 12_000]);
    api.continueIntro();
    api = view(flow);
    assert.deepEqual([api.phase, api.statusKey, api.canExtend, api.timeoutMs, api.progress], ['scan', 'scan.looking', true, 27_000, 0]);
    flow.fakes.node(progress(3, 3));
    api = view(flow);
    assert.deepEqual([api.phase, api.statusKey, api.canExtend, api.timeoutMs, api.progress], ['reply', 'reply.enroll', false, 40_000, 1]);
  });

  it('shows the tracker guidance first, then the node progress, during the scan', () => {
    const flow = startFlow({ op: 'authenticate' });
    toScan(flow);
    flow.send({ type: 'SCAN.GUIDANCE', hint: 'too-dark', faces: 1 });
    assert.equal(view(flow).statusKey, 'scan.too-dark');
    flow.send({ type: 'SCAN.GUIDANCE', hint: 'good', faces: 1 });
    flow.fakes.node({ type: 'progress', event: 'hold-still', accepted: 1, needed: 4 });
    const api = view(flow);
    assert.equal(api.statusKey, 'scan.hold-still');
    assert.equal(api.progress, 0.25);
    assert.equal(api.guidance, 'good');
  });

  it('exposes the PIN request, its stage, problems and the non-fatal notice', () => {
    const flow = startFlow({ op: 'enroll', userConsent: true });
    toScan(flow);
    toPin(flow, { confirm: true });
    let api = view(flow);
    assert.deepEqual(api.pinRequest, {
      reason: 'enroll',
      digits: { min: 4, max: 16 },
      confirm: true,
      attemptsLeft: 3,
      stage: 'enter',
      problem: null,
    });
    assert.equal(api.statusKey, 'pin.enter');
    api.submitPin('4821');
    api = view(flow);
    assert.equal(api.pinRequest?.stage, 'confirm');
    assert.equal(api.statusKey, 'pin.confirm');
    api.submitPin('4821');
    flow.fakes.node({ type: 'pin-rejected', reason: 'not-unique', attemptsLeft: 3, error: nodeError('UNIQUE_PIN_REQUIRED') });
    api = view(flow);
    assert.equal(api.phase, 'pin');
    assert.equal(api.error, null, 'non-fatal: no error');
    assert.equal(api.notice?.code, 19);
    assert.equal(api.statusKey, 'pin.unique-pin-required');
    assert.equal(api.pinRequest?.problem, 'not-unique');
  });

  it('reports the error and whether a retry makes sense, and retry() starts over', () => {
    const flow = startFlow({ op: 'authenticate' });
    toScan(flow);
    flow.clock.increment(27_000);
    let api = view(flow);
    assert.equal(api.phase, 'failed');
    assert.equal(api.statusKey, 'failed.no-faces-detected');
    assert.deepEqual(api.error, { code: 2, name: 'NO_FACES_DETECTED', retryable: true });
    assert.equal(api.canRetry, true);
    assert.equal(api.busy, false);
    api.retry();
    api = view(flow);
    assert.equal(api.phase, 'permission');
    assert.equal(api.error, null);

    const attack = startFlow({ op: 'authenticate' });
    toScan(attack);
    attack.fakes.node({ type: 'verdict', ok: false, error: nodeError('PAD_ATTACK') });
    assert.equal(view(attack).canRetry, false, 'PAD_ATTACK is not retryable');
  });

  it('gives the result once done', () => {
    const flow = startFlow({ op: 'age' });
    toScan(flow);
    assert.equal(view(flow).result, null);
    flow.fakes.node({ type: 'verdict', ok: true, result: { age: 42, adult: true } });
    const api = view(flow);
    assert.deepEqual([api.phase, api.statusKey, api.progress, api.canRetry], ['done', 'done.age', 1, false]);
    assert.deepEqual(api.result, { age: 42, adult: true });
  });

  it('close() from the view aborts the run', () => {
    const flow = startFlow({ op: 'authenticate' });
    toScan(flow);
    view(flow).close();
    assert.equal(view(flow).error?.code, 23);
    assert.equal(view(flow).statusKey, 'failed.aborted-by-user');
  });
});
