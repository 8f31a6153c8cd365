// The one machine behind <faceio-sign-on> (CONVENTIONS habits 2–4, like the flow machine):
// idle → looking-up → notification-sent | waiting → verified | failed | expired.
//
// Two named actors, replaced with `.provide()` by tests and stories (sign-on.actors.ts has the real
// ones): `startLogin` (the widget login call with the host's start token; the QR code when no phone
// was notified) and `channel` (the /cable subscription, invoked while the desktop waits, sending
// CHANNEL.* events). The wait is limited by the named delay `verificationTimeout` (the node's
// 10-minute verification life, from the context), after which the state is `expired`.
import type { SnapshotFrom } from 'xstate';
import { assertEvent, assign, fromCallback, fromPromise, setup } from 'xstate';
import { SIGN_ON_CODES } from '../../protocol/index.js';
import { CHANNEL_CLOSED, CHANNEL_REFUSED, failureOf, failureOfResult, initialContext } from './sign-on.logic.js';
import {
  SIGN_ON_STATES,
  SignOnFailure,
  type ChannelInput,
  type LoginOutcome,
  type SignOnContext,
  type SignOnEvent,
  type SignOnInput,
  type SignOnState,
  type StartLoginInput,
} from './sign-on.types.js';

const notProvided = (name: string) => () => {
  throw new SignOnFailure(SIGN_ON_CODES.WIDGET_MISCONFIGURED, `the sign-on machine's '${name}' actor was not provided`, false);
};

export const signOnSetup = setup({
  types: {
    context: {} as SignOnContext,
    events: {} as SignOnEvent,
    input: {} as SignOnInput,
    tags: {} as SignOnState,
  },
  actors: {
    startLogin: fromPromise<LoginOutcome, StartLoginInput>(notProvided('startLogin')),
    channel: fromCallback<SignOnEvent, ChannelInput>(notProvided('channel')),
  },
  delays: {
    verificationTimeout: ({ context }) => context.verificationMs,
  },
  guards: {
    phoneNotified: ({ event }) => (event as { output?: LoginOutcome }).output?.login.device === true,
    resultVerified: ({ event }) => event.type === 'CHANNEL.RESULT' && event.result.status === 'verified',
    resultExpired: ({ event }) => event.type === 'CHANNEL.RESULT' && event.result.status === 'expired',
    hasAccount: ({ event }) => event.type === 'SIGN_ON.SUBMIT' && event.account.trim() !== '',
  },
  actions: {
    storeAccount: assign(({ event }) => {
      assertEvent(event, 'SIGN_ON.SUBMIT');
      return { account: event.account.trim(), error: null, verified: null, login: null, qr: '' };
    }),
    storeLogin: assign(({ event }) => {
      const { login, qr } = (event as unknown as { output: LoginOutcome }).output;
      return { login, qr };
    }),
    failFromActor: assign(({ event }) => ({ error: failureOf((event as { error?: unknown }).error) })),
    failFromResult: assign(({ event }) => {
      assertEvent(event, 'CHANNEL.RESULT');
      return event.result.status === 'failed' ? { error: failureOfResult(event.result) } : {};
    }),
    failChannelRefused: assign({ error: CHANNEL_REFUSED }),
    failChannelClosed: assign({ error: CHANNEL_CLOSED }),
    storeVerified: assign(({ event }) => {
      assertEvent(event, 'CHANNEL.RESULT');
      const result = event.result;
      return result.status === 'verified' ? { verified: { uid: result.uid, proof: result.proof, verifiedAt: result.verified_at } } : {};
    }),
    reset: assign({ login: null, qr: '', error: null, verified: null }),
  },
});

export const signOnMachine = signOnSetup.createMachine({
  id: 'signOn',
  context: ({ input }) => initialContext(input),
  initial: 'idle',
  states: {
    idle: {
      tags: 'idle',
      on: { 'SIGN_ON.SUBMIT': { guard: 'hasAccount', target: 'lookingUp', actions: 'storeAccount' } },
    },
    lookingUp: {
      tags: 'looking-up',
      invoke: {
        id: 'startLogin',
        src: 'startLogin',
        input: ({ context }) => ({ node: context.node, lookup: context.lookup, account: context.account }),
        onDone: [
          { guard: 'phoneNotified', target: 'pending.notificationSent', actions: 'storeLogin' },
          { target: 'pending.waiting', actions: 'storeLogin' },
        ],
        onError: { target: 'failed', actions: 'failFromActor' },
      },
      on: { 'SIGN_ON.CANCEL': { target: 'idle', actions: 'reset' } },
    },
    pending: {
      invoke: { id: 'channel', src: 'channel', input: ({ context }) => ({ node: context.node, login: context.login! }) },
      // The node's verification lives 10 minutes; past it no result can come.
      after: { verificationTimeout: { target: 'expired' } },
      on: {
        'CHANNEL.RESULT': [
          { guard: 'resultVerified', target: 'verified', actions: 'storeVerified' },
          { guard: 'resultExpired', target: 'expired' },
          { target: 'failed', actions: 'failFromResult' },
        ],
        'CHANNEL.REJECTED': { target: 'failed', actions: 'failChannelRefused' },
        'CHANNEL.CLOSED': { target: 'failed', actions: 'failChannelClosed' },
        'SIGN_ON.CANCEL': { target: 'idle', actions: 'reset' },
      },
      initial: 'notificationSent',
      states: {
        notificationSent: { tags: 'notification-sent' },
        waiting: { tags: 'waiting' },
      },
    },
    verified: { tags: 'verified' },
    failed: {
      tags: 'failed',
      on: { 'SIGN_ON.RETRY': { target: 'idle', actions: 'reset' } },
    },
    expired: {
      tags: 'expired',
      on: { 'SIGN_ON.RETRY': { target: 'idle', actions: 'reset' } },
    },
  },
});

export type SignOnMachine = typeof signOnMachine;
export type SignOnSnapshot = SnapshotFrom<SignOnMachine>;

export const stateOf = (snapshot: SignOnSnapshot): SignOnState => SIGN_ON_STATES.find((state) => snapshot.hasTag(state)) ?? 'idle';
