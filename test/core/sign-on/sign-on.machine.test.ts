// The sign-on machine without a DOM or a network: fake `startLogin` and `channel` actors and XState's
// SimulatedClock. Every path ends in a state and, for failures, a code from the contract.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SimulatedClock, createActor, fromCallback, fromPromise } from 'xstate';
import { SIGN_ON_CODES, type SignOnResult, type WidgetLogin } from '../../../src/protocol/index.js';
import { connectSignOn } from '../../../src/core/sign-on/sign-on.connect.js';
import { signOnMachine, stateOf } from '../../../src/core/sign-on/sign-on.machine.js';
import {
  SignOnFailure,
  type ChannelInput,
  type LoginOutcome,
  type SignOnEvent,
  type StartLoginInput,
} from '../../../src/core/sign-on/sign-on.types.js';

const LOGIN: WidgetLogin = {
  verification_token: 'vt_x',
  subscription_secret: 'ss_x',
  device: true,
  verify_url: 'https://node/sign-on/verify#t=vt_x',
};
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function rig(login: () => Promise<LoginOutcome> = async () => ({ login: LOGIN, qr: '' })) {
  const clock = new SimulatedClock();
  const log = { logins: [] as StartLoginInput[], channels: 0, channelStops: 0 };
  let channel: ((event: SignOnEvent) => void) | null = null;
  const machine = signOnMachine.provide({
    actors: {
      startLogin: fromPromise<LoginOutcome, StartLoginInput>(async ({ input }) => {
        log.logins.push(input);
        return login();
      }),
      channel: fromCallback<SignOnEvent, ChannelInput>(({ sendBack }) => {
        log.channels++;
        channel = sendBack;
        return () => {
          log.channelStops++;
          channel = null;
        };
      }),
    },
  });
  const actor = createActor(machine, { input: { node: 'https://node', lookup: 'uid' }, clock }).start();
  return {
    actor,
    clock,
    log,
    state: () => stateOf(actor.getSnapshot()),
    api: () => connectSignOn(actor.getSnapshot(), (e) => actor.send(e)),
    result: (result: SignOnResult) => channel!({ type: 'CHANNEL.RESULT', result }),
    channel: (event: SignOnEvent) => channel!(event),
  };
}

describe('sign-on machine', () => {
  it('verified: submit → looking-up → notification-sent → verified; the channel closes', async () => {
    const r = rig();
    r.api().submit('  lmm ');
    assert.equal(r.state(), 'looking-up');
    await tick();
    assert.deepEqual(r.log.logins, [{ node: 'https://node', lookup: 'uid', account: 'lmm' }]);
    assert.equal(r.state(), 'notification-sent');
    assert.equal(r.api().canCancel, true);
    r.result({ status: 'verified', verification_token: 'vt_x', uid: 'lmm', proof: 'a.b.c', verified_at: '2030-01-01T00:00:00Z' });
    assert.equal(r.state(), 'verified');
    assert.deepEqual(r.api().verified, { uid: 'lmm', proof: 'a.b.c', verifiedAt: '2030-01-01T00:00:00Z' });
    assert.equal(r.log.channelStops, 1);
  });

  it('no phone: waiting with the QR code and its link', async () => {
    const r = rig(async () => ({ login: { ...LOGIN, device: false }, qr: '<svg/>' }));
    r.api().submit('lmm');
    await tick();
    assert.equal(r.state(), 'waiting');
    assert.equal(r.api().qr, '<svg/>');
    assert.equal(r.api().verifyUrl, LOGIN.verify_url);
  });

  it('an empty account does not start anything', () => {
    const r = rig();
    r.api().submit('   ');
    assert.equal(r.state(), 'idle');
  });

  it("the node's refusal: failed with its code; retry goes back to the form", async () => {
    const r = rig(async () => {
      throw new SignOnFailure(SIGN_ON_CODES.USER_NOT_FOUND, 'no such user', true);
    });
    r.api().submit('nobody');
    await tick();
    assert.equal(r.state(), 'failed');
    assert.equal(r.api().error?.code, 1007);
    assert.equal(r.api().canRetry, true);
    r.api().retry();
    assert.equal(r.state(), 'idle');
    assert.equal(r.api().error, null);
  });

  it('a thrown non-contract error is a network failure (1041); a misconfiguration cannot be retried', async () => {
    const network = rig(async () => {
      throw new TypeError('Failed to fetch');
    });
    network.api().submit('x');
    await tick();
    assert.equal(network.api().error?.code, SIGN_ON_CODES.NETWORK);
    const misconfigured = rig(async () => {
      throw new SignOnFailure(SIGN_ON_CODES.WIDGET_MISCONFIGURED, 'JWT in the page', false);
    });
    misconfigured.api().submit('x');
    await tick();
    assert.equal(misconfigured.api().canRetry, false);
  });

  it('the phone failed: FACE_CHECK_FAILED with the fio.js code and the lock; a permanent lock is not retryable', async () => {
    const r = rig();
    r.api().submit('lmm');
    await tick();
    r.result({ status: 'failed', verification_token: 'vt_x', code: 3, message: 'UNRECOGNIZED_FACE', user_message: '…', lock: 'permanent' });
    assert.equal(r.state(), 'failed');
    assert.deepEqual(r.api().error, { code: 1043, message: 'UNRECOGNIZED_FACE', retryable: false, faceCode: 3, lock: 'permanent' });
    assert.equal(r.api().canRetry, false);
  });

  it('the channel refused (1006) or dropped (1041)', async () => {
    for (const [event, code] of [
      [{ type: 'CHANNEL.REJECTED' }, 1006],
      [{ type: 'CHANNEL.CLOSED' }, 1041],
    ] as const) {
      const r = rig();
      r.api().submit('lmm');
      await tick();
      r.channel(event);
      assert.equal(r.state(), 'failed');
      assert.equal(r.api().error?.code, code);
    }
  });

  it('expires at exactly the verification life (named delay), or when the node says so', async () => {
    const r = rig();
    r.api().submit('lmm');
    await tick();
    r.clock.increment(10 * 60_000 - 1);
    assert.equal(r.state(), 'notification-sent');
    r.clock.increment(1);
    assert.equal(r.state(), 'expired');
    assert.equal(r.log.channelStops, 1);
    assert.equal(r.api().canRetry, true);
    const told = rig();
    told.api().submit('lmm');
    await tick();
    told.result({ status: 'expired', verification_token: 'vt_x' });
    assert.equal(told.state(), 'expired');
  });

  it('cancel while waiting: back to the form, the channel closed, the account kept', async () => {
    const r = rig();
    r.api().submit('lmm');
    await tick();
    r.api().cancel();
    assert.equal(r.state(), 'idle');
    assert.equal(r.log.channelStops, 1);
    assert.equal(r.api().account, 'lmm');
    r.clock.increment(20 * 60_000);
    assert.equal(r.state(), 'idle', 'no timer left behind');
  });
});
