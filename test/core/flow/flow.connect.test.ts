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
    api.dismiss();
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
      { type: 'FLOW.DISMISS' },
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

  describe('issue 14: one state for the guidance line and the oval', () => {
    const face = { x: 0.3, y: 0.2, width: 0.25, height: 0.3, frame: { width: 640, height: 480 } };
    const cue = (flow: Flow) => view(flow).cue;

    it('before any hint: looking, a centred idle oval; a good hint is never shown as looking', () => {
      const flow = startFlow({ op: 'authenticate' });
      toScan(flow);
      assert.deepEqual(cue(flow), { key: 'scan.looking', tone: 'idle', face: null });
      flow.send({ type: 'SCAN.GUIDANCE', hint: 'good', faces: 1, face });
      // The reported bug: a green oval under "Looking for your face…". Good framing reads "Scanning".
      assert.deepEqual(cue(flow), { key: 'scan.need-more-frames', tone: 'good', face });
      assert.equal(view(flow).statusKey, 'scan.need-more-frames', 'the status line is the cue’s key');
    });

    it('each hint has its tone, the status key is always the cue’s, and no face means no box', () => {
      const flow = startFlow({ op: 'authenticate' });
      toScan(flow);
      const tones: Array<[string, string]> = [];
      for (const hint of ['no-face', 'many-faces', 'move-closer', 'too-dark', 'look-straight', 'hold-still'] as const) {
        flow.send({ type: 'SCAN.GUIDANCE', hint, faces: hint === 'no-face' ? 0 : 1, face });
        const api = view(flow);
        assert.equal(api.statusKey, api.cue?.key);
        assert.equal(api.cue?.face, hint === 'no-face' ? null : face, hint);
        tones.push([api.cue!.key, api.cue!.tone]);
      }
      assert.deepEqual(tones, [
        ['scan.no-face', 'idle'],
        ['scan.many-faces', 'warn'],
        ['scan.move-closer', 'adjust'],
        ['scan.too-dark', 'adjust'],
        ['scan.look-straight', 'adjust'],
        ['scan.hold-still', 'good'],
      ]);
    });

    it("once framed, the node's remark on the last frame sets both", () => {
      const flow = startFlow({ op: 'authenticate' });
      toScan(flow);
      flow.send({ type: 'SCAN.GUIDANCE', hint: 'good', faces: 1 });
      flow.fakes.node({ type: 'progress', event: 'face-quality', accepted: 1, needed: 3 });
      assert.deepEqual(cue(flow), { key: 'scan.face-quality', tone: 'adjust', face: null });
      flow.fakes.node({ type: 'progress', event: 'need-more-frames', accepted: 2, needed: 3 });
      assert.deepEqual(cue(flow), { key: 'scan.need-more-frames', tone: 'good', face: null });
      assert.equal(view(flow).cue?.key, view(flow).statusKey);
    });

    it('no cue outside the scan', () => {
      const flow = startFlow({ op: 'authenticate' });
      assert.equal(cue(flow), null);
      toScan(flow);
      toPin(flow, { confirm: false, reason: 'policy' });
      assert.equal(cue(flow), null);
    });
  });

  describe('issue 14: progress and timers', () => {
    it('progress is full at the PIN step, even when the last progress said 2 of 3', () => {
      const flow = startFlow({ op: 'authenticate' });
      toScan(flow);
      flow.send({ type: 'SCAN.GUIDANCE', hint: 'good', faces: 1 });
      flow.fakes.node(progress(2, 3));
      assert.equal(Math.round(view(flow).progress * 3), 2);
      flow.fakes.node({ type: 'pin-required', reason: 'doubt', digits: { min: 4, max: 4 }, confirm: false, attemptsLeft: 3 });
      assert.deepEqual([view(flow).phase, view(flow).progress], ['pin', 1]);
      view(flow).submitPin('4831');
      assert.deepEqual([view(flow).phase, view(flow).progress], ['reply', 1]);
    });

    it("the timer's epoch changes each time the machine (re-)arms a limit: entry, More time, a node message", () => {
      const flow = startFlow({ op: 'authenticate' });
      view(flow).start();
      const first = view(flow).timer;
      assert.deepEqual(first && { limitMs: first.limitMs }, { limitMs: 27_000 });
      view(flow).extend();
      const extended = view(flow).timer!;
      assert.ok(extended.epoch > first!.epoch, 'More time re-arms');
      flow.fakes.camera({ type: 'PERMISSION.GRANTED' });
      const scan = view(flow).timer!;
      assert.ok(scan.epoch > extended.epoch);
      flow.send({ type: 'SCAN.GUIDANCE', hint: 'good', faces: 1 });
      const capturing = view(flow).timer!.epoch;
      flow.send({ type: 'SCAN.GUIDANCE', hint: 'good', faces: 1 });
      assert.equal(view(flow).timer!.epoch, capturing, 'guidance alone does not re-arm');
      flow.fakes.node(progress(1, 3));
      assert.ok(view(flow).timer!.epoch > capturing, "the node's progress re-arms the idle limit");
    });

    it('dismiss() leaves a final screen for rest; start() then runs again', () => {
      const flow = startFlow({ op: 'authenticate' });
      toScan(flow);
      view(flow).close();
      assert.equal(view(flow).phase, 'failed');
      view(flow).dismiss();
      assert.deepEqual([view(flow).phase, view(flow).busy, view(flow).error], ['idle', false, null]);
      view(flow).start();
      assert.equal(view(flow).phase, 'permission');
    });
  });
});
