// The view-model over a flow snapshot (Zag's `connect`): pure views read these fields and call
// these functions; they never look at the machine or send events themselves.

import type { SessionResult } from '../../protocol/index.js';
import type { FaceioError } from '../errors.js';
import type { FaceBox, FlowContext, FlowEvent, FlowOperation, FlowPhase, GuidanceHint, PinProblem, PinRequest } from './flow.types.js';
import type { FlowSnapshot } from './flow.machine.js';
import { isBusy, phaseOf } from './flow.machine.js';
import { offeredAlternative, pinLimitMs, progressRatio, showsChallengeStep } from './flow.logic.js';
import type { ChallengeStep } from '../../protocol/index.js';

export interface PinView extends PinRequest {
  /** `confirm`: the first entry was taken, the user types it again. */
  stage: 'enter' | 'confirm';
  problem: PinProblem | null;
}

/**
 * How the scan is going, as the user sees it: the status line's id and the oval's tone come from
 * this one value, so they never disagree (a green oval under "Looking for your face…").
 * `idle`: no face yet (a dashed, centred oval); `adjust`: a face, but the user must do something;
 * `warn`: more than one face; `good`: frames are going to the node.
 */
export type CueTone = 'idle' | 'adjust' | 'warn' | 'good';

export interface ScanCue {
  /** The status line's id (`scan.move-closer`, `scan.need-more-frames` …); `statusKey` during the scan. */
  key: string;
  tone: CueTone;
  /** Where the oval goes: the tracked face, or null for the centred oval. */
  face: FaceBox | null;
}

/** A phase limit the view counts down: `epoch` changes each time the machine (re-)arms it. */
export interface PhaseTimer {
  epoch: number;
  limitMs: number;
}

/** The liveness challenge's step on screen (the node decides whether it was done; the view only shows it). */
export interface ChallengeView {
  steps: ChallengeStep[];
  /** Index of the step shown now. */
  index: number;
  step: ChallengeStep;
  /** Time the node gives the step, from when it was shown, ms. */
  windowMs: number;
  /** What the user may ask for instead, now (a button), or null. */
  alternative: 'blink-only' | 'pin' | null;
}

export interface FlowApi {
  phase: FlowPhase;
  op: FlowOperation;
  /** Scan progress, 0–1 (frames the node accepted over frames it needs). */
  progress: number;
  /** Localization id of the status line, grouped by phase (`scan.hold-still`, `pin.confirm`, `failed.timeout`). */
  statusKey: string;
  /** The tracker's raw hint (the `faceio-progress` event's `guidance`); views read `cue`. */
  guidance: GuidanceHint | null;
  /** The scan's status line and oval, from one state (null outside the scan). */
  cue: ScanCue | null;
  /** The challenge step to show during the scan, or null. */
  challenge: ChallengeView | null;
  error: FaceioError | null;
  /** A non-fatal error to show while the flow goes on (UNIQUE_PIN_REQUIRED). */
  notice: FaceioError | null;
  pinRequest: PinView | null;
  result: SessionResult | null;
  busy: boolean;
  canRetry: boolean;
  /** The current phase has a limit the user can extend (WCAG 2.2.1). */
  canExtend: boolean;
  /** The current phase's limit in ms, for a countdown; null where none runs. */
  timeoutMs: number | null;
  /** The same limit with the epoch of its last (re-)arming, for the view's countdown. */
  timer: PhaseTimer | null;
  start(): void;
  accept(): void;
  decline(): void;
  continueIntro(): void;
  submitPin(pin: string, confirm?: string): void;
  retry(): void;
  close(): void;
  extend(): void;
  /** Leave a final screen for the resting state (the element's start button). */
  dismiss(): void;
  /** "I can't turn my head": the app's alternative to the challenge (`challenge.alternative`). */
  askAlternative(): void;
}

const kebab = (name: string): string => name.toLowerCase().replaceAll('_', '-');

const HINT_TONES: Readonly<Record<GuidanceHint, CueTone>> = {
  'no-face': 'idle',
  'many-faces': 'warn',
  'move-closer': 'adjust',
  'move-back': 'adjust',
  center: 'adjust',
  'too-dark': 'adjust',
  'too-bright': 'adjust',
  'look-straight': 'adjust',
  'hold-still': 'good',
  good: 'good',
};

/** The node's per-frame remarks, read once the tracker finds the face well framed. */
const EVENT_TONES: Readonly<Record<string, CueTone>> = {
  'need-more-frames': 'good',
  'hold-still': 'good',
  'face-quality': 'adjust',
  'no-face': 'adjust',
  'many-faces': 'warn',
};

/**
 * The scan's cue: a liveness step while one is asked; else the tracker's hint (it is fresh every
 * ~100 ms), then — once the face is well framed — the node's remark on the last frame. Before any
 * hint: looking for the face.
 */
