// Issue 12, item 6: where the widget drifted from fio.js's documentation or from what the node
// needs — terms timeout, idleTimeout after a face was seen, a payload the node would refuse, and a
// timed-out phase reported to the node as a timeout (its statistics said ABORTED_BY_USER).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { progress, startFlow, toPin, toScan } from './harness.js';

describe('fio.js documented codes', () => {
  it('terms not accepted within termsTimeout → TERMS_NOT_ACCEPTED (11)', () => {
    const flow = startFlow({ op: 'enroll' });
    flow.send({ type: 'FLOW.START' });
    flow.fakes.camera({ type: 'PERMISSION.GRANTED' });
    flow.clock.increment(600_000);
    assert.equal(flow.code(), 11);
  });

  it('idleTimeout → NO_FACES_DETECTED (2), also after a face was seen but never usable', () => {
    const flow = startFlow({ op: 'authenticate' });
    toScan(flow);
    flow.send({ type: 'SCAN.GUIDANCE', faces: 1, hint: 'too-dark' });
    flow.clock.increment(27_000);
    assert.equal(flow.code(), 2);
  });
});

describe('a payload the node would refuse fails before the camera opens', () => {
  for (const [what, payload] of [
    ['over 16 KB', { notes: 'x'.repeat(16 * 1024) }],
    ['a NUL character', { name: 'a\u0000b' }],
    ['a lone surrogate', { ['\ud800']: 1 }],
  ] as const) {
    it(`${what} → PAYLOAD_REFUSED (27), no camera`, () => {
      const flow = startFlow({ op: 'enroll', payload });
      flow.send({ type: 'FLOW.START' });
      assert.equal(flow.code(), 27);
      assert.equal(flow.fakes.log.cameraStarts, 0, 'the camera never opened');
    });
  }

  it('a payload of exactly 16 KB serialized, with emoji, is fine', () => {
    const flow = startFlow({ op: 'enroll', payload: `😀${'x'.repeat(16 * 1024 - 6)}` });
    flow.send({ type: 'FLOW.START' });
    assert.equal(flow.phase(), 'permission');
  });

  it('a payload given at start (FLOW.START input) is checked too', () => {
    const flow = startFlow({ op: 'enroll' });
    flow.send({ type: 'FLOW.START', input: { payload: 'y'.repeat(20_000) } });
    assert.equal(flow.code(), 27);
  });
});

describe('a phase timing out tells the node why', () => {
  it('the scan stream hears cancel(timeout) before it stops, on scan, PIN and reply limits', () => {
    for (const phase of ['scan', 'pin', 'reply'] as const) {
      const flow = startFlow({ op: 'authenticate' });
      toScan(flow);
      if (phase === 'pin') toPin(flow, { confirm: false, reason: 'policy' });
      if (phase === 'reply') flow.fakes.node(progress(2, 2));
      flow.clock.increment(120_000);
      assert.equal(flow.phase(), 'failed');
      assert.deepEqual(flow.fakes.log.commands.at(-1), { type: 'cancel', reason: 'timeout' }, phase);
      assert.equal(flow.fakes.log.streamStops, 1);
    }
  });

  it('closing the widget sends no timeout reason (the stream’s own cancel says ABORTED_BY_USER)', () => {
    const flow = startFlow({ op: 'authenticate' });
    toScan(flow);
    flow.send({ type: 'FLOW.CLOSE' });
    assert.deepEqual(flow.fakes.log.commands, []);
  });
});
