/**
 * Redis rejects PX 0, negative and fractional expiries ("invalid expire time"); the memory bus checks
 * the same way so a bad TTL fails in development, not first in production.
 */
export function assertTtl(ms: number, what = 'ttlMs'): void {
  if (!Number.isInteger(ms) || ms <= 0) throw new RangeError(`${what} must be a positive integer of milliseconds, got ${ms}`);
}

/** A handler that throws must not stop delivery to the others, nor crash the node from a callback. */
export function deliver(handler: (message: string) => void, message: string, channel: string): void {
  try {
    handler(message);
  } catch (err) {
    console.error(`[bus] subscriber of ${channel} threw:`, err);
  }
}
