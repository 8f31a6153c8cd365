import type { FastifyError, FastifyInstance } from 'fastify';
import type { FioErrorName, WireError } from 'openfaceio/protocol';
import { wireError } from 'openfaceio/protocol';

/** An error answered as `{ "error": { code, name, message, retryable } }` with an HTTP status. */
export class FioHttpError extends Error {
  readonly wire: WireError;
  constructor(
    readonly status: number,
    name: FioErrorName,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.wire = wireError(name, message);
  }
}

/** JSON errors everywhere: fio errors as thrown, validation as 400, body too large as 413, the rest as 500 without internals. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | FioHttpError, request, reply) => {
    if (error instanceof FioHttpError) {
      return reply.status(error.status).headers(error.headers).send({ error: error.wire });
    }
    if (error.validation) {
      return reply.status(400).send({ error: { ...wireError('PROCESSING_ERR', `invalid request: ${error.message}`), code: 9, retryable: false } });
    }
    if (error.statusCode === 413) return reply.status(413).send({ error: wireError('PROCESSING_ERR', `request body too large: ${error.message}`) });
    if (error.statusCode && error.statusCode < 500) return reply.status(error.statusCode).send({ error: wireError('PROCESSING_ERR', error.message) });
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ error: wireError('PROCESSING_ERR', 'internal error on the processing node') });
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send({ error: { ...wireError('PROCESSING_ERR', `no route ${request.method} ${request.url.split('?')[0]}`), retryable: false } }),
  );
}
