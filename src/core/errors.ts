// fio.js error codes for the browser side: the numbers and names come from the wire contract
// (server/schema.ts, the only server module the browser may import); this module adds what the
// user is told and the helpers the flow machine, the elements and the FaceIO class share.

import { FIO_ERROR_ALIASES, FIO_ERROR_CODES, NON_FATAL_CODES, RETRYABLE, fioErrorName } from '../server/schema.js';
import type { FioErrorCode, FioErrorName, WireError } from '../server/schema.js';

export { FIO_ERROR_ALIASES, FIO_ERROR_CODES, NON_FATAL_CODES, RETRYABLE, fioErrorName };
export type { FioErrorCode, FioErrorName, WireError };

/** What the elements' `faceio-error` event and the FaceIO class report. */
export interface FaceioError {
  /** fio.js numeric code (the value `FaceIO` rejects with). */
  code: FioErrorCode;
  name: FioErrorName;
  /** English text for the user: what happened and what they can do. */
  message: string;
  /** Whether the same user can simply try again. */
  retryable: boolean;
  /** For the developer: the node's reason, when it gave one (never shown to the user). */
  detail?: string;
}

/** English user messages, one per code; the widget localizes by `name` (`failed.*` message ids). */
export const USER_MESSAGES: Readonly<Record<FioErrorName, string>> = {
  PERMISSION_REFUSED: "Camera access was refused. Allow this site to use your camera in your browser's settings, then try again.",
  NO_FACES_DETECTED: 'No face was seen. Face the camera in good light, with nothing covering your face, and try again.',
  UNRECOGNIZED_FACE: 'Your face was not recognized. If you have not enrolled yet, enroll first; otherwise try again in good light.',
  MANY_FACES: 'More than one face was seen. Make sure you are alone in front of the camera and try again.',
  PAD_ATTACK: 'The scan did not look like a live person in front of the camera. Use your own face, not a photo, video or screen.',
  FACE_MISMATCH: 'The scan did not show the same person throughout. Stay alone in front of the camera for the whole scan and try again.',
  NETWORK_IO: 'The connection to the server failed. Check your internet connection and try again.',
  WRONG_PIN_CODE: 'The PIN was wrong too many times. Wait a while before trying again, or contact the site if you forgot your PIN.',
  PROCESSING_ERR: 'The server could not process the scan. Please try again.',
  UNAUTHORIZED: "This site cannot use facial authentication at the moment. Please contact the site's support.",
  TERMS_NOT_ACCEPTED: 'The terms of use were not accepted, so the scan did not start. Accept them to continue.',
  UI_NOT_READY: 'The face scanner could not start. Reload the page and try again.',
  SESSION_EXPIRED: 'This session has expired. Please start again.',
  TIMEOUT: 'This took too long. Try again when you are ready; you can ask for more time while a step is shown.',
  TOO_MANY_REQUESTS: 'Too many attempts. Wait a few minutes, then try again.',
  EMPTY_ORIGIN: 'This page could not be verified. Open the site directly in your browser and try again.',
  FORBIDDDEN_ORIGIN: "Facial authentication is not enabled for this website. Please contact the site's support.",
  FORBIDDDEN_COUNTRY: 'Facial authentication for this site is not available in your country.',
  UNIQUE_PIN_REQUIRED: 'This PIN is already taken. Choose a different PIN.',
  SESSION_IN_PROGRESS: 'A face scan is already in progress. Finish or close it first.',
  FACE_DUPLICATION: 'This face is already enrolled. Sign in instead of enrolling again.',
  MINORS_NOT_ALLOWED: 'This service is not available to minors.',
  ABORTED_BY_USER: 'The scan was closed. Start again whenever you are ready.',
  NO_CAMERA: 'No camera was found. Connect a camera, or use a device that has one, and try again.',
  // The site sent something the node refuses: the user can only tell the site (same text as UNAUTHORIZED).
  INVALID_REQUEST: "This site cannot use facial authentication at the moment. Please contact the site's support.",
  INVALID_FACIAL_ID: "This site cannot use facial authentication at the moment. Please contact the site's support.",
  PAYLOAD_REFUSED: "This site cannot use facial authentication at the moment. Please contact the site's support.",
};

/**
 * fio.js's `fetchAllErrorCodes()`: name → number, the misspelt FORBIDDDEN_* names as fio.js has
 * them (plus openfaceio's ABORTED_BY_USER and NO_CAMERA). A fresh object: callers may mutate it.
 */
export function fetchAllErrorCodes(): Record<FioErrorName, FioErrorCode> {
  return { ...FIO_ERROR_CODES };
}

export const isFioErrorCode = (value: unknown): value is FioErrorCode => typeof value === 'number' && fioErrorName(value) !== undefined;

/** The code for a name, accepting the correct spellings FORBIDDEN_ORIGIN / FORBIDDEN_COUNTRY too. */
export function errorCodeOf(name: string): FioErrorCode | undefined {
  const canonical = (FIO_ERROR_ALIASES as Record<string, FioErrorName>)[name] ?? name;
  return Object.hasOwn(FIO_ERROR_CODES, canonical) ? FIO_ERROR_CODES[canonical as FioErrorName] : undefined;
}

/** UNIQUE_PIN_REQUIRED and SESSION_IN_PROGRESS: the user fixes them and the flow goes on. */
export const isNonFatal = (code: number): boolean => (NON_FATAL_CODES as readonly number[]).includes(code);

/** The FaceioError for a code or a name (aliases accepted); unknown values become PROCESSING_ERR. */
export function faceioError(codeOrName: number | string, detail?: string): FaceioError {
  const code = typeof codeOrName === 'number' ? codeOrName : errorCodeOf(codeOrName);
  const name = (code === undefined ? undefined : fioErrorName(code)) ?? 'PROCESSING_ERR';
  const error: FaceioError = { code: FIO_ERROR_CODES[name], name, message: USER_MESSAGES[name], retryable: RETRYABLE[name] };
  return detail ? { ...error, detail } : error;
}

/** A node's error body as the user sees it: the user message for its code, the node's text as detail. */
export const fromWireError = (error: WireError): FaceioError => faceioError(error.code, error.message);
