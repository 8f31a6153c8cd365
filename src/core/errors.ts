// fio.js error codes for the browser side: the numbers, names and retryability come from the wire
// contract (src/protocol, which the node imports too); this module adds the helpers the flow
// machine, the elements and the FaceIO class share. What the user is told is not here: the one
// table of user texts, localized and keyed by error name, is components/shared/messages.ts.

import { FIO_ERROR_ALIASES, FIO_ERROR_CODES, NON_FATAL_CODES, RETRYABLE, fioErrorName } from '../protocol/index.js';
import type { FioErrorCode, FioErrorName, WireError } from '../protocol/index.js';

export { FIO_ERROR_ALIASES, FIO_ERROR_CODES, NON_FATAL_CODES, RETRYABLE, fioErrorName };
export type { FioErrorCode, FioErrorName, WireError };

/** What the elements' `faceio-error` event and the FaceIO class report. */
export interface FaceioError {
  /** fio.js numeric code (the value `FaceIO` rejects with). */
  code: FioErrorCode;
  name: FioErrorName;
  /** Whether the same user can simply try again. */
  retryable: boolean;
  /** For the developer: the node's reason, when it gave one (never shown to the user). */
  detail?: string;
}

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
  const error: FaceioError = { code: FIO_ERROR_CODES[name], name, retryable: RETRYABLE[name] };
  return detail ? { ...error, detail } : error;
}

/** A node's error body as the flow keeps it: its code, the node's text as detail (never shown to the user). */
export const fromWireError = (error: WireError): FaceioError => faceioError(error.code, error.message);
