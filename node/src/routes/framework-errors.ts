// Errors Fastify and Node's HTTP parser answer before any route runs (finding 5: 400, 414 and 431
// came in Fastify's default `{error, message, statusCode}` shape). Answered in ours instead — and
// in the sign-on API's shape under its prefix — without echoing the offending URL or header.
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { wireError } from 'openfaceio/protocol';
import { SIGN_ON_CODES } from '../sign-on/contract.js';
import { SignOnError } from '../sign-on/failures.js';
import { SIGN_ON_PREFIX } from '../sign-on/routes.js';

function bodyFor(url: string, status: number, message: string): unknown {
  if (url.startsWith(SIGN_ON_PREFIX)) return new SignOnError(SIGN_ON_CODES.BAD_REQUEST, message, { http: status }).toFailure();
  return { error: wireError('INVALID_REQUEST', message) };
}

/** Fastify's `frameworkErrors`: a URL that is not valid percent-encoding (400), a path parameter over the length limit (414). */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  const message =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? 'a path parameter is too long'
      : error.code === 'FST_ERR_BAD_URL'
        ? 'the URL is not valid (bad percent-encoding)'
        : 'the request could not be routed';
  void reply.status(status).send(bodyFor(request.url, status, message));
}

/** Node's `clientError` (before a request exists): header or URL over the size limit (431), unparsable HTTP (400), timeout (408). */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const message =
    status === 431
      ? 'the request line and headers are over the size limit'
      : status === 408
        ? 'the request took too long to arrive'
        : 'not a valid HTTP request';
  const body = JSON.stringify({ error: wireError(status === 408 ? 'TIMEOUT' : 'INVALID_REQUEST', message) });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
