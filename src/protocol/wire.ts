// The scan-session wire contract between the browser library (src/core/api) and the processing
// node: the messages on POST /v1/sessions and the stream, and the results.

import type { WireError } from './errors.js';
import type { ChallengeMessage, ChallengePlan, LivenessMode } from './liveness.js';
import type { SessionTimeLimits } from './limits.js';
import type { SupportedLocaleCode } from './locales.js';

export type SessionOperation = 'enroll' | 'authenticate' | 'liveness' | 'age';

/** An enrollment payload's limit, serialized as JSON (fio.js: 16 KB); the widget refuses a larger one before the camera opens. */
export const MAX_PAYLOAD_BYTES = 16 * 1024;

/**
 * Text no store keeps: U+0000 and lone UTF-16 surrogates (PostgreSQL's text and jsonb refuse
 * them). The node refuses such input at the edge, the widget a payload holding it before the camera opens.
 */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what this looks for
export const UNSTORABLE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** POST /v1/sessions */
export interface CreateSessionRequest {
  publicId: string;
  op: SessionOperation;
  /** enroll: any JSON the host stores with the facial ID, ≤ 16 KB serialized. */
  payload?: unknown;
  /** authenticate in 1:1 mode: only this facial ID may match (cross-device sign-on). */
  facialId?: string;
  /** A language code or `auto` (default): the node then reads Accept-Language. */
  locale?: string;
  /**
   * Cross-device sign-on, on the node's own phone pages: a verification token (the session becomes
   * a 1:1 authenticate for that user and completes the verification) or a registration token (an
   * enroll session for the phone's registration).
   */
  signOnToken?: string;
}

/** Security settings the widget must honour (a subset of the app's settings; no secrets). */
export interface ClientSettings {
  pinPolicy: 'never' | 'on-doubt' | 'always';
  pinLength: { min: number; max: number };
  rejectWeakPin: boolean;
  pad: boolean;
  /** How liveness is proved when `pad` is on (absent from older nodes: passive). */
  liveness?: LivenessMode;
  minFrames: number;
  maxFrames: number;
  maxFrameBytes: number;
  maxFrameSide: number;
  /**
   * Frames the node takes at once: the widget may send this many before the first is answered
   * (each is answered, in order). Absent (an older node): one at a time.
   */
  framesInFlight?: number;
}

export interface CreateSessionResponse {
  sessionToken: string;
  /** ISO 8601: the token must be used on the stream before then. */
  expiresAt: string;
  /** Path of the WebSocket stream, relative to the node (`/v1/sessions/stream`). */
  streamPath: string;
  settings: ClientSettings;
  /** The session's language, negotiated from `locale` and Accept-Language (one of SUPPORTED_LOCALES). */
  locale?: SupportedLocaleCode;
}

/** Hints the browser sends with its frames; advisory only (the server recomputes everything). */
export interface ClientSignals {
  /** Camera label looked like a virtual camera (OBS, ManyCam …): an extra PAD signal. */
  virtualCamera?: boolean;
  cameraLabel?: string;
}

/**
 * Client → node text messages on the stream (frames are binary messages: JPEG or WebP bytes, with
 * an optional capture-time header, see frame-header.ts).
 */
export type ClientMessage =
  | { type: 'hello'; signals?: ClientSignals }
  | { type: 'pin'; pin: string; confirm?: string }
  /** "More time": re-arm the running limit (scanning or PIN, and the shown challenge step's window), at most `limits.maxExtensions` times. */
  | { type: 'extend' }
  /** `reason: 'timeout'`: the widget gave up (a phase timed out), recorded as TIMEOUT; otherwise the user closed it (ABORTED_BY_USER). */
  | { type: 'cancel'; reason?: 'user' | 'timeout' }
  /** The user cannot do the challenge's steps and asks for the app's alternative (ChallengePlan.alternative). */
  | { type: 'challenge-alternative' };

/** Why a PIN was refused; `not-unique` carries UNIQUE_PIN_REQUIRED (non-fatal), `wrong` counts down to WRONG_PIN_CODE. */
export type PinRejection = 'not-digits' | 'too-short' | 'too-long' | 'weak' | 'confirm-mismatch' | 'not-unique' | 'wrong';

/** `challenge`: a challenge step is shown; `accepted` / `needed` then count steps, not frames. */
export type ProgressEvent = 'need-more-frames' | 'hold-still' | 'no-face' | 'many-faces' | 'face-quality' | 'challenge';

export interface EnrollResult {
  facialId: string;
  timestamp: string;
  details: { gender: 'male' | 'female'; age: number };
}

export interface AuthenticateResult {
  facialId: string;
  payload: unknown;
}

export interface LivenessResult {
  live: boolean;
  score: number;
}

export interface AgeResult {
  age: number;
  /** Conservative: true only when the estimate is well above 18 (see README: the age model's MAE is ≈ 12 years). */
  adult: boolean;
}

export type SessionResult = EnrollResult | AuthenticateResult | LivenessResult | AgeResult;

/** Node → client messages on the stream. */
export type ServerMessage =
  | { type: 'ready'; op: SessionOperation; settings: ClientSettings; limits: SessionTimeLimits; challenge?: ChallengePlan }
  | ChallengeMessage
  | { type: 'progress'; event: ProgressEvent; accepted: number; needed: number; issues?: string[] }
  | { type: 'pin-required'; reason: 'enroll' | 'policy' | 'doubt'; digits: { min: number; max: number }; confirm: boolean; attemptsLeft: number }
  | { type: 'pin-rejected'; reason: PinRejection; attemptsLeft: number; error?: WireError }
  | { type: 'verdict'; ok: true; result: SessionResult }
  | { type: 'verdict'; ok: false; error: WireError };
