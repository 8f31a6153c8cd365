import type { FastifyRequest, preValidationAsyncHookHandler } from 'fastify';
import { canonicalFacialId } from '../security/facial-id.js';

export type FacialIdFields = { params?: string[]; querystring?: string[]; body?: string[] };

/**
 * A preValidation hook that rewrites the named facial-ID fields to their canonical form before the
 * schema sees them (security/facial-id.ts), or throws `refuse(field)` for one that is no facial ID.
 * Absent and null fields are left to the schema.
 */
export function canonicalFacialIds(fields: FacialIdFields, refuse: (field: string) => Error): preValidationAsyncHookHandler {
  return async (request: FastifyRequest) => {
    for (const part of ['params', 'querystring', 'body'] as const) {
      const source = (part === 'querystring' ? request.query : request[part]) as Record<string, unknown> | null | undefined;
      if (!source || typeof source !== 'object') continue;
      for (const field of fields[part] ?? []) {
        const value = source[field];
        if (value === undefined || value === null) continue;
        const id = canonicalFacialId(value);
        if (id === null) throw refuse(field);
        source[field] = id;
      }
    }
  };
}
