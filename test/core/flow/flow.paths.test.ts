// Phase order, skips, the happy paths, every error path, close, restart and the busy rules.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createActor, SimulatedClock } from 'xstate';
import type { FioErrorName } from '../../../src/core/errors.js';
import { RETRYABLE } from '../../../src/core/errors.js';
import { canRestart, flowMachine, isBusy, phaseOf, startRefusal } from '../../../src/core/flow/flow.machine.js';
import { eventFromServer } from '../../../src/core/flow/flow.types.js';
import { DEFAULT_SESSION_TIME_LIMITS } from '../../../src/protocol/index.js';
import type { FlowPhase } from '../../../src/core/flow/flow.types.js';
import type { Flow } from './harness.js';
import { nodeError, progress, startFlow, toPin, toScan } from './harness.js';

const ENROLL_RESULT = { facialId: 'f-1', timestamp: '2025-01-01T00:00:00.000Z', details: { gender: 'female' as const, age: 31 } };

function phases(flow: Flow): FlowPhase[] {
  const seen: FlowPhase[] = [flow.phase()];
  flow.actor.subscribe((s) => {
    const p = phaseOf(s);
    if (seen.at(-1) !== p) seen.push(p);
  });
  return seen;
}

describe('phase order', () => {
  it('enroll: permission → terms → intro → scan', () => {
    const flow = startFlow({ op: 'enroll' });
    const seen = phases(flow);
    toScan(flow);
    assert.deepEqual(seen, ['idle', 'permission', 'terms', 'intro', 'scan']);
    assert.equal(flow.context().userConsent, false);
  });

  it('enroll with userConsent: true skips the terms', () => {
    const flow = startFlow({ op: 'enroll', userConsent: true });
    const seen = phases(flow);
    toScan(flow);
    assert.deepEqual(seen, ['idle', 'permission', 'intro', 'scan']);
  });

  it('authenticate skips the terms and the intro (userConsent or not)', () => {
    for (const userConsent of [false, true]) {
      const flow = startFlow({ op: 'authenticate', userConsent });
      const seen = phases(flow);
      toScan(flow);
      assert.deepEqual(seen, ['idle', 'permission', 'scan']);
    }
  });

  it('liveness and age go straight from permission to the scan too', () => {
    for (const op of ['liveness', 'age'] as const) {
      const flow = startFlow({ op });
      const seen = phases(flow);
      toScan(flow);
      assert.deepEqual(seen, ['idle', 'permission', 'scan']);
    }
  });

  it('the scan stream gets the operation, payload, facial ID and locale', () => {
    const flow = startFlow({ op: 'enroll', userConsent: true, payload: { email: 'a@b.c' }, locale: 'fr' });
    toScan(flow);
    assert.deepEqual(flow.fakes.log.streamInputs, [{ op: 'enroll', payload: { email: 'a@b.c' }, locale: 'fr' }]);
    const auth = startFlow({ op: 'authenticate', facialId: 'f-9' });
    toScan(auth);
    assert.deepEqual(auth.fakes.log.streamInputs, [{ op: 'authenticate', facialId: 'f-9' }]);
  });

  it('FLOW.START can carry the input of the run', () => {
    const flow = startFlow({ op: 'enroll' });
    flow.send({ type: 'FLOW.START', input: { op: 'authenticate', timeouts: { idleTimeout: 20 } } });
    flow.fakes.camera({ type: 'PERMISSION.GRANTED' });
    assert.equal(flow.phase(), 'scan');
    assert.equal(flow.context().timeouts.idle, 20_000);
  });
});

