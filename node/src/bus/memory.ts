import { systemClock, type Bus, type Clock } from './bus.js';
import { assertTtl, deliver } from './ttl.js';

interface Entry {
  /** Strings only, as in Redis: a counter is its decimal text, so get() of a counter reads the same on both buses. */
  value: string;
  expiresAt: number;
}

interface Subscription {
  handler: (message: string) => void;
  active: boolean;
}

// Expired entries are dropped when read; a sweep at most this often (by the injected clock) frees
// keys nobody reads again, without a timer that would keep the process alive.
const SWEEP_EVERY_MS = 60_000;

/** One node's bus, in this process: the default when there is no REDIS_URL. */
export function createMemoryBus(clock: Clock = systemClock): Bus {
  const entries = new Map<string, Entry>();
  const channels = new Map<string, Set<Subscription>>();
  let nextSweep = clock.now() + SWEEP_EVERY_MS;
  let closed = false;

  const ensureOpen = () => {
    if (closed) throw new Error('bus is closed');
  };
  const sweep = (now: number) => {
    if (now < nextSweep) return;
    nextSweep = now + SWEEP_EVERY_MS;
    for (const [key, entry] of entries) if (entry.expiresAt <= now) entries.delete(key);
  };
  const live = (key: string): Entry | undefined => {
    ensureOpen();
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= clock.now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  const write = (key: string, value: string, ttlMs: number) => {
    const now = clock.now();
    sweep(now);
    entries.set(key, { value, expiresAt: now + ttlMs });
  };

  return {
    kind: 'memory',
    async hit(key, windowMs) {
      assertTtl(windowMs, 'windowMs');
      const entry = live(key);
      if (!entry) {
        write(key, '1', windowMs);
        return { count: 1, resetInMs: windowMs };
      }
      const count = Number(entry.value) + 1;
      if (!Number.isInteger(count)) throw new Error(`${key} does not hold a counter`); // Redis: "value is not an integer"
      entry.value = String(count);
      return { count, resetInMs: entry.expiresAt - clock.now() };
    },
    async peek(key) {
      return Number(live(key)?.value ?? 0) || 0;
    },
    async delete(key) {
      ensureOpen();
      entries.delete(key);
    },
    async putOnce(key, value, ttlMs) {
      assertTtl(ttlMs);
      if (live(key)) return false;
      write(key, value, ttlMs);
      return true;
    },
    async takeOnce(key) {
      const entry = live(key);
      entries.delete(key);
      return entry?.value ?? null;
    },
    async get(key) {
      return live(key)?.value ?? null;
    },
    async set(key, value, ttlMs) {
      assertTtl(ttlMs);
      ensureOpen();
      write(key, value, ttlMs);
    },
    async publish(channel, message) {
      ensureOpen();
      // Never synchronously: with Redis a handler always runs after publish() returned, and code
      // that works only because delivery was immediate would break behind a load balancer.
      for (const sub of channels.get(channel) ?? []) {
        queueMicrotask(() => {
          if (sub.active) deliver(sub.handler, message, channel);
        });
      }
    },
    async subscribe(channel, handler) {
      ensureOpen();
      const sub: Subscription = { handler, active: true };
      const subs = channels.get(channel) ?? new Set<Subscription>();
      channels.set(channel, subs.add(sub));
      return async () => {
        sub.active = false; // a message already queued for it is dropped too
        subs.delete(sub);
        if (subs.size === 0 && channels.get(channel) === subs) channels.delete(channel);
      };
    },
    async close() {
      closed = true;
      for (const subs of channels.values()) for (const sub of subs) sub.active = false;
      channels.clear();
      entries.clear();
    },
  };
}
