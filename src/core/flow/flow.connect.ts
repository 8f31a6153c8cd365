// The view-model over a flow snapshot (Zag's `connect`): pure views read these fields and call
// these functions; they never look at the machine or send events themselves.

import type { SessionResult } from '../../protocol/index.js';
import type { FaceioError } from '../errors.js';
import type { FlowEvent, FlowOperation, FlowPhase, GuidanceHint, PinProblem, PinRequest } from './flow.types.js';
import type { FlowSnapshot } from './flow.machine.js';
import { isBusy, phaseOf } from './flow.machine.js';
import { offeredAlternative, pinLimitMs, progressRatio, showsChallengeStep } from './flow.logic.js';
import type { ChallengeStep } from '../../protocol/index.js';

export interface PinView extends PinRequest {
  /** `confirm`: the first entry was taken, the user types it again. */
  stage: 'enter' | 'confirm';
  problem: PinProblem | null;
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
  guidance: GuidanceHint | null;
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
  start(): void;
  accept(): void;
  decline(): void;
  continueIntro(): void;
  submitPin(pin: string, confirm?: string): void;
  retry(): void;
  close(): void;
  extend(): void;
  /** "I can't turn my head": the app's alternative to the challenge (`challenge.alternative`). */
  askAlternative(): void;
}

const kebab = (name: string): string => name.toLowerCase().replaceAll('_', '-');

function statusKeyOf(snapshot: FlowSnapshot, phase: FlowPhase): string {
  const { context } = snapshot;
  switch (phase) {
    case 'scan':
      // The step replaces framing guidance: a turned head is what the step asks for.
      if (showsChallengeStep(context)) return `scan.challenge.${context.challenge!.steps[context.challenge!.index]}`;
      if (context.alternativeAsked && context.challengePlan?.alternative === 'pin' && context.op === 'authenticate')
        return 'scan.challenge.pin-instead';
      if (context.guidance && context.guidance !== 'good') return `scan.${context.guidance}`;
      return context.progress.event ? `scan.${context.progress.event}` : 'scan.looking';
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
  return {
    phase,
    op: context.op,
    progress: phase === 'done' ? 1 : progressRatio(context),
    statusKey: statusKeyOf(snapshot, phase),
    guidance: context.guidance,
    challenge: phase === 'scan' ? challengeView(snapshot) : null,
    error: phase === 'failed' ? context.error : null,
    notice: context.notice,
    pinRequest,
    result: phase === 'done' ? context.result : null,
    busy: isBusy(snapshot),
    canRetry: phase === 'failed' && context.error?.retryable === true,
    canExtend: snapshot.can({ type: 'FLOW.EXTEND' }),
    timeoutMs: timeoutOf(snapshot, phase),
    start: () => send({ type: 'FLOW.START' }),
    accept: () => send({ type: 'TERMS.ACCEPT' }),
    decline: () => send({ type: 'TERMS.DECLINE' }),
    continueIntro: () => send({ type: 'INTRO.CONTINUE' }),
    submitPin: (pin, confirm) => send(confirm === undefined ? { type: 'PIN.SUBMIT', pin } : { type: 'PIN.SUBMIT', pin, confirm }),
    retry: () => send({ type: 'FLOW.RESTART' }),
    close: () => send({ type: 'FLOW.CLOSE' }),
    extend: () => send({ type: 'FLOW.EXTEND' }),
    askAlternative: () => send({ type: 'CHALLENGE.ALTERNATIVE' }),
  };
}
