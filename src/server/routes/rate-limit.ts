import type { Bus } from '../bus/bus.js';
import { FioHttpError } from './http-error.js';

/** Fixed-window limit shared by every node through the bus; over it → 429 TOO_MANY_REQUESTS with Retry-After. */
export async function enforceLimit(bus: Bus, key: string, max: number, windowMs = 60_000): Promise<void> {
  const { count, resetInMs } = await bus.hit(`rate:${key}`, windowMs);
  if (count > max) {
    const retryAfter = Math.max(1, Math.ceil(resetInMs / 1000));
    throw new FioHttpError(429, 'TOO_MANY_REQUESTS', `rate limit of ${max} per ${windowMs / 1000} s reached: retry in ${retryAfter} s`, {
      'retry-after': String(retryAfter),
    });
  }
}