describe('happy paths', () => {
  it('enroll: frames, PIN typed twice, verdict → done with the result', () => {
    const flow = startFlow({ op: 'enroll', userConsent: true });
    toScan(flow);
    flow.fakes.node({
      type: 'ready',
      op: 'enroll',
      limits: DEFAULT_SESSION_TIME_LIMITS,
      settings: {
        pinPolicy: 'on-doubt',
        pinLength: { min: 4, max: 16 },
        rejectWeakPin: true,
        pad: true,
        minFrames: 3,
        maxFrames: 30,
        maxFrameBytes: 200_000,
        maxFrameSide: 640,
      },
    });
    assert.equal(flow.context().settings?.minFrames, 3);
    flow.send({ type: 'SCAN.GUIDANCE', hint: 'move-closer', faces: 1 });
    assert.equal(flow.context().guidance, 'move-closer');
    flow.fakes.node(progress(1, 3));
    flow.fakes.node(progress(2, 3));
    assert.equal(flow.phase(), 'scan');
    assert.equal(flow.context().progress.accepted, 2);
    flow.fakes.node(progress(3, 3));
    assert.equal(flow.phase(), 'reply');
    flow.fakes.node({ type: 'pin-required', reason: 'enroll', digits: { min: 4, max: 16 }, confirm: true, attemptsLeft: 3 });
    assert.equal(flow.phase(), 'pin');
    flow.send({ type: 'PIN.SUBMIT', pin: '4821' });
    assert.equal(flow.phase(), 'pin', 'waits for the confirmation');
    assert.deepEqual(flow.fakes.log.commands, []);
    flow.send({ type: 'PIN.SUBMIT', pin: '4821' });
    assert.equal(flow.phase(), 'reply');
    assert.deepEqual(flow.fakes.log.commands, [{ type: 'pin', pin: '4821', confirm: '4821' }]);
    flow.fakes.node({ type: 'verdict', ok: true, result: ENROLL_RESULT });
    assert.equal(flow.phase(), 'done');
    assert.deepEqual(flow.context().result, ENROLL_RESULT);
    assert.equal(flow.context().error, null);
    assert.equal(flow.fakes.log.streamStops, 1);
    assert.equal(flow.fakes.log.cameraStops, 1, 'the camera is released at the end');
    flow.clock.increment(3_600_000);
    assert.equal(flow.phase(), 'done', 'no timer survives the end');
  });

  it('enroll: PIN and confirmation in one event', () => {
    const flow = startFlow({ op: 'enroll', userConsent: true });
    toScan(flow);
    toPin(flow, { confirm: true });
    flow.send({ type: 'PIN.SUBMIT', pin: '90210', confirm: '90210' });
    assert.deepEqual(flow.fakes.log.commands, [{ type: 'pin', pin: '90210', confirm: '90210' }]);
    assert.equal(flow.phase(), 'reply');
  });

  it('authenticate: a confident verdict can arrive during the scan', () => {
    const flow = startFlow({ op: 'authenticate' });
    toScan(flow);
    flow.fakes.node(progress(1, 2));
    flow.fakes.node({ type: 'verdict', ok: true, result: { facialId: 'f-1', payload: { n: 1 } } });
    assert.equal(flow.phase(), 'done');
    assert.deepEqual(flow.context().result, { facialId: 'f-1', payload: { n: 1 } });
  });

  it('reply → scan again when the node asks for more frames', () => {
    const flow = startFlow({ op: 'enroll', userConsent: true });
    toScan(flow);
    flow.fakes.node(progress(3, 3));
    assert.equal(flow.phase(), 'reply');
    flow.fakes.node(progress(2, 4));
    assert.equal(flow.phase(), 'scan');
    flow.clock.increment(26_999);
    assert.equal(flow.phase(), 'scan');
    flow.clock.increment(1);
    assert.equal(flow.code(), 2, 'fio.js documents NO_FACES_DETECTED for idleTimeout, also once a face had been seen (issue 12)');
  });
});

