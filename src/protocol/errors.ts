// fio.js error codes as the browser and the node both speak them: number, name, retryability.

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
