// Defensive readers for what the processing node sends: the node may be another version than this
// library (the widget can come from a CDN), a proxy may answer instead of it, and nothing read off
// the network is trusted to match the types in src/protocol until checked here.
import type {
  ChallengePlan,
  ChallengeStep,
  ClientSettings,
  CreateSessionResponse,
  ServerMessage,
  SessionResult,
  SessionTimeLimits,
  SupportedLocaleCode,
  WireError,
} from '../../protocol/index.js';
import {
  CHALLENGE_ALTERNATIVES,
  CHALLENGE_STEPS,
  DEFAULT_SESSION_TIME_LIMITS,
  FIO_ERROR_CODES,
  LIVENESS_MODES,
  RETRYABLE,
  SUPPORTED_LOCALES,
  fioErrorName,
} from '../../protocol/index.js';

type Shape = Record<string, unknown>;

const isObject = (value: unknown): value is Shape => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const oneOf = <T extends string>(values: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (values as readonly string[]).includes(value);

const OPS = ['enroll', 'authenticate', 'liveness', 'age'] as const;
const PROGRESS_EVENTS = ['need-more-frames', 'hold-still', 'no-face', 'many-faces', 'face-quality', 'challenge'] as const;
const PIN_REASONS = ['enroll', 'policy', 'doubt'] as const;
const PIN_REJECTIONS = ['not-digits', 'too-short', 'too-long', 'weak', 'confirm-mismatch', 'not-unique', 'wrong'] as const;
const PIN_POLICIES = ['never', 'on-doubt', 'always'] as const;

/** A WireError, or null. The numeric code decides: the name is the one fio.js gives that code. */
export function readWireError(value: unknown): WireError | null {
  if (!isObject(value) || typeof value.code !== 'number' || typeof value.message !== 'string') return null;
  const name = fioErrorName(value.code);
  if (!name) return null;
  return {
    code: FIO_ERROR_CODES[name],
    name,
    message: value.message,
    retryable: typeof value.retryable === 'boolean' ? value.retryable : RETRYABLE[name],
  };
}

function readDigits(value: unknown): { min: number; max: number } | null {
  return isObject(value) && isCount(value.min) && isCount(value.max) ? { min: value.min, max: value.max } : null;
}

export function readClientSettings(value: unknown): ClientSettings | null {
  if (!isObject(value) || !oneOf(PIN_POLICIES, value.pinPolicy) || typeof value.rejectWeakPin !== 'boolean' || typeof value.pad !== 'boolean')
    return null;
  const pinLength = readDigits(value.pinLength);
  const { minFrames, maxFrames, maxFrameBytes, maxFrameSide } = value;
  if (!pinLength || !isCount(minFrames) || !isCount(maxFrames) || !isCount(maxFrameBytes) || !isCount(maxFrameSide)) return null;
  return {
    pinPolicy: value.pinPolicy,
    pinLength,
    rejectWeakPin: value.rejectWeakPin,
    pad: value.pad,
    ...(oneOf(LIVENESS_MODES, value.liveness) ? { liveness: value.liveness } : {}),
    minFrames,
    maxFrames,
    maxFrameBytes,
    maxFrameSide,
    ...(Number.isInteger(value.framesInFlight) && (value.framesInFlight as number) >= 1 ? { framesInFlight: value.framesInFlight as number } : {}),
  };
}

/** The node's time limits; a node too old to send them enforces the contract's defaults. */
export function readSessionTimeLimits(value: unknown): SessionTimeLimits {
  if (!isObject(value) || !isCount(value.sessionMs) || !isCount(value.pinMs) || !isCount(value.maxExtensions))
    return { ...DEFAULT_SESSION_TIME_LIMITS };
  return { sessionMs: value.sessionMs, pinMs: value.pinMs, maxExtensions: value.maxExtensions };
}

/**
 * The body of a 201 from POST /v1/sessions, or null. `streamPath` must be a path on the node
 * (`/…`, not `//host/…`): the session token is never sent anywhere else.
 */
export function readCreateSessionResponse(value: unknown): CreateSessionResponse | null {
  if (!isObject(value)) return null;
  const { sessionToken, expiresAt, streamPath } = value;
  const settings = readClientSettings(value.settings);
  if (typeof sessionToken !== 'string' || !sessionToken || typeof expiresAt !== 'string' || !isStreamPath(streamPath) || !settings) return null;
  const locale =
    typeof value.locale === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value.locale)
      ? (value.locale as SupportedLocaleCode)
      : undefined;
  return { sessionToken, expiresAt, streamPath, settings, ...(locale ? { locale } : {}) };
}