export function cueOf(context: FlowContext): ScanCue {
  const hint = context.guidance;
  const event = context.progress.event;
  const face = hint === null || hint === 'no-face' ? null : context.face;
  // A liveness step replaces framing guidance: a turned head is what the step asks for.
  if (showsChallengeStep(context)) return { key: `scan.challenge.${context.challenge!.steps[context.challenge!.index]}`, tone: 'adjust', face };
  if (context.alternativeAsked && context.challengePlan?.alternative === 'pin' && context.op === 'authenticate')
    return { key: 'scan.challenge.pin-instead', tone: 'good', face };
  if (hint !== null && hint !== 'good') return { key: `scan.${hint}`, tone: HINT_TONES[hint], face };
  if (event) return { key: `scan.${event}`, tone: EVENT_TONES[event] ?? 'adjust', face };
  // A well-framed face and no word from the node yet: frames are on their way.
  return hint === 'good' ? { key: 'scan.need-more-frames', tone: 'good', face } : { key: 'scan.looking', tone: 'idle', face: null };
}

function statusKeyOf(snapshot: FlowSnapshot, phase: FlowPhase): string {
  const { context } = snapshot;
  switch (phase) {
    case 'scan':
      return cueOf(context).key;
    case 'pin':
      if (context.notice) return `pin.${kebab(context.notice.name)}`;
      if (context.pinProblem) return `pin.${context.pinProblem}`;
      return context.pinDraft !== null ? 'pin.confirm' : 'pin.enter';
    case 'done':
      return `done.${context.op}`;
    case 'failed':
      return `failed.${kebab(context.error?.name ?? 'PROCESSING_ERR')}`;
    default:
      return `${phase}.${context.op}`;
  }
}

function timeoutOf(snapshot: FlowSnapshot, phase: FlowPhase): number | null {
  const t = snapshot.context.timeouts;
  const byPhase: Partial<Record<FlowPhase, number>> = {
    permission: t.permission,
    terms: t.terms,
    intro: t.intro,
    scan: t.idle,
    pin: pinLimitMs(snapshot.context),
    reply: t.reply,
  };
  return byPhase[phase] ?? null;
}

function challengeView(snapshot: FlowSnapshot): ChallengeView | null {
  const { context } = snapshot;
  if (!showsChallengeStep(context)) return null;
  const { steps, index, windowMs } = context.challenge!;
  return { steps, index, step: steps[index]!, windowMs, alternative: offeredAlternative(context) };
}

export function connect(snapshot: FlowSnapshot, send: (event: FlowEvent) => void): FlowApi {
  const phase = phaseOf(snapshot);
  const { context } = snapshot;
  const pinRequest: PinView | null =
    phase === 'pin' && context.pinRequest
      ? { ...context.pinRequest, stage: context.pinDraft !== null ? 'confirm' : 'enter', problem: context.pinProblem }
      : null;
  const timeoutMs = timeoutOf(snapshot, phase);
  return {
    phase,
    op: context.op,
    // The node asks for the PIN (and decides) only once it has every frame it needs: the bar is full
    // then, even when its last progress message said 2 of 3.
    progress: phase === 'pin' || phase === 'reply' || phase === 'done' ? 1 : progressRatio(context),
    statusKey: statusKeyOf(snapshot, phase),
    guidance: context.guidance,
    cue: phase === 'scan' ? cueOf(context) : null,
    challenge: phase === 'scan' ? challengeView(snapshot) : null,
    error: phase === 'failed' ? context.error : null,
    notice: context.notice,
    pinRequest,
    result: phase === 'done' ? context.result : null,
    busy: isBusy(snapshot),
    canRetry: phase === 'failed' && context.error?.retryable === true,
    canExtend: snapshot.can({ type: 'FLOW.EXTEND' }),
    timeoutMs,
    timer: timeoutMs === null ? null : { epoch: context.timerEpoch, limitMs: timeoutMs },
    start: () => send({ type: 'FLOW.START' }),
    accept: () => send({ type: 'TERMS.ACCEPT' }),
    decline: () => send({ type: 'TERMS.DECLINE' }),
    continueIntro: () => send({ type: 'INTRO.CONTINUE' }),
    submitPin: (pin, confirm) => send(confirm === undefined ? { type: 'PIN.SUBMIT', pin } : { type: 'PIN.SUBMIT', pin, confirm }),
    retry: () => send({ type: 'FLOW.RESTART' }),
    close: () => send({ type: 'FLOW.CLOSE' }),
    extend: () => send({ type: 'FLOW.EXTEND' }),
    dismiss: () => send({ type: 'FLOW.DISMISS' }),
    askAlternative: () => send({ type: 'CHALLENGE.ALTERNATIVE' }),
  };
}
