import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import type { FioErrorName, WireError } from 'openfaceio/protocol';
import { wireError } from 'openfaceio/protocol';
import { UnstorableInputError } from '../security/input-guard.js';

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

/** Routes whose body is mostly the host's enrollment payload: too large there is PAYLOAD_REFUSED. */
const PAYLOAD_ROUTES = new Set(['/v1/sessions', '/v1/admin/facial-ids/:facialId/payload']);

/** A client error Fastify raised itself (bad JSON, wrong content type, body too large …) in our terms. */
function clientError(error: FastifyError, request: FastifyRequest): { status: number; wire: WireError } {
  const status = error.statusCode ?? 400;
  if (status === 413) {
    const name = PAYLOAD_ROUTES.has(request.routeOptions.url ?? '') ? 'PAYLOAD_REFUSED' : 'INVALID_REQUEST';
    return { status, wire: wireError(name, `request body too large for ${request.method} ${request.routeOptions.url ?? 'this route'}`) };
  }
  if (error instanceof UnstorableInputError && error.path.startsWith('body.payload'))
    return { status: 400, wire: wireError('PAYLOAD_REFUSED', error.message) };
  if (error.validation) return { status: 400, wire: wireError('INVALID_REQUEST', `invalid request: ${error.message}`) };
  return { status, wire: wireError(status === 429 ? 'TOO_MANY_REQUESTS' : 'INVALID_REQUEST', error.message) };
}

/** JSON errors everywhere: fio errors as thrown, client errors as INVALID_REQUEST (or PAYLOAD_REFUSED), the rest as 500 without internals. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | FioHttpError, request, reply) => {
    if (error instanceof FioHttpError) {
      return reply.status(error.status).headers(error.headers).send({ error: error.wire });
    }
    if (error.validation || (error.statusCode && error.statusCode < 500)) {
      const { status, wire } = clientError(error, request);
      return reply.status(status).send({ error: wire });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ error: wireError('PROCESSING_ERR', 'internal error on the processing node') });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: wireError('INVALID_REQUEST', `no route ${request.method} ${request.url.split('?')[0]}`) }),
  );
}
