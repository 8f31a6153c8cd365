import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PoolLoad } from '../../src/vision/pool/admission.js';
import { AdmissionControl } from '../../src/vision/pool/admission.js';

describe('AdmissionControl: refuse a new session before its verdict could be late', () => {
  const setup = (load: Partial<PoolLoad>, deadlineMs = 1000) => {
    let now = 0;
    const current: PoolLoad = { queued: 0, running: 0, workers: 2, serviceMs: 20, ...load };
    const control = new AdmissionControl(
      () => current,
      { deadlineMs, reservationMs: 5000 },
      () => now,
    );
    return { control, current, advance: (ms: number) => (now += ms) };
  };

  it('admits everything before the first frame has been timed', () => {
    const { control } = setup({ queued: 1000, serviceMs: 0 });
    assert.equal(control.admit(2), null);
  });

  it('admits while the promised frames fit the deadline, then refuses with the seconds to wait', () => {
    // 2 workers × 1000 ms / 20 ms = 100 frames fit.
    const { control } = setup({ queued: 90, running: 2 });
    assert.equal(control.admit(2), null, '94 frames: 940 ms');
    assert.equal(control.admit(2), null, '96 frames with the first reservation');
    assert.equal(control.admit(2), null, '98 frames');
    assert.equal(control.admit(2), null, '100 frames: exactly the deadline');
    const retry = control.admit(2);
    assert.equal(retry, 1, '102 frames: 1 020 ms, retry after a second');
  });

  it('asks for a longer wait the further over the deadline', () => {
    const { control } = setup({ queued: 500 }); // 5 s of work for 2 workers
    assert.equal(control.admit(2), 5); // (502 × 20 / 2 − 1000) ms → 4.02 s → 5
  });

  it("counts the frames open sessions still need, until they arrive, and forgets a closed session's", () => {
    const { control } = setup({ queued: 0 });
    for (let lane = 1; lane <= 49; lane++) control.opened(lane, 2); // 98 frames promised
    assert.equal(control.estimateMs(2), 1000);
    control.submitted(1); // one frame reached the pool: now counted there instead (the load stub does not move)
    assert.equal(control.estimateMs(2), 990);
    control.closed(2);
    assert.equal(control.estimateMs(2), 970);
  });

  it('lets a reservation lapse when its session never connects', () => {
    const { control, advance } = setup({ queued: 97 });
    assert.equal(control.admit(2), null);
    assert.notEqual(control.admit(2), null, 'the first reservation still counts');
    advance(5001);
    assert.equal(control.admit(2), null, 'lapsed');
  });
});
