// Types of the flow machine: its input, context and events, and the contract of the two actors it
// invokes (the camera and the scan stream), which the controllers implement and tests fake.

import type {
  ChallengePlan,
  ChallengeStep,
  ClientMessage,
  ClientSettings,
  PinRejection,
  ProgressEvent,
  ServerMessage,
  SessionOperation,
  SessionResult,
  SessionTimeLimits,
  WireError,
} from '../../protocol/index.js';
import type { FaceioError } from '../errors.js';
import type { FioTimeoutParams, FlowTimeouts } from './flow.timeouts.js';

export type FlowOperation = SessionOperation;

/** `idle` until started; `done` and `failed` wait for FLOW.RESTART (fio.js `restartSession()`). */
export type FlowPhase = 'idle' | 'permission' | 'terms' | 'intro' | 'scan' | 'pin' | 'reply' | 'done' | 'failed';

export const FLOW_PHASES: readonly FlowPhase[] = ['idle', 'permission', 'terms', 'intro', 'scan', 'pin', 'reply', 'done', 'failed'];

export interface FlowInput {
  op: FlowOperation;
  /** fio.js: the host already collected consent, so the terms phase is skipped. */
  userConsent?: boolean;
  /** fio.js timeout parameters in fio.js units (see flow.timeouts.ts). */
  timeouts?: FioTimeoutParams;
  /** enroll: stored with the facial ID (passed to the scan stream). */
  payload?: unknown;
  /** authenticate 1:1: only this facial ID may match. */
  facialId?: string;
  locale?: string;
  /** Cross-device sign-on: the verification this scan completes (the node's phone page sets it). */
  signOnToken?: string;
}

/** Live framing hint from the page's face tracker (guidance only; the node decides). */
export type GuidanceHint =
  'no-face' | 'many-faces' | 'move-closer' | 'move-back' | 'center' | 'too-dark' | 'too-bright' | 'look-straight' | 'hold-still' | 'good';

/**
 * The tracker's face box, as shares (0–1) of the camera frame, unmirrored (the frame's own
 * coordinates), with the frame's size: the scan view places its oval over the face from it.
 */
export interface FaceBox {
  x: number;
  y: number;
  width: number;
  height: number;
  /** The camera frame's size in pixels (its aspect ratio places the box under `object-fit: cover`). */
  frame: { width: number; height: number };
}

export interface PinRequest {
  reason: 'enroll' | 'policy' | 'doubt';
  digits: { min: number; max: number };
  /** Enrollment: the PIN is typed twice. */
  confirm: boolean;
  attemptsLeft: number;
}

/** Why the last PIN was not accepted: checked here before sending, or the node's answer. */
export type PinProblem = PinRejection;

export interface ScanProgress {
  event: ProgressEvent | null;
  accepted: number;
  needed: number;
  issues: string[];
}

export interface FlowContext {
  /** As given (merged with FLOW.START / FLOW.RESTART overrides): what a restart starts from. */
  input: FlowInput;
  op: FlowOperation;
  userConsent: boolean;
  timeouts: FlowTimeouts;
  /** From the node's `ready` message. */
  settings: ClientSettings | null;
  /** The node's time limits, from `ready`: the PIN timer never outlasts the node's, "More time" stops at its bound. */
  limits: SessionTimeLimits | null;
  guidance: GuidanceHint | null;
  /** The tracked face of the last guidance (null: none tracked, or a tracker that gives no box). */
  face: FaceBox | null;
  /** Counts entries into a timed state (each arms or re-arms its limit): the view restarts its countdown when it changes. */
  timerEpoch: number;
  progress: ScanProgress;
  pinRequest: PinRequest | null;
  /** The first entry while the confirmation is being typed. */
  pinDraft: string | null;
  pinProblem: PinProblem | null;
  /** A non-fatal error shown without ending the flow (UNIQUE_PIN_REQUIRED). */
  notice: FaceioError | null;
  result: SessionResult | null;
  error: FaceioError | null;
  /** How many times the user asked for more time in this run. */
  extensions: number;
  /** …of which the node was told (while the session is open), bounded by `limits.maxExtensions`. */
  nodeExtensions: number;
  /** The liveness challenge the node announced in `ready` (shown only when it sends a step). */
  challengePlan: ChallengePlan | null;
  /** The step the node asks for now (`index === steps.length`: none). */
  challenge: ChallengeState | null;
  /** The user asked for the app's alternative to the challenge (once per run). */
  alternativeAsked: boolean;
}