describe('PIN', () => {
  it('UNIQUE_PIN_REQUIRED is non-fatal: back to the PIN with a notice, then success', () => {
    const flow = startFlow({ op: 'enroll', userConsent: true });
    toScan(flow);
    toPin(flow, { confirm: true });
    flow.send({ type: 'PIN.SUBMIT', pin: '1111', confirm: '1111' });
    flow.fakes.node({ type: 'pin-rejected', reason: 'not-unique', attemptsLeft: 3, error: nodeError('UNIQUE_PIN_REQUIRED') });
    assert.equal(flow.phase(), 'pin');
    assert.equal(flow.code(), null);
    assert.equal(flow.context().notice?.code, 19);
    assert.equal(flow.context().notice?.name, 'UNIQUE_PIN_REQUIRED');
    assert.equal(flow.context().pinProblem, 'not-unique');
    flow.send({ type: 'PIN.SUBMIT', pin: '5820', confirm: '5820' });
    assert.equal(flow.context().notice, null, 'the notice clears with the new attempt');
    flow.fakes.node({ type: 'verdict', ok: true, result: ENROLL_RESULT });
    assert.equal(flow.phase(), 'done');
    assert.deepEqual(
      flow.fakes.log.commands.map((c) => (c.type === 'pin' ? c.pin : c.type)),
      ['1111', '5820'],
    );
  });

  it('a wrong PIN counts down, then WRONG_PIN_CODE ends the run', () => {
    const flow = startFlow({ op: 'authenticate' });
    toScan(flow);
    toPin(flow, { confirm: false, reason: 'doubt', attemptsLeft: 3 });
    flow.send({ type: 'PIN.SUBMIT', pin: '0000' });
    flow.fakes.node({ type: 'pin-rejected', reason: 'wrong', attemptsLeft: 2 });
    assert.equal(flow.phase(), 'pin');
    assert.equal(flow.context().pinProblem, 'wrong');
    assert.equal(flow.context().pinRequest?.attemptsLeft, 2);
    flow.send({ type: 'PIN.SUBMIT', pin: '0001' });
    flow.fakes.node({ type: 'pin-rejected', reason: 'wrong', attemptsLeft: 1 });
    flow.send({ type: 'PIN.SUBMIT', pin: '0002' });
    flow.fakes.node({ type: 'verdict', ok: false, error: nodeError('WRONG_PIN_CODE') });
    assert.equal(flow.phase(), 'failed');
    assert.equal(flow.code(), 8);
    assert.equal(flow.context().error?.retryable, false);
  });

  it('a fatal error carried by a PIN rejection ends the run', () => {
    const flow = startFlow({ op: 'authenticate' });
    toScan(flow);
    toPin(flow, { confirm: false, reason: 'doubt' });
    flow.send({ type: 'PIN.SUBMIT', pin: '0000' });
    flow.fakes.node({ type: 'pin-rejected', reason: 'wrong', attemptsLeft: 0, error: nodeError('WRONG_PIN_CODE') });
    assert.equal(flow.code(), 8);
  });

  it('checks the format before sending: digits, length, confirmation', () => {
    const flow = startFlow({ op: 'enroll', userConsent: true });
    toScan(flow);
    toPin(flow, { confirm: true });
    const cases: [string, string | undefined, string][] = [
      ['12a4', '12a4', 'not-digits'],
      ['', undefined, 'not-digits'],
      ['123', '123', 'too-short'],
      ['1'.repeat(17), '1'.repeat(17), 'too-long'],
      ['4821', '4822', 'confirm-mismatch'],
    ];
    for (const [pin, confirm, problem] of cases) {
      flow.send(confirm === undefined ? { type: 'PIN.SUBMIT', pin } : { type: 'PIN.SUBMIT', pin, confirm });
      assert.equal(flow.phase(), 'pin');
      assert.equal(flow.context().pinProblem, problem, `${pin}/${confirm}`);
    }
    // Two-step entry: a mismatched confirmation starts the entry over.
    flow.send({ type: 'PIN.SUBMIT', pin: '4821' });
    assert.equal(flow.context().pinDraft, '4821');
    assert.equal(flow.context().pinProblem, null);
    flow.send({ type: 'PIN.SUBMIT', pin: '4820' });
    assert.equal(flow.context().pinProblem, 'confirm-mismatch');
    assert.equal(flow.context().pinDraft, null);
    assert.deepEqual(flow.fakes.log.commands, [], 'nothing reached the node');
  });

  it('a PIN.SUBMIT outside the PIN phase is ignored', () => {
    const flow = startFlow({ op: 'authenticate' });
    toScan(flow);
    flow.send({ type: 'PIN.SUBMIT', pin: '1234' });
    assert.equal(flow.phase(), 'scan');
    assert.deepEqual(flow.fakes.log.commands, []);
  });
});

