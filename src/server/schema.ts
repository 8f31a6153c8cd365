// The wire contract between the browser library (src/core/api) and the processing node: fio.js
// error codes, scan-session messages and results. The only server module the browser imports.

/**
 * fio.js error codes, numbers exactly as fio.js's `fetchAllErrorCodes()` (1–22), the misspelt
 * FORBIDDDEN_* names kept; 23–27 are openfaceio additions for cases fio.js folds into others.
 */
export const FIO_ERROR_CODES = {
  PERMISSION_REFUSED: 1,
  NO_FACES_DETECTED: 2,
  UNRECOGNIZED_FACE: 3,
  MANY_FACES: 4,
  PAD_ATTACK: 5,
  FACE_MISMATCH: 6,
  NETWORK_IO: 7,
  WRONG_PIN_CODE: 8,
  PROCESSING_ERR: 9,
  UNAUTHORIZED: 10,
  TERMS_NOT_ACCEPTED: 11,
  UI_NOT_READY: 12,
  SESSION_EXPIRED: 13,
  TIMEOUT: 14,
  TOO_MANY_REQUESTS: 15,
  EMPTY_ORIGIN: 16,
  FORBIDDDEN_ORIGIN: 17,
  FORBIDDDEN_COUNTRY: 18,
  UNIQUE_PIN_REQUIRED: 19,
  SESSION_IN_PROGRESS: 20,
  FACE_DUPLICATION: 21,
  MINORS_NOT_ALLOWED: 22,
  /** The user closed the widget (fio.js reports nothing useful here). */
  ABORTED_BY_USER: 23,
  /** The device has no camera at all (fio.js reports PERMISSION_REFUSED). */
  NO_CAMERA: 24,
  /** The request is malformed: not JSON, a field of the wrong type or size, a NUL character, invalid UTF-8 or UTF-16 text (fio.js: PROCESSING_ERR). */
  INVALID_REQUEST: 25,
  /** A facial ID that is not a UUID (fio.js: PROCESSING_ERR). */
  INVALID_FACIAL_ID: 26,
  /** The enrollment payload is over 16 KB serialized, or holds text no store keeps (a NUL character, a lone surrogate). */
  PAYLOAD_REFUSED: 27,
} as const;

export type FioErrorName = keyof typeof FIO_ERROR_CODES;
export type FioErrorCode = (typeof FIO_ERROR_CODES)[FioErrorName];

/** Correct spellings, accepted everywhere a name is read. */
export const FIO_ERROR_ALIASES = { FORBIDDEN_ORIGIN: 'FORBIDDDEN_ORIGIN', FORBIDDEN_COUNTRY: 'FORBIDDDEN_COUNTRY' } as const;

export const fioErrorName = (code: number): FioErrorName | undefined =>
  (Object.keys(FIO_ERROR_CODES) as FioErrorName[]).find((name) => FIO_ERROR_CODES[name] === code);

/** Codes that never end a flow: the user can fix them and go on. */
export const NON_FATAL_CODES: readonly FioErrorCode[] = [FIO_ERROR_CODES.UNIQUE_PIN_REQUIRED, FIO_ERROR_CODES.SESSION_IN_PROGRESS];

export type SessionOperation = 'enroll' | 'authenticate' | 'liveness' | 'age';

/** Languages the widget has texts for (locales/*.xlf; lit-localize.json lists the same). */
export const SUPPORTED_LOCALES = ['ar', 'de', 'en', 'es', 'fr', 'hi', 'it', 'ja', 'pt', 'ru', 'tr', 'zh'] as const;
export type SupportedLocaleCode = (typeof SUPPORTED_LOCALES)[number];

/** The error body of every failed HTTP call and of a failing verdict. */
export interface WireError {
  /** fio.js numeric code. */
  code: FioErrorCode;
  name: FioErrorName;
  /** For the developer (English); the widget shows its own localized text for `name`. */
  message: string;
  /** Whether the same user can simply try again. */
  retryable: boolean;
  /** Cross-device sign-on: the SIGN_ON_CODES code behind a refused sign-on session (1004 expired, 1005 used, 1016/1017 locked). */
  signOnCode?: number;
}

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
  minFrames: number;
  maxFrames: number;
  maxFrameBytes: number;
  maxFrameSide: number;
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

/** Client → node text messages on the stream (frames are binary messages: JPEG or WebP bytes). */
export type ClientMessage =
  | { type: 'hello'; signals?: ClientSignals }
  | { type: 'pin'; pin: string; confirm?: string }
  /** `reason: 'timeout'`: the widget gave up (a phase timed out), recorded as TIMEOUT; otherwise the user closed it (ABORTED_BY_USER). */
  | { type: 'cancel'; reason?: 'user' | 'timeout' };

/** Why a PIN was refused; `not-unique` carries UNIQUE_PIN_REQUIRED (non-fatal), `wrong` counts down to WRONG_PIN_CODE. */
export type PinRejection = 'not-digits' | 'too-short' | 'too-long' | 'weak' | 'confirm-mismatch' | 'not-unique' | 'wrong';

export type ProgressEvent = 'need-more-frames' | 'hold-still' | 'no-face' | 'many-faces' | 'face-quality';

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
  | { type: 'ready'; op: SessionOperation; settings: ClientSettings }
  | { type: 'progress'; event: ProgressEvent; accepted: number; needed: number; issues?: string[] }
  | { type: 'pin-required'; reason: 'enroll' | 'policy' | 'doubt'; digits: { min: number; max: number }; confirm: boolean; attemptsLeft: number }
  | { type: 'pin-rejected'; reason: PinRejection; attemptsLeft: number; error?: WireError }
  | { type: 'verdict'; ok: true; result: SessionResult }
  | { type: 'verdict'; ok: false; error: WireError };

/** Whether the same user can simply try again after this error. */
export const RETRYABLE: Record<FioErrorName, boolean> = {
  PERMISSION_REFUSED: true,
  NO_FACES_DETECTED: true,
  UNRECOGNIZED_FACE: true,
  MANY_FACES: true,
  PAD_ATTACK: false,
  FACE_MISMATCH: true,
  NETWORK_IO: true,
  WRONG_PIN_CODE: false,
  PROCESSING_ERR: true,
  UNAUTHORIZED: false,
  TERMS_NOT_ACCEPTED: true,
  UI_NOT_READY: true,
  SESSION_EXPIRED: true,
  TIMEOUT: true,
  TOO_MANY_REQUESTS: true,
  EMPTY_ORIGIN: false,
  FORBIDDDEN_ORIGIN: false,
  FORBIDDDEN_COUNTRY: false,
  UNIQUE_PIN_REQUIRED: true,
  SESSION_IN_PROGRESS: true,
  FACE_DUPLICATION: false,
  MINORS_NOT_ALLOWED: false,
  ABORTED_BY_USER: true,
  NO_CAMERA: false,
  INVALID_REQUEST: false,
  INVALID_FACIAL_ID: false,
  PAYLOAD_REFUSED: false,
};

export const wireError = (name: FioErrorName, message: string): WireError => ({
  code: FIO_ERROR_CODES[name],
  name,
  message,
  retryable: RETRYABLE[name],
});