/** The challenge as the node last described it. */
export interface ChallengeState {
  steps: ChallengeStep[];
  index: number;
  /** Time left for the step when the message arrived, ms. */
  windowMs: number;
}

export type FlowEvent =
  | { type: 'FLOW.START'; input?: Partial<FlowInput> }
  | { type: 'FLOW.RESTART'; input?: Partial<FlowInput> }
  | { type: 'FLOW.CLOSE' }
  /** Leave a final screen (done or failed) for the resting state: the user closed the outcome. */
  | { type: 'FLOW.DISMISS' }
  | { type: 'FLOW.EXTEND' }
  | { type: 'PERMISSION.GRANTED' }
  | { type: 'PERMISSION.DENIED' }
  | { type: 'PERMISSION.NO_CAMERA' }
  | { type: 'TERMS.ACCEPT' }
  | { type: 'TERMS.DECLINE' }
  | { type: 'INTRO.CONTINUE' }
  | { type: 'SCAN.READY'; settings: ClientSettings; limits: SessionTimeLimits; challenge?: ChallengePlan }
  | { type: 'SCAN.GUIDANCE'; hint: GuidanceHint; faces: number; face?: FaceBox }
  | { type: 'SCAN.PROGRESS'; event: ProgressEvent; accepted: number; needed: number; issues?: string[] }
  | { type: 'SCAN.CHALLENGE'; steps: ChallengeStep[]; index: number; windowMs: number }
  | { type: 'CHALLENGE.ALTERNATIVE' }
  | ({ type: 'PIN.REQUIRED' } & PinRequest)
  | { type: 'PIN.SUBMIT'; pin: string; confirm?: string }
  | { type: 'PIN.REJECTED'; reason: PinRejection; attemptsLeft: number; error?: WireError }
  | { type: 'REPLY.VERDICT'; ok: true; result: SessionResult }
  | { type: 'REPLY.VERDICT'; ok: false; error: WireError }
  | { type: 'NODE.ERROR'; error?: WireError };

/** What the scan stream actor receives from the machine: wire messages to forward to the node (`cancel`: a phase timed out). */
export type StreamCommand = Extract<ClientMessage, { type: 'pin' | 'extend' | 'challenge-alternative' }> | { type: 'cancel'; reason: 'timeout' };

/** Input of the `scanStream` actor: enough to open a scan session on the node. */
export interface ScanStreamInput {
  op: FlowOperation;
  payload?: unknown;
  facialId?: string;
  locale?: string;
  signOnToken?: string;
}

/** Input of the `camera` actor. */
export interface CameraInput {
  op: FlowOperation;
}

/** The node's stream messages as machine events (what a scan stream actor `sendBack`s). */
export function eventFromServer(message: ServerMessage): FlowEvent {
  switch (message.type) {
    case 'ready':
      return {
        type: 'SCAN.READY',
        settings: message.settings,
        limits: message.limits,
        ...(message.challenge ? { challenge: message.challenge } : {}),
      };
    case 'progress':
      return {
        type: 'SCAN.PROGRESS',
        event: message.event,
        accepted: message.accepted,
        needed: message.needed,
        ...(message.issues ? { issues: message.issues } : {}),
      };
    case 'challenge':
      return { type: 'SCAN.CHALLENGE', steps: message.steps, index: message.index, windowMs: message.windowMs };
    case 'pin-required':
      return { type: 'PIN.REQUIRED', reason: message.reason, digits: message.digits, confirm: message.confirm, attemptsLeft: message.attemptsLeft };
    case 'pin-rejected':
      return { type: 'PIN.REJECTED', reason: message.reason, attemptsLeft: message.attemptsLeft, ...(message.error ? { error: message.error } : {}) };
    case 'verdict':
      return message.ok ? { type: 'REPLY.VERDICT', ok: true, result: message.result } : { type: 'REPLY.VERDICT', ok: false, error: message.error };
  }
}
