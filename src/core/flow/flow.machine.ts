// The one flow machine behind <faceio-enroll>, <faceio-authenticate> and the FaceIO class:
// idle → permission → terms → intro → scan → pin → reply → done | failed (DESIGN.md §2).
//
// It talks to the outside only through two named invoked actors, replaced with `.provide()`:
// - `camera` (invoked for the whole run): asks for the camera, answers PERMISSION.GRANTED /
//   PERMISSION.DENIED / PERMISSION.NO_CAMERA, may forward SCAN.GUIDANCE from the face tracker, and
//   owns the camera stream until the run ends (its cleanup stops the tracks).
// - `scanStream` (invoked from the first scan to the verdict): opens the scan session on the node,
//   streams frames, forwards the node's messages (`eventFromServer`) and receives `{type:'pin'}`.
// Either may throw an error carrying a fio.js `code`; unprovided, they fail with UI_NOT_READY.
//
// Each phase's limit is a named delay read from `context.timeouts`; FLOW.EXTEND re-enters the timed
// state, which restarts its timer without touching the actors (they live on parent states).

import type { SnapshotFrom } from 'xstate';
import { assertEvent, assign, enqueueActions, fromCallback, sendTo, setup } from 'xstate';
import type { FioErrorCode, FioErrorName } from '../errors.js';
import { FIO_ERROR_CODES, faceioError, fromWireError, isNonFatal } from '../errors.js';
import type { CameraInput, FlowContext, FlowEvent, FlowInput, FlowPhase, ScanStreamInput, StreamCommand } from './flow.types.js';
import { FLOW_PHASES } from './flow.types.js';
import {
  cameraInput,
  errorFromThrown,
  initialContext,
  mergeInput,
  needsTerms,
  offeredAlternative,
  payloadRefused,
  pinLimitMs,
  reviewPin,
  showsIntro,
  streamInput,
} from './flow.logic.js';

/** Placeholder actors: the controllers provide the real ones, tests provide fakes. */
function notProvided(name: string) {
  return () => {
    throw Object.assign(new Error(`the flow machine's '${name}' actor was not provided`), { code: FIO_ERROR_CODES.UI_NOT_READY });
  };
}

const contextFromInput = ({ input }: { input: FlowInput }): FlowContext => initialContext(input);
const failWith = (name: FioErrorName) => ({ type: 'fail', params: { name } }) as const;
const failFromActor = (fallback: FioErrorName) => ({ type: 'failFromActor', params: { fallback } }) as const;