describe('error paths', () => {
  const failing: [string, (flow: Flow) => void, number][] = [
    ['camera denied → PERMISSION_REFUSED', (f) => f.fakes.camera({ type: 'PERMISSION.DENIED' }), 1],
    ['no camera → NO_CAMERA', (f) => f.fakes.camera({ type: 'PERMISSION.NO_CAMERA' }), 24],
  ];
  for (const [title, act, code] of failing) {
    it(title, () => {
      const flow = startFlow({ op: 'enroll' });
      flow.send({ type: 'FLOW.START' });
      act(flow);
      assert.equal(flow.phase(), 'failed');
      assert.equal(flow.code(), code);
      assert.equal(flow.fakes.log.cameraStops, 1);
    });
  }

  it('terms declined → TERMS_NOT_ACCEPTED', () => {
    const flow = startFlow({ op: 'enroll' });
    flow.send({ type: 'FLOW.START' });
    flow.fakes.camera({ type: 'PERMISSION.GRANTED' });
    flow.send({ type: 'TERMS.DECLINE' });
    assert.equal(flow.code(), 11);
    assert.equal(flow.fakes.log.streamStarts, 0, 'nothing was sent to the node');
  });

  const verdicts: FioErrorName[] = [
    'UNRECOGNIZED_FACE',
    'MANY_FACES',
    'PAD_ATTACK',
    'FACE_MISMATCH',
    'NO_FACES_DETECTED',
    'FACE_DUPLICATION',
    'MINORS_NOT_ALLOWED',
    'TOO_MANY_REQUESTS',
    'SESSION_EXPIRED',
    'FORBIDDDEN_ORIGIN',
    'TIMEOUT',
    'PROCESSING_ERR',
  ];
  for (const name of verdicts) {
    it(`node verdict ${name} → failed with the node's code`, () => {
      const flow = startFlow({ op: 'enroll', userConsent: true });
      toScan(flow);
      flow.fakes.node(progress(1, 3));
      flow.fakes.node({ type: 'verdict', ok: false, error: nodeError(name, `reason for ${name}`) });
      assert.equal(flow.phase(), 'failed');
      assert.equal(flow.context().error?.name, name);
      assert.equal(flow.context().error?.retryable, RETRYABLE[name]);
      assert.equal(flow.context().error?.detail, `reason for ${name}`);
      assert.equal(flow.fakes.log.streamStops, 1);
    });
  }

  it('a verdict error while the PIN is shown ends the run (the node timed the PIN out)', () => {
    const flow = startFlow({ op: 'enroll', userConsent: true });
    toScan(flow);
    toPin(flow, { confirm: true });
    flow.fakes.node({ type: 'verdict', ok: false, error: nodeError('TIMEOUT') });
    assert.equal(flow.code(), 14);
  });

  it('the stream breaking → NETWORK_IO, or the code it reports', () => {
    const flow = startFlow({ op: 'authenticate' });
    toScan(flow);
    flow.fakes.node(progress(3, 3));
    flow.send({ type: 'NODE.ERROR' });
    assert.equal(flow.code(), 7);
    const other = startFlow({ op: 'authenticate' });
    toScan(other);
    other.send({ type: 'NODE.ERROR', error: nodeError('UNAUTHORIZED') });
    assert.equal(other.code(), 10);
  });

  it('a scan stream actor that throws fails the run with its code, else NETWORK_IO', () => {
    const coded = startFlow({ op: 'authenticate' }, { streamError: Object.assign(new Error('origin refused'), { code: 17 }) });
    coded.send({ type: 'FLOW.START' });
    coded.fakes.camera({ type: 'PERMISSION.GRANTED' });
    assert.equal(coded.code(), 17);
    assert.equal(coded.context().error?.detail, 'origin refused');
    assert.equal(coded.fakes.log.cameraStops, 1, 'the camera is released');
    const plain = startFlow({ op: 'authenticate' }, { streamError: new Error('socket exploded') });
    plain.send({ type: 'FLOW.START' });
    plain.fakes.camera({ type: 'PERMISSION.GRANTED' });
    assert.equal(plain.code(), 7);
  });

  it('a camera actor that throws fails the run with UI_NOT_READY unless it carries a code', () => {
    const plain = startFlow({ op: 'authenticate' }, { cameraError: new Error('no mediaDevices') });
    plain.send({ type: 'FLOW.START' });
    assert.equal(plain.code(), 12);
    const coded = startFlow({ op: 'authenticate' }, { cameraError: { code: 24 } });
    coded.send({ type: 'FLOW.START' });
    assert.equal(coded.code(), 24);
  });

  it('without provided actors the machine fails with UI_NOT_READY instead of hanging', () => {
    const actor = createActor(flowMachine, { input: { op: 'enroll' }, clock: new SimulatedClock() }).start();
    actor.send({ type: 'FLOW.START' });
    assert.equal(phaseOf(actor.getSnapshot()), 'failed');
    assert.equal(actor.getSnapshot().context.error?.code, 12);
  });
});

