// Every phase's limit fires at exactly its configured time, not a millisecond before, with the
// fio.js code for that phase; FLOW.EXTEND re-arms the current phase's timer.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ClientSettings } from '../../../src/protocol/index.js';
import type { Flow } from './harness.js';
import { progress, startFlow, toPin, toScan } from './harness.js';

const SETTINGS: ClientSettings = {
  pinPolicy: 'on-doubt',
  pinLength: { min: 4, max: 16 },
  rejectWeakPin: true,
  pad: true,
  minFrames: 3,
  maxFrames: 60,
  maxFrameBytes: 512 * 1024,
  maxFrameSide: 1280,
};

/** Advances to 1 ms before `ms`, checks the phase held, then 1 ms more. */
function expectLimit(flow: Flow, ms: number, phase: string): void {
  flow.clock.increment(ms - 1);
  assert.equal(flow.phase(), phase, `still ${phase} 1 ms before the limit`);
  assert.equal(flow.code(), null);
  flow.clock.increment(1);
}

describe('flow timeouts', () => {
  it('permission: unanswered prompt → PERMISSION_REFUSED at permissionTimeout (fio.js)', () => {
    const flow = startFlow({ op: 'authenticate' });
    flow.send({ type: 'FLOW.START' });
    expectLimit(flow, 27_000, 'permission');
    assert.equal(flow.phase(), 'failed');
    assert.equal(flow.code(), 1);
    assert.equal(flow.fakes.log.cameraStops, 1, 'the camera actor is stopped');
  });

  it('permission: a configured permissionTimeout is honoured', () => {
    const flow = startFlow({ op: 'authenticate', timeouts: { permissionTimeout: 15 } });
    flow.send({ type: 'FLOW.START' });
    expectLimit(flow, 15_000, 'permission');
    assert.equal(flow.code(), 1);
  });

  it('idle before start never times out', () => {
    const flow = startFlow({ op: 'enroll' });
    flow.clock.increment(3_600_000);
    assert.equal(flow.phase(), 'idle');
    assert.equal(flow.fakes.log.cameraStarts, 0, 'no camera before the start');
  });

  it('terms: unanswered → TERMS_NOT_ACCEPTED at termsTimeout (fio.js documentation)', () => {
    const flow = startFlow({ op: 'enroll', timeouts: { termsTimeout: 3 } });
    flow.send({ type: 'FLOW.START' });
    flow.fakes.camera({ type: 'PERMISSION.GRANTED' });
    expectLimit(flow, 180_000, 'terms');
    assert.equal(flow.code(), 11);
  });

  it('terms: default limit is 10 minutes', () => {
    const flow = startFlow({ op: 'enroll' });
    flow.send({ type: 'FLOW.START' });
    flow.fakes.camera({ type: 'PERMISSION.GRANTED' });
    expectLimit(flow, 600_000, 'terms');
    assert.equal(flow.code(), 11);
  });

  it('intro: moves on to the scan at enrollIntroTimeout (not a failure)', () => {
    const flow = startFlow({ op: 'enroll', userConsent: true });
    flow.send({ type: 'FLOW.START' });
    flow.fakes.camera({ type: 'PERMISSION.GRANTED' });
    expectLimit(flow, 12_000, 'intro');
    assert.equal(flow.phase(), 'scan');
    assert.equal(flow.code(), null);
    assert.equal(flow.fakes.log.streamStarts, 1, 'the scan stream starts with the scan');
  });

  it('scan: no face at all → NO_FACES_DETECTED at idleTimeout (fio.js)', () => {
    const flow = startFlow({ op: 'authenticate' });
    toScan(flow);
    flow.send({ type: 'SCAN.GUIDANCE', hint: 'no-face', faces: 0 });
    expectLimit(flow, 27_000, 'scan');
    assert.equal(flow.code(), 2);
    assert.equal(flow.fakes.log.streamStops, 1);
    assert.equal(flow.fakes.log.cameraStops, 1);
  });

  it('scan: a configured idleTimeout is honoured', () => {
    const flow = startFlow({ op: 'authenticate', timeouts: { idleTimeout: 20 } });
    toScan(flow);
    expectLimit(flow, 20_000, 'scan');
    assert.equal(flow.code(), 2);
  });

  it('scan: a face seen but no usable frame → NO_FACES_DETECTED at idleTimeout (fio.js documentation)', () => {
    const flow = startFlow({ op: 'authenticate' });
    toScan(flow);
    flow.clock.increment(10_000);
    flow.send({ type: 'SCAN.GUIDANCE', hint: 'move-closer', faces: 1 });
    // The face moved the scan on: the limit counts again from here, and more hints do not re-arm it.
    flow.clock.increment(10_000);
    flow.send({ type: 'SCAN.GUIDANCE', hint: 'center', faces: 1 });
    expectLimit(flow, 17_000, 'scan');
    assert.equal(flow.code(), 2);
  });

  it('scan: every node progress re-arms the limit', () => {
    const flow = startFlow({ op: 'authenticate' });
    toScan(flow);
    flow.send({ type: 'SCAN.GUIDANCE', hint: 'good', faces: 1 });
    flow.clock.increment(20_000);
    flow.fakes.node(progress(1, 3));
    flow.clock.increment(20_000);
    flow.fakes.node(progress(2, 3));
    expectLimit(flow, 27_000, 'scan');
    assert.equal(flow.code(), 2);
  });

  it('reply: node silent after enough frames → TIMEOUT at replyTimeout', () => {
    const flow = startFlow({ op: 'authenticate' });
    toScan(flow);
    flow.send({ type: 'SCAN.GUIDANCE', hint: 'good', faces: 1 });
    flow.fakes.node(progress(3, 3));
    expectLimit(flow, 40_000, 'reply');
    assert.equal(flow.code(), 14);
  });

  it('reply: a configured replyTimeout is honoured, and node messages re-arm it', () => {
    const flow = startFlow({ op: 'liveness', timeouts: { replyTimeout: 20 } });
    toScan(flow);
    flow.fakes.node(progress(3, 3));
    flow.clock.increment(15_000);
    flow.fakes.node(progress(4, 3)); // PAD still undecided: the node keeps talking
    expectLimit(flow, 20_000, 'reply');
    assert.equal(flow.code(), 14);
  });

  it('reply after a PIN: TIMEOUT at replyTimeout', () => {
    const flow = startFlow({ op: 'authenticate' });
    toScan(flow);
    toPin(flow, { confirm: false, reason: 'doubt' });
    flow.send({ type: 'PIN.SUBMIT', pin: '1234' });
    expectLimit(flow, 40_000, 'reply');
    assert.equal(flow.code(), 14);
  });

  it('pin: nothing typed → TIMEOUT at pinTimeout', () => {
    const flow = startFlow({ op: 'enroll', userConsent: true, timeouts: { pinTimeout: 30 } });
    toScan(flow);
    toPin(flow, { confirm: true });
    expectLimit(flow, 30_000, 'pin');
    assert.equal(flow.code(), 14);
  });

  it('pin: each entry restarts the limit (the user is typing)', () => {
    const flow = startFlow({ op: 'enroll', userConsent: true });
    toScan(flow);
    toPin(flow, { confirm: true });
    flow.clock.increment(50_000);
    flow.send({ type: 'PIN.SUBMIT', pin: '4821' });
    assert.equal(flow.context().pinDraft, '4821');
    expectLimit(flow, 60_000, 'pin');
    assert.equal(flow.code(), 14);
  });
});