function readSteps(value: unknown): ChallengeStep[] | null {
  if (!Array.isArray(value) || value.length === 0 || value.length > 8) return null;
  return value.every((s) => oneOf(CHALLENGE_STEPS, s)) ? (value as ChallengeStep[]) : null;
}

/** The challenge a `ready` message announces, or null (an older node, or a shape this client does not know). */
function readChallengePlan(value: unknown): ChallengePlan | null {
  if (!isObject(value) || !Array.isArray(value.steps) || !isCount(value.frameIntervalMs) || !oneOf(CHALLENGE_ALTERNATIVES, value.alternative))
    return null;
  const steps = value.steps.map((s: unknown) =>
    isObject(s) && oneOf(CHALLENGE_STEPS, s.step) && isCount(s.windowMs) ? { step: s.step, windowMs: s.windowMs } : null,
  );
  if (steps.length === 0 || steps.some((s) => s === null)) return null;
  return { steps: steps as ChallengePlan['steps'], frameIntervalMs: value.frameIntervalMs, alternative: value.alternative };
}

export const isStreamPath = (value: unknown): value is string => typeof value === 'string' && /^\/(?![/\\])/.test(value);

/**
 * One stream text message, or null for anything this client does not understand (not JSON, an
 * unknown `type`, a known type with the wrong shape): those are ignored, never thrown.
 */
export function readServerMessage(data: unknown): ServerMessage | null {
  if (typeof data !== 'string') return null;
  let m: unknown;
  try {
    m = JSON.parse(data);
  } catch {
    return null;
  }
  if (!isObject(m)) return null;
  switch (m.type) {
    case 'ready': {
      const settings = readClientSettings(m.settings);
      const challenge = readChallengePlan(m.challenge);
      return oneOf(OPS, m.op) && settings
        ? { type: 'ready', op: m.op, settings, limits: readSessionTimeLimits(m.limits), ...(challenge ? { challenge } : {}) }
        : null;
    }
    case 'challenge': {
      const steps = readSteps(m.steps);
      if (!steps || !isCount(m.index) || m.index < 0 || m.index > steps.length || !isCount(m.windowMs)) return null;
      return { type: 'challenge', steps, index: m.index, windowMs: m.windowMs };
    }
    case 'progress': {
      if (!oneOf(PROGRESS_EVENTS, m.event) || !isCount(m.accepted) || !isCount(m.needed)) return null;
      const issues = Array.isArray(m.issues) ? m.issues.filter((i): i is string => typeof i === 'string') : undefined;
      return { type: 'progress', event: m.event, accepted: m.accepted, needed: m.needed, ...(issues ? { issues } : {}) };
    }
    case 'pin-required': {
      const digits = readDigits(m.digits);
      if (!oneOf(PIN_REASONS, m.reason) || !digits || typeof m.confirm !== 'boolean' || !isCount(m.attemptsLeft)) return null;
      return { type: 'pin-required', reason: m.reason, digits, confirm: m.confirm, attemptsLeft: m.attemptsLeft };
    }
    case 'pin-rejected': {
      if (!oneOf(PIN_REJECTIONS, m.reason) || !isCount(m.attemptsLeft)) return null;
      const error = readWireError(m.error);
      return { type: 'pin-rejected', reason: m.reason, attemptsLeft: m.attemptsLeft, ...(error ? { error } : {}) };
    }
    case 'verdict': {
      if (m.ok === true) return isObject(m.result) ? { type: 'verdict', ok: true, result: m.result as unknown as SessionResult } : null;
      const error = m.ok === false ? readWireError(m.error) : null;
      return error ? { type: 'verdict', ok: false, error } : null;
    }
    default:
      return null;
  }
}