describe('close', () => {
  const to: [FlowPhase, (flow: Flow) => void][] = [
    ['idle', () => {}],
    ['permission', (f) => f.send({ type: 'FLOW.START' })],
    ['terms', (f) => (f.send({ type: 'FLOW.START' }), f.fakes.camera({ type: 'PERMISSION.GRANTED' }))],
    ['intro', (f) => (f.send({ type: 'FLOW.START' }), f.fakes.camera({ type: 'PERMISSION.GRANTED' }), f.send({ type: 'TERMS.ACCEPT' }))],
    ['scan', (f) => toScan(f)],
    ['pin', (f) => (toScan(f), toPin(f, { confirm: true }))],
    ['reply', (f) => (toScan(f), f.fakes.node(progress(3, 3)))],
  ];
  for (const [phase, walk] of to) {
    it(`FLOW.CLOSE in ${phase} → ABORTED_BY_USER, actors stopped`, () => {
      const flow = startFlow({ op: 'enroll' });
      walk(flow);
      assert.equal(flow.phase(), phase);
      flow.send({ type: 'FLOW.CLOSE' });
      assert.equal(flow.phase(), 'failed');
      assert.equal(flow.code(), 23);
      assert.equal(flow.fakes.log.cameraStops, flow.fakes.log.cameraStarts);
      assert.equal(flow.fakes.log.streamStops, flow.fakes.log.streamStarts);
    });
  }

  it('FLOW.CLOSE after the end changes nothing', () => {
    const flow = startFlow({ op: 'authenticate' });
    toScan(flow);
    flow.fakes.node({ type: 'verdict', ok: true, result: { facialId: 'f', payload: null } });
    flow.send({ type: 'FLOW.CLOSE' });
    assert.equal(flow.phase(), 'done');
    assert.equal(flow.context().error, null);
  });
});

