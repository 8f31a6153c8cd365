import type { FastifyInstance, FastifyRequest } from 'fastify';
import { unstorableText } from './input-text.js';

/** A client error Fastify's error handlers (ours and sign-on's) answer as a 400 with their own code. */
export class UnstorableInputError extends Error {
  readonly statusCode = 400;
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`${path} contains ${problem}: refused (no store keeps it)`);
  }
}

/**
 * Refuses, before validation and before any handler, a path parameter, query value or JSON body
 * string that holds text no store keeps (security/input-text.ts). Registered at the root, so every
 * route — the sign-on scope included — is covered; each scope's error handler gives it its code.
 */
export function installInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request: FastifyRequest) => {
    const found = unstorableText(request.params, 'path') ?? unstorableText(request.query, 'query') ?? unstorableText(request.body, 'body');
    if (found) throw new UnstorableInputError(found.path, found.problem);
  });
}
