// Pure helpers behind the flow machine's named actions and guards (kept out of flow.machine.ts so
// the machine reads as a chart): the initial context, the PIN review, error mapping.

import type { FaceioError, FioErrorName } from '../errors.js';
import { faceioError, isFioErrorCode } from '../errors.js';
import { MAX_PAYLOAD_BYTES, UNSTORABLE_TEXT } from '../../protocol/index.js';
import type { CameraInput, FlowContext, FlowEvent, FlowInput, PinProblem, ScanStreamInput, StreamCommand } from './flow.types.js';
import { normalizeTimeouts } from './flow.timeouts.js';

export function initialContext(input: FlowInput): FlowContext {
  return {
    input,
    op: input.op,
    userConsent: input.userConsent === true,
    timeouts: normalizeTimeouts(input.timeouts),
    settings: null,
    limits: null,
    guidance: null,
    face: null,
    timerEpoch: 0,
    progress: { event: null, accepted: 0, needed: 0, issues: [] },
    pinRequest: null,
    pinDraft: null,
    pinProblem: null,
    notice: null,
    result: null,
    error: null,
    extensions: 0,
    nodeExtensions: 0,
    challengePlan: null,
    challenge: null,
    alternativeAsked: false,
  };
}

/** The input of a new run: the previous one with the event's overrides (timeouts merged too). */
export function mergeInput(previous: FlowInput, overrides: Partial<FlowInput> | undefined): FlowInput {
  if (!overrides) return previous;
  return { ...previous, ...overrides, timeouts: { ...previous.timeouts, ...overrides.timeouts } };
}

/** Only enrollment stores a face, so only enrollment shows the terms (unless consent was given) and the intro. */
export const showsIntro = (context: FlowContext): boolean => context.op === 'enroll';
export const needsTerms = (context: FlowContext): boolean => context.op === 'enroll' && !context.userConsent;

export const cameraInput = ({ context }: { context: FlowContext }): CameraInput => ({ op: context.op });

export function streamInput({ context }: { context: FlowContext }): ScanStreamInput {
  const { payload, facialId, locale, signOnToken } = context.input;
  return {
    op: context.op,
    ...(payload !== undefined ? { payload } : {}),
    ...(facialId ? { facialId } : {}),
    ...(locale ? { locale } : {}),
    ...(signOnToken ? { signOnToken } : {}),
  };
}

/**
 * Whether the node would refuse this enrollment payload (over 16 KB serialized, or text no store
 * keeps): the widget then fails with PAYLOAD_REFUSED before the camera opens, not after the user
 * granted it, accepted the terms and scanned (issue 12).
 */
export function payloadRefused(input: FlowInput): boolean {
  if (input.payload === undefined) return false;
  let json: string | undefined;
  try {
    json = JSON.stringify(input.payload);
  } catch {
    return true; // a cycle or a BigInt: not JSON at all
  }
  // The raw strings, not `json`: JSON.stringify escapes U+0000 and lone surrogates, the store does not accept them unescaped either.
  return json !== undefined && (new TextEncoder().encode(json).length > MAX_PAYLOAD_BYTES || UNSTORABLE_TEXT.test(jsonText(input.payload)));
}

/** Every string of a JSON value (keys included), joined: what UNSTORABLE_TEXT must not match. */
function jsonText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (!value || typeof value !== 'object') return '';
  return Object.entries(value)
    .map(([key, child]) => `${key}\n${jsonText(child)}`)
    .join('\n');
}

export type PinReview = { kind: 'problem'; problem: PinProblem } | { kind: 'draft'; draft: string } | { kind: 'send'; command: StreamCommand };

/**
 * What a PIN.SUBMIT does. Format problems are caught here without a round trip (the node checks
 * again); enrollment asks for the PIN twice, either in one event (`confirm`) or in two.
 */
export function reviewPin(context: FlowContext, event: FlowEvent): PinReview {
  if (event.type !== 'PIN.SUBMIT' || !context.pinRequest) return { kind: 'problem', problem: 'not-digits' };
  const { digits, confirm: mustConfirm } = context.pinRequest;
  const draft = context.pinDraft;
  const pin = draft ?? event.pin;
  const confirm = draft !== null ? event.pin : event.confirm;
  if (!/^[0-9]+$/.test(pin)) return { kind: 'problem', problem: 'not-digits' };
  if (pin.length < digits.min) return { kind: 'problem', problem: 'too-short' };
  if (pin.length > digits.max) return { kind: 'problem', problem: 'too-long' };
  if (!mustConfirm) return { kind: 'send', command: { type: 'pin', pin } };
  if (confirm === undefined) return { kind: 'draft', draft: pin };
  if (confirm !== pin) return { kind: 'problem', problem: 'confirm-mismatch' };
  return { kind: 'send', command: { type: 'pin', pin, confirm } };
}

/** An invoked actor's error: its `code` when it carries a fio.js one, otherwise `fallback`. */
export function errorFromThrown(error: unknown, fallback: FioErrorName): FaceioError {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  const detail = error instanceof Error ? error.message : undefined;
  return faceioError(isFioErrorCode(code) ? code : fallback, detail);
}

/** A challenge step is on screen: the node waits for the user to do it. */
export const showsChallengeStep = (context: FlowContext): boolean =>
  context.challenge !== null && context.challenge.index < context.challenge.steps.length;

/**
 * What the user may ask for instead of the challenge, now: the app's alternative, once, while a step
 * is shown — blinks only while a step needs a head movement; the PIN only when authenticating.
 */
export function offeredAlternative(context: FlowContext): 'blink-only' | 'pin' | null {
  const choice = context.challengePlan?.alternative;
  if (!choice || choice === 'none' || context.alternativeAsked || !showsChallengeStep(context)) return null;
  if (choice === 'pin' && context.op === 'authenticate') return 'pin';
  return context.challenge!.steps.some((s) => s !== 'blink') ? 'blink-only' : null;
}

/** Progress as a fraction for the progress bar. */
export const progressRatio = (context: FlowContext): number =>
  context.progress.needed > 0 ? Math.min(1, Math.max(0, context.progress.accepted / context.progress.needed)) : 0;

/** The PIN's limit: the host's pinTimeout, never longer than the node waits (its `ready` says) — a PIN typed after that would meet a closed session. */
export const pinLimitMs = (context: FlowContext): number => Math.min(context.timeouts.pin, context.limits?.pinMs ?? Infinity);
