import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  FIO_ERROR_CODES,
  errorCodeOf,
  faceioError,
  fetchAllErrorCodes,
  fromWireError,
  isFioErrorCode,
  isNonFatal,
} from '../../src/core/errors.js';
import { wireError, type FioErrorName } from '../../src/protocol/index.js';
import { errorText } from '../../src/components/shared/messages.js';

// fio.js's fetchAllErrorCodes() as documented, misspellings included; 23–27 are openfaceio's.
const FIO_JS = {
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
  ABORTED_BY_USER: 23,
  NO_CAMERA: 24,
  INVALID_REQUEST: 25,
  INVALID_FACIAL_ID: 26,
  PAYLOAD_REFUSED: 27,
};

describe('error codes', () => {
  it('fetchAllErrorCodes() is fio.js numbering, FORBIDDDEN_ spellings kept', () => {
    assert.deepEqual(fetchAllErrorCodes(), FIO_JS);
  });

  it('fetchAllErrorCodes() returns a fresh object each time', () => {
    const codes = fetchAllErrorCodes();
    (codes as Record<string, number>).TIMEOUT = 99;
    assert.equal(fetchAllErrorCodes().TIMEOUT, 14);
    assert.equal(FIO_ERROR_CODES.TIMEOUT, 14);
  });

  it('looks names up with the correct spellings as aliases', () => {
    assert.equal(errorCodeOf('FORBIDDEN_ORIGIN'), 17);
    assert.equal(errorCodeOf('FORBIDDDEN_ORIGIN'), 17);
    assert.equal(errorCodeOf('FORBIDDEN_COUNTRY'), 18);
    assert.equal(errorCodeOf('TIMEOUT'), 14);
    assert.equal(errorCodeOf('NOPE'), undefined);
    assert.equal(errorCodeOf('toString'), undefined, 'prototype keys are not codes');
  });

  it('has a user text for every code in the one localized table (English is the source locale)', () => {
    for (const name of Object.keys(FIO_ERROR_CODES) as FioErrorName[]) {
      const message = errorText(name);
      assert.ok(typeof message === 'string' && message.length > 20, name);
    }
  });

  it('builds the FaceioError shape from a code or a name', () => {
    assert.deepEqual(faceioError(5), { code: 5, name: 'PAD_ATTACK', retryable: false });
    assert.deepEqual(faceioError('FORBIDDEN_ORIGIN'), { code: 17, name: 'FORBIDDDEN_ORIGIN', retryable: false });
    assert.equal(faceioError('NO_FACES_DETECTED').retryable, true);
    assert.equal(faceioError(999).name, 'PROCESSING_ERR', 'unknown codes degrade to PROCESSING_ERR');
  });

  it('keeps the node message as developer detail only (the user text comes from the localized table)', () => {
    const error = fromWireError(wireError('MANY_FACES', 'more than one face in the frames'));
    assert.equal(error.code, 4);
    assert.equal(error.detail, 'more than one face in the frames');
    assert.ok(!('message' in error));
  });

  it('knows the non-fatal codes and the valid numbers', () => {
    assert.equal(isNonFatal(19), true);
    assert.equal(isNonFatal(20), true);
    assert.equal(isNonFatal(8), false);
    assert.equal(isFioErrorCode(24), true);
    assert.equal(isFioErrorCode(27), true);
    assert.equal(isFioErrorCode(28), false);
    assert.equal(isFioErrorCode('1'), false);
  });
});