describe('restart and busy', () => {
  it('FLOW.RESTART after a failure starts over with a fresh context', () => {
    const flow = startFlow({ op: 'authenticate', timeouts: { idleTimeout: 20 } });
    toScan(flow);
    flow.send({ type: 'FLOW.EXTEND' });
    flow.send({ type: 'SCAN.GUIDANCE', hint: 'good', faces: 1 });
    flow.fakes.node(progress(2, 3));
    flow.fakes.node({ type: 'verdict', ok: false, error: nodeError('UNRECOGNIZED_FACE') });
    assert.equal(flow.phase(), 'failed');
    flow.send({ type: 'FLOW.RESTART' });
    assert.equal(flow.phase(), 'permission');
    const ctx = flow.context();
    assert.equal(ctx.error, null);
    assert.equal(ctx.extensions, 0);
    assert.equal(ctx.guidance, null);
    assert.deepEqual(ctx.progress, { event: null, accepted: 0, needed: 0, issues: [] });
    assert.equal(ctx.timeouts.idle, 20_000, 'the input is kept');
    assert.equal(flow.fakes.log.cameraStarts, 2, 'the camera is asked for again');
    flow.fakes.camera({ type: 'PERMISSION.GRANTED' });
    flow.fakes.node({ type: 'verdict', ok: true, result: { facialId: 'f-2', payload: null } });
    assert.equal(flow.phase(), 'done');
    assert.equal(flow.fakes.log.streamStarts, 2, 'a new scan session');
  });

  it('FLOW.RESTART after a success can switch the operation (restartSession() then authenticate())', () => {
    const flow = startFlow({ op: 'enroll', userConsent: true });
    toScan(flow);
    flow.fakes.node({ type: 'verdict', ok: true, result: ENROLL_RESULT });
    flow.send({ type: 'FLOW.RESTART', input: { op: 'authenticate' } });
    flow.fakes.camera({ type: 'PERMISSION.GRANTED' });
    assert.equal(flow.phase(), 'scan');
    assert.equal(flow.context().result, null);
    assert.equal(flow.fakes.log.streamInputs.at(-1)?.op, 'authenticate');
  });

  it('FLOW.RESTART and FLOW.START are ignored while a run is under way', () => {
    const flow = startFlow({ op: 'authenticate' });
    toScan(flow);
    flow.send({ type: 'FLOW.RESTART' });
    flow.send({ type: 'FLOW.START' });
    assert.equal(flow.phase(), 'scan');
    assert.equal(flow.fakes.log.cameraStarts, 1);
    assert.equal(flow.fakes.log.streamStarts, 1);
  });

  it('isBusy / canRestart / startRefusal follow fio.js (SESSION_IN_PROGRESS, SESSION_EXPIRED)', () => {
    const flow = startFlow({ op: 'authenticate' });
    const s = () => flow.actor.getSnapshot();
    assert.deepEqual([isBusy(s()), canRestart(s()), startRefusal(s())], [false, false, null]);
    flow.send({ type: 'FLOW.START' });
    assert.deepEqual([isBusy(s()), canRestart(s()), startRefusal(s())], [true, false, 20]);
    flow.fakes.camera({ type: 'PERMISSION.GRANTED' });
    assert.deepEqual([isBusy(s()), startRefusal(s())], [true, 20]);
    flow.fakes.node({ type: 'verdict', ok: false, error: nodeError('MANY_FACES') });
    assert.deepEqual([isBusy(s()), canRestart(s()), startRefusal(s())], [false, true, 13]);
    flow.send({ type: 'FLOW.RESTART' });
    flow.fakes.camera({ type: 'PERMISSION.GRANTED' });
    flow.fakes.node({ type: 'verdict', ok: true, result: { facialId: 'f', payload: null } });
    assert.deepEqual([isBusy(s()), canRestart(s()), startRefusal(s())], [false, true, 20]);
  });
});

describe('eventFromServer', () => {
  it('maps every node message to its machine event', () => {
    const settings = {
      pinPolicy: 'never' as const,
      pinLength: { min: 4, max: 16 },
      rejectWeakPin: false,
      pad: false,
      minFrames: 2,
      maxFrames: 9,
      maxFrameBytes: 1,
      maxFrameSide: 640,
    };
    assert.deepEqual(eventFromServer({ type: 'ready', op: 'age', settings, limits: DEFAULT_SESSION_TIME_LIMITS }), {
      type: 'SCAN.READY',
      settings,
      limits: DEFAULT_SESSION_TIME_LIMITS,
    });
    assert.deepEqual(eventFromServer({ type: 'progress', event: 'face-quality', accepted: 1, needed: 3, issues: ['dark'] }), {
      type: 'SCAN.PROGRESS',
      event: 'face-quality',
      accepted: 1,
      needed: 3,
      issues: ['dark'],
    });
    assert.deepEqual(eventFromServer({ type: 'pin-required', reason: 'policy', digits: { min: 4, max: 8 }, confirm: false, attemptsLeft: 3 }), {
      type: 'PIN.REQUIRED',
      reason: 'policy',
      digits: { min: 4, max: 8 },
      confirm: false,
      attemptsLeft: 3,
    });
    assert.deepEqual(eventFromServer({ type: 'pin-rejected', reason: 'weak', attemptsLeft: 3 }), {
      type: 'PIN.REJECTED',
      reason: 'weak',
      attemptsLeft: 3,
    });
    assert.deepEqual(eventFromServer({ type: 'verdict', ok: true, result: { age: 40, adult: true } }), {
      type: 'REPLY.VERDICT',
      ok: true,
      result: { age: 40, adult: true },
    });
    const error = nodeError('PAD_ATTACK');
    assert.deepEqual(eventFromServer({ type: 'verdict', ok: false, error }), { type: 'REPLY.VERDICT', ok: false, error });
  });
});