export const flowSetup = setup({
  types: {
    context: {} as FlowContext,
    events: {} as FlowEvent,
    input: {} as FlowInput,
    tags: {} as FlowPhase,
  },
  actors: {
    camera: fromCallback<FlowEvent, CameraInput>(notProvided('camera')),
    scanStream: fromCallback<StreamCommand, ScanStreamInput>(notProvided('scanStream')),
  },
  delays: {
    permissionTimeout: ({ context }) => context.timeouts.permission,
    termsTimeout: ({ context }) => context.timeouts.terms,
    enrollIntroTimeout: ({ context }) => context.timeouts.intro,
    idleTimeout: ({ context }) => context.timeouts.idle,
    replyTimeout: ({ context }) => context.timeouts.reply,
    pinTimeout: ({ context }) => pinLimitMs(context),
  },
  guards: {
    payloadRefused: ({ context, event }) =>
      payloadRefused(mergeInput(context.input, event.type === 'FLOW.START' || event.type === 'FLOW.RESTART' ? event.input : undefined)),
    needsTerms: ({ context }) => needsTerms(context),
    showsIntro: ({ context }) => showsIntro(context),
    faceInView: ({ event }) => event.type === 'SCAN.GUIDANCE' && event.faces > 0,
    enoughFrames: ({ event }) => event.type === 'SCAN.PROGRESS' && event.needed > 0 && event.accepted >= event.needed,
    verdictOk: ({ event }) => event.type === 'REPLY.VERDICT' && event.ok,
    pinHasProblem: ({ context, event }) => reviewPin(context, event).kind === 'problem',
    pinNeedsConfirm: ({ context, event }) => reviewPin(context, event).kind === 'draft',
    nodeAllowsExtension: ({ context }) => context.limits === null || context.nodeExtensions < context.limits.maxExtensions,
    alternativeOffered: ({ context }) => offeredAlternative(context) !== null,
    rejectionIsFatal: ({ event }) => event.type === 'PIN.REJECTED' && event.error !== undefined && !isNonFatal(event.error.code),
  },
  actions: {
    startRun: assign(({ context, event }) => {
      assertEvent(event, ['FLOW.START', 'FLOW.RESTART']);
      return initialContext(mergeInput(context.input, event.input));
    }),
    fail: assign((_, params: { name: FioErrorName }) => ({ error: faceioError(params.name) })),
    failFromActor: assign(({ event }, params: { fallback: FioErrorName }) => ({
      error: errorFromThrown((event as { error?: unknown }).error, params.fallback),
    })),
    failFromVerdict: assign(({ event }) => {
      assertEvent(event, 'REPLY.VERDICT');
      return { error: event.ok ? faceioError('PROCESSING_ERR') : fromWireError(event.error) };
    }),
    failFromNode: assign(({ event }) => {
      assertEvent(event, ['NODE.ERROR', 'PIN.REJECTED']);
      return { error: event.error ? fromWireError(event.error) : faceioError('NETWORK_IO') };
    }),
    storeResult: assign(({ event }) => {
      assertEvent(event, 'REPLY.VERDICT');
      return { result: event.ok ? event.result : null };
    }),
    storeSettings: assign(({ event }) => {
      assertEvent(event, 'SCAN.READY');
      return { settings: event.settings, limits: event.limits, challengePlan: event.challenge ?? null };
    }),
    storeChallenge: assign(({ event }) => {
      assertEvent(event, 'SCAN.CHALLENGE');
      return { challenge: { steps: event.steps, index: event.index, windowMs: event.windowMs } };
    }),
    // The user cannot do the steps: the node switches to the app's alternative (blinks, or the PIN).
    askAlternative: sendTo('scanStream', { type: 'challenge-alternative' } as const),
    markAlternativeAsked: assign({ alternativeAsked: true }),
    storeGuidance: assign(({ event }) => {
      assertEvent(event, 'SCAN.GUIDANCE');
      return { guidance: event.hint, face: event.face ?? null };
    }),
    storeProgress: assign(({ event }) => {
      assertEvent(event, 'SCAN.PROGRESS');
      return { progress: { event: event.event, accepted: event.accepted, needed: event.needed, issues: event.issues ?? [] } };
    }),
    storePinRequest: assign(({ event }) => {
      assertEvent(event, 'PIN.REQUIRED');
      const { reason, digits, confirm, attemptsLeft } = event;
      return { pinRequest: { reason, digits, confirm, attemptsLeft }, pinDraft: null, pinProblem: null, notice: null };
    }),
    storePinRejection: assign(({ context, event }) => {
      assertEvent(event, 'PIN.REJECTED');
      const pinRequest = context.pinRequest ? { ...context.pinRequest, attemptsLeft: event.attemptsLeft } : null;
      return { pinRequest, pinDraft: null, pinProblem: event.reason, notice: event.error ? fromWireError(event.error) : null };
    }),
    storePinProblem: assign(({ context, event }) => {
      const review = reviewPin(context, event);
      return { pinDraft: null, pinProblem: review.kind === 'problem' ? review.problem : null };
    }),
    storePinDraft: assign(({ context, event }) => {
      const review = reviewPin(context, event);
      return { pinDraft: review.kind === 'draft' ? review.draft : null, pinProblem: null };
    }),
    clearPinEntry: assign({ pinDraft: null, pinProblem: null, notice: null }),
    sendPin: sendTo('scanStream', ({ context, event }) => {
      const review = reviewPin(context, event);
      if (review.kind !== 'send') throw new Error('sendPin runs only after the PIN review passed');
      return review.command;
    }),
    // Entered on every timed state, re-entries included: the view's countdown restarts with the limit.
    armTimer: assign(({ context }) => ({ timerEpoch: context.timerEpoch + 1 })),
    countExtension: assign(({ context }) => ({ extensions: context.extensions + 1 })),
    // While the session is open "More time" also re-arms the node's own limit (one table: src/protocol/limits.ts).
    extendOnNode: sendTo('scanStream', { type: 'extend' } as const),
    countNodeExtension: assign(({ context }) => ({ extensions: context.extensions + 1, nodeExtensions: context.nodeExtensions + 1 })),
    // Leaving the session on a phase limit: the node records TIMEOUT, not ABORTED_BY_USER (issue 12).
    // An exit action of the invoking state reaches the actor before XState stops it.
    cancelOnTimeout: enqueueActions(({ event, enqueue }) => {
      if (event.type.startsWith('xstate.after')) enqueue.sendTo('scanStream', { type: 'cancel', reason: 'timeout' } satisfies StreamCommand);
    }),
  },
});

