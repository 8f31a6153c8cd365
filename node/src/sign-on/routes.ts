import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { NodeDeps } from '../deps.js';
import { registerAuthRoutes } from './auth-routes.js';
import type { SignOnFailure } from './contract.js';
import { SIGN_ON_CODES } from './contract.js';
import { SignOnError } from './failures.js';
import { registerLoginRoutes } from './login-routes.js';
import { registerUserRoutes } from './user-routes.js';

export const SIGN_ON_PREFIX = '/api/v1/facial_sign_on';

/** Every failure as a SignOnFailure: ours, validation, anything else (a 500 without details). */
export function signOnErrorHandler(error: FastifyError | SignOnError, request: FastifyRequest, reply: FastifyReply) {
  const known =
    error instanceof SignOnError
      ? error
      : error.validation
        ? new SignOnError(SIGN_ON_CODES.BAD_REQUEST, `invalid request: ${error.message}`)
        : error.statusCode && error.statusCode < 500
          ? new SignOnError(SIGN_ON_CODES.BAD_REQUEST, error.message, { http: error.statusCode })
          : null;
  if (known) return reply.status(known.httpCode).headers(known.headers).send(known.toFailure());
  request.log.error({ err: String(error) }, 'sign-on request failed');
  // TODO(#5): the contract has no code for an internal error; BAD_REQUEST with http_code 500 until it does.
  const failure: SignOnFailure = {
    success: false,
    message: 'internal error on the processing node',
    code: SIGN_ON_CODES.BAD_REQUEST,
    http_code: 500,
    user_message: 'Something went wrong. Try again.',
    retryable: true,
  };
  return reply.status(500).send(failure);
}

/**
 * The Axiam-compatible sign-on API under /api/v1/facial_sign_on, in its own Fastify scope so that
 * every failure here — ours, validation, unknown route — is a SignOnFailure, not the fio.js
 * `{error}` body the rest of the node answers. Bodies are never logged (the app logger's
 * serializer drops them); routes with a token in the path log nothing below `warn`.
 */
export async function registerSignOnRoutes(app: FastifyInstance, deps: NodeDeps): Promise<void> {
  await app.register(
    async (scope) => {
      scope.setErrorHandler(signOnErrorHandler);
      scope.setNotFoundHandler((request, reply) => {
        const failure = new SignOnError(
          SIGN_ON_CODES.BAD_REQUEST,
          `no route ${request.method} ${request.url.split('?')[0]!.replace(/\/(vt|rt|st)_[\w-]+/g, '/…')}`,
          { http: 404 },
        );
        return reply.status(404).send(failure.toFailure());
      });
      registerAuthRoutes(scope, deps);
      registerLoginRoutes(scope, deps);
      registerUserRoutes(scope, deps);
    },
    { prefix: SIGN_ON_PREFIX },
  );
}