describe('FLOW.EXTEND', () => {
  it('re-arms the permission limit without restarting the camera', () => {
    const flow = startFlow({ op: 'authenticate' });
    flow.send({ type: 'FLOW.START' });
    flow.clock.increment(20_000);
    flow.send({ type: 'FLOW.EXTEND' });
    flow.clock.increment(26_999);
    assert.equal(flow.phase(), 'permission', 'the original limit (27 s from the start) has passed');
    assert.equal(flow.fakes.log.cameraStarts, 1);
    assert.equal(flow.fakes.log.cameraStops, 0);
    flow.clock.increment(1);
    assert.equal(flow.code(), 1);
    assert.equal(flow.context().extensions, 1);
  });

  it('re-arms terms, intro, scan and pin, as often as asked', () => {
    const flow = startFlow({ op: 'enroll', timeouts: { termsTimeout: 3 } });
    flow.send({ type: 'FLOW.START' });
    flow.fakes.camera({ type: 'PERMISSION.GRANTED' });
    for (let i = 0; i < 12; i++) {
      flow.clock.increment(170_000);
      flow.send({ type: 'FLOW.EXTEND' });
    }
    assert.equal(flow.phase(), 'terms');
    flow.send({ type: 'TERMS.ACCEPT' });
    flow.clock.increment(11_000);
    flow.send({ type: 'FLOW.EXTEND' });
    flow.clock.increment(11_999);
    assert.equal(flow.phase(), 'intro');
    flow.clock.increment(1);
    assert.equal(flow.phase(), 'scan');

    flow.clock.increment(26_000);
    flow.send({ type: 'FLOW.EXTEND' });
    flow.clock.increment(26_999);
    assert.equal(flow.phase(), 'scan');
    assert.equal(flow.fakes.log.streamStarts, 1, 'the stream is not reopened');
    assert.equal(flow.fakes.log.streamStops, 0);

    toPin(flow, { confirm: true });
    flow.clock.increment(59_000);
    flow.send({ type: 'FLOW.EXTEND' });
    flow.clock.increment(59_999);
    assert.equal(flow.phase(), 'pin');
    flow.clock.increment(1);
    assert.equal(flow.code(), 14);
    assert.equal(flow.context().extensions, 15);
  });

  it('does not stretch the wait for the node', () => {
    const flow = startFlow({ op: 'authenticate' });
    toScan(flow);
    flow.fakes.node(progress(3, 3));
    flow.clock.increment(39_000);
    flow.send({ type: 'FLOW.EXTEND' });
    flow.clock.increment(1_000);
    assert.equal(flow.code(), 14);
    assert.equal(flow.context().extensions, 0);
  });

  it('tells the node while its session is open, and stops at the node\'s bound (src/protocol/limits.ts)', () => {
    const flow = startFlow({ op: 'enroll', userConsent: true, timeouts: { pinTimeout: 300 } });
    toScan(flow);
    flow.fakes.node({ type: 'ready', op: 'enroll', settings: SETTINGS, limits: { sessionMs: 120_000, pinMs: 45_000, maxExtensions: 2 } });
    flow.clock.increment(20_000);
    flow.send({ type: 'FLOW.EXTEND' });
    toPin(flow, { confirm: true });
    assert.deepEqual(flow.fakes.log.commands, [{ type: 'extend' }]);
    flow.send({ type: 'FLOW.EXTEND' });
    assert.equal(flow.actor.getSnapshot().can({ type: 'FLOW.EXTEND' }), false, 'the node honours 2 extensions: "More time" goes away');
    flow.send({ type: 'FLOW.EXTEND' });
    assert.deepEqual(flow.fakes.log.commands, [{ type: 'extend' }, { type: 'extend' }]);
    assert.equal(flow.context().nodeExtensions, 2);
    // The host asked for 300 s, the node waits 45 s for a PIN: the widget never promises more than the node keeps.
    expectLimit(flow, 45_000, 'pin');
    assert.equal(flow.code(), 14);
  });
});