/** A start or restart: a payload the node would refuse fails at once, before the camera opens. */
const START = [
  { guard: 'payloadRefused', target: '#flow.failed', actions: ['startRun', failWith('PAYLOAD_REFUSED')] },
  { target: '#flow.running', actions: 'startRun' },
] as const;

export const flowMachine = flowSetup.createMachine({
  id: 'flow',
  context: contextFromInput,
  initial: 'idle',
  states: {
    idle: {
      tags: 'idle',
      on: {
        'FLOW.START': START,
        'FLOW.CLOSE': { target: 'failed', actions: failWith('ABORTED_BY_USER') },
      },
    },
    running: {
      invoke: { id: 'camera', src: 'camera', input: cameraInput, onError: { target: 'failed', actions: failFromActor('UI_NOT_READY') } },
      on: { 'FLOW.CLOSE': { target: 'failed', actions: failWith('ABORTED_BY_USER') } },
      initial: 'permission',
      states: {
        permission: {
          tags: 'permission',
          entry: 'armTimer',
          // fio.js 2.x (`_launchVideoStream`): a prompt left unanswered past permissionTimeout rejects with PERMISSION_REFUSED.
          after: { permissionTimeout: { target: '#flow.failed', actions: failWith('PERMISSION_REFUSED') } },
          on: {
            'FLOW.EXTEND': { target: 'permission', reenter: true, actions: 'countExtension' },
            'PERMISSION.GRANTED': [{ guard: 'needsTerms', target: 'terms' }, { guard: 'showsIntro', target: 'intro' }, { target: 'session' }],
            'PERMISSION.DENIED': { target: '#flow.failed', actions: failWith('PERMISSION_REFUSED') },
            'PERMISSION.NO_CAMERA': { target: '#flow.failed', actions: failWith('NO_CAMERA') },
          },
        },
        terms: {
          tags: 'terms',
          entry: 'armTimer',
          // fio.js's documentation: terms not accepted within termsTimeout reject with TERMS_NOT_ACCEPTED,
          // as declined terms do. (fio.js 2.x's `_requestUserConsent` rejects a timeout with TIMEOUT
          // instead; we follow the documentation integrators code against.)
          after: { termsTimeout: { target: '#flow.failed', actions: failWith('TERMS_NOT_ACCEPTED') } },
          on: {
            'FLOW.EXTEND': { target: 'terms', reenter: true, actions: 'countExtension' },
            'TERMS.ACCEPT': [{ guard: 'showsIntro', target: 'intro' }, { target: 'session' }],
            'TERMS.DECLINE': { target: '#flow.failed', actions: failWith('TERMS_NOT_ACCEPTED') },
          },
        },
        intro: {
          tags: 'intro',
          entry: 'armTimer',
          // fio.js: the introduction moves on by itself after enrollIntroTimeout; it is not a failure.
          after: { enrollIntroTimeout: { target: 'session' } },
          on: {
            'FLOW.EXTEND': { target: 'intro', reenter: true, actions: 'countExtension' },
            'INTRO.CONTINUE': { target: 'session' },
          },
        },
        session: {
          exit: 'cancelOnTimeout',
          invoke: {
            id: 'scanStream',
            src: 'scanStream',
            input: streamInput,
            onError: { target: '#flow.failed', actions: failFromActor('NETWORK_IO') },
          },
          on: {
            'SCAN.READY': { actions: 'storeSettings' },
            'SCAN.CHALLENGE': { actions: 'storeChallenge' },
            'CHALLENGE.ALTERNATIVE': { guard: 'alternativeOffered', actions: ['askAlternative', 'markAlternativeAsked'] },
            'PIN.REQUIRED': { target: '.pin', actions: 'storePinRequest' },
            'REPLY.VERDICT': [
              { guard: 'verdictOk', target: '#flow.done', actions: 'storeResult' },
              { target: '#flow.failed', actions: 'failFromVerdict' },
            ],
            'NODE.ERROR': { target: '#flow.failed', actions: 'failFromNode' },
          },
          initial: 'scan',
          states: {
            scan: {
              tags: 'scan',
              on: {
                'SCAN.GUIDANCE': [{ guard: 'faceInView', target: '.capturing', actions: 'storeGuidance' }, { actions: 'storeGuidance' }],
                'SCAN.PROGRESS': [
                  { guard: 'enoughFrames', target: 'reply', actions: 'storeProgress' },
                  // Targeting the active child re-enters it: each node message re-arms the limit.
                  { target: '.capturing', actions: 'storeProgress' },
                ],
              },
              initial: 'searching',
              states: {
                // fio.js: no face at all within idleTimeout → NO_FACES_DETECTED.
                searching: {
                  entry: 'armTimer',
                  after: { idleTimeout: { target: '#flow.failed', actions: failWith('NO_FACES_DETECTED') } },
                  on: {
                    'FLOW.EXTEND': {
                      guard: 'nodeAllowsExtension',
                      target: 'searching',
                      reenter: true,
                      actions: ['countNodeExtension', 'extendOnNode'],
                    },
                  },
                },
                // A face was seen but the node got no usable frame for idleTimeout: fio.js documents
                // NO_FACES_DETECTED for idleTimeout, whether or not a face was ever in view.
                capturing: {
                  entry: 'armTimer',
                  after: { idleTimeout: { target: '#flow.failed', actions: failWith('NO_FACES_DETECTED') } },
                  on: {
                    'SCAN.GUIDANCE': { actions: 'storeGuidance' },
                    'FLOW.EXTEND': {
                      guard: 'nodeAllowsExtension',
                      target: 'capturing',
                      reenter: true,
                      actions: ['countNodeExtension', 'extendOnNode'],
                    },
                  },
                },
              },
            },
            pin: {
              tags: 'pin',
              entry: 'armTimer',
              after: { pinTimeout: { target: '#flow.failed', actions: failWith('TIMEOUT') } },
              on: {
                'FLOW.EXTEND': { guard: 'nodeAllowsExtension', target: 'pin', reenter: true, actions: ['countNodeExtension', 'extendOnNode'] },
                'PIN.SUBMIT': [
                  { guard: 'pinHasProblem', target: 'pin', reenter: true, actions: 'storePinProblem' },
                  { guard: 'pinNeedsConfirm', target: 'pin', reenter: true, actions: 'storePinDraft' },
                  { target: 'reply', actions: ['sendPin', 'clearPinEntry'] },
                ],
              },
            },
            reply: {
              tags: 'reply',
              entry: 'armTimer',
              // Re-armed by every message from the node: the limit is on the node's silence.
              after: { replyTimeout: { target: '#flow.failed', actions: failWith('TIMEOUT') } },
              on: {
                'SCAN.PROGRESS': [
                  { guard: 'enoughFrames', target: 'reply', reenter: true, actions: 'storeProgress' },
                  { target: 'scan.capturing', actions: 'storeProgress' },
                ],
                'PIN.REJECTED': [
                  { guard: 'rejectionIsFatal', target: '#flow.failed', actions: 'failFromNode' },
                  { target: 'pin', actions: 'storePinRejection' },
                ],
              },
            },
          },
        },
      },
    },
    // FLOW.DISMISS: the user closed the outcome; the element rests again (its start button).
    done: {
      tags: 'done',
      on: { 'FLOW.RESTART': START, 'FLOW.DISMISS': 'idle' },
    },
    failed: {
      tags: 'failed',
      on: { 'FLOW.RESTART': START, 'FLOW.DISMISS': 'idle' },
    },
  },
});

