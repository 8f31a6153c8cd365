import type { Bus } from '../bus/bus.js';
import { FioHttpError } from './http-error.js';

// Where @fastify/rate-limit is not used (issue 12, item 7), and why: the per-address limits that a
// request alone decides run in its onRequest hook (security/rate-limit-store.ts, counted on this same
// bus). The limits below are keyed by what only a handler knows — the app behind verified
// credentials, the sign-on user, the hash of a token looked up in the store — and answer with their
// own codes (1022–1025, TOO_MANY_REQUESTS with the app's limit in the message); the plugin decides
// in a hook from the request alone, and its `createRateLimit()` called from a handler would be this
// function with an extra indirection. Both count with the bus's atomic INCR + PEXPIRE.

/**
 * A fixed-window limit shared by every node through the bus: counts one hit on `key` and returns
 * null while within `max`, or the seconds until the window resets (Retry-After) once over it.
 */
export async function hitLimit(bus: Bus, key: string, max: number, windowMs: number): Promise<number | null> {
  const { count, resetInMs } = await bus.hit(`rate:${key}`, windowMs);
  return count > max ? Math.max(1, Math.ceil(resetInMs / 1000)) : null;
}

/** hitLimit(); over it → 429 TOO_MANY_REQUESTS with Retry-After. */
export async function enforceLimit(bus: Bus, key: string, max: number, windowMs = 60_000): Promise<void> {
  const retryAfter = await hitLimit(bus, key, max, windowMs);
  if (retryAfter !== null) {
    throw new FioHttpError(429, 'TOO_MANY_REQUESTS', `rate limit of ${max} per ${windowMs / 1000} s reached: retry in ${retryAfter} s`, {
      'retry-after': String(retryAfter),
    });
  }
}
