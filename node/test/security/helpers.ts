// Shared by the security suite (issue 12): admin calls, real scans, the error-body checks.
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { CreatedApp } from '../../src/store/apps.js';
import { FIO_ERROR_CODES, type FioErrorName } from 'openfaceio/protocol';
import { dataPath } from '../../../test/helpers/data.js';
import type { TestNodeServer } from '../helpers/node.js';
import { frameOf, type SessionRun } from '../helpers/scan-client.js';

export const ORIGIN = 'https://shop.example';

export const basic = (app: Pick<CreatedApp, 'apiKey' | 'secret'>, secret = app.secret): string =>
  `Basic ${Buffer.from(`${app.apiKey}:${secret}`).toString('base64')}`;

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** An injected admin call as `app` from `ip`. */
export const adminCall = (node: TestNodeServer, app: CreatedApp, method: Method, url: string, payload?: unknown, ip = '10.1.0.1') =>
  node.app.inject({
    method,
    url,
    ...(payload === undefined ? {} : { payload: payload as never }),
    headers: { authorization: basic(app) },
    remoteAddress: ip,
  });

/** Photos of one person as the widget sends them. */
export const photos = (identity: string, ...files: string[]): Promise<Uint8Array[]> =>
  Promise.all(files.map((f) => frameOf(dataPath('faces', identity, f))));

export const outcome = (run: SessionRun): string =>
  run.verdict ? (run.verdict.ok ? 'ok' : run.verdict.error.name) : run.created.status !== 201 ? `HTTP ${run.created.status}` : 'no verdict';

/** Asserts our error body `{error: {code, name, message, retryable}}` with the status and code name. */
export function assertFioError(response: Pick<LightMyRequestResponse, 'statusCode' | 'body'>, status: number, name: FioErrorName): string {
  assert.equal(response.statusCode, status, response.body);
  const body = JSON.parse(response.body) as { error?: { code: unknown; name: unknown; message: unknown; retryable: unknown } };
  assert.ok(body.error, `an {error} body: ${response.body}`);
  assert.equal(body.error.name, name, response.body);
  assert.equal(body.error.code, FIO_ERROR_CODES[name]);
  assert.equal(typeof body.error.message, 'string');
  assert.equal(typeof body.error.retryable, 'boolean');
  return body.error.message as string;
}