export type FlowMachine = typeof flowMachine;
export type FlowSnapshot = SnapshotFrom<FlowMachine>;

export const phaseOf = (snapshot: FlowSnapshot): FlowPhase => FLOW_PHASES.find((phase) => snapshot.hasTag(phase)) ?? 'idle';

/** A run is under way: a second start must be answered SESSION_IN_PROGRESS (non-fatal) and ignored. */
export const isBusy = (snapshot: FlowSnapshot): boolean => !['idle', 'done', 'failed'].includes(phaseOf(snapshot));

/** fio.js `restartSession()` succeeds only once a run has ended (success or failure). */
export const canRestart = (snapshot: FlowSnapshot): boolean => snapshot.matches('done') || snapshot.matches('failed');

/**
 * Why a new enroll()/authenticate() call is refused, fio.js style (`_isExpiredSession`): while a run
 * is under way, or after a success without restartSession(), SESSION_IN_PROGRESS; after a failure
 * without restartSession(), SESSION_EXPIRED; null when the machine is idle.
 */
export function startRefusal(snapshot: FlowSnapshot): FioErrorCode | null {
  if (snapshot.matches('idle')) return null;
  return snapshot.matches('failed') ? FIO_ERROR_CODES.SESSION_EXPIRED : FIO_ERROR_CODES.SESSION_IN_PROGRESS;
}
