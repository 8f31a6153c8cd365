import { Redis } from 'ioredis';
import type { Bus } from './bus.js';
import { assertTtl, deliver } from './ttl.js';

// INCR and, when the key has no expiry yet (just created), PEXPIRE — in one script so a crash
// between the two can never leave a counter that lives forever. Returns [count, ms left].
const HIT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`;

type WithHit = Redis & { openfaceioHit(key: string, windowMs: number): Promise<[number, number]> };

interface Channel {
  handlers: Set<{ handler: (message: string) => void; active: boolean }>;
  /** The SUBSCRIBE reply: a subscriber returns only once Redis will deliver to it. */
  ready: Promise<unknown>;
}

/** The shared bus of several nodes: one connection for commands, one in subscriber mode (Redis requires it). */
export async function createRedisBus(url: string): Promise<Bus> {
  const commands = new Redis(url, { lazyConnect: true }) as WithHit;
  const subscriber = new Redis(url, { lazyConnect: true });
  try {
    await Promise.all([commands.connect(), subscriber.connect()]);
  } catch (err) {
    commands.disconnect();
    subscriber.disconnect();
    throw err;
  }
  // defineCommand sends EVALSHA and falls back to EVAL after a NOSCRIPT (e.g. Redis restarted).
  commands.defineCommand('openfaceioHit', { numberOfKeys: 1, lua: HIT });

  const channels = new Map<string, Channel>();
  subscriber.on('message', (channel: string, message: string) => {
    for (const sub of [...(channels.get(channel)?.handlers ?? [])]) if (sub.active) deliver(sub.handler, message, channel);
  });

  return {
    kind: 'redis',
    async hit(key, windowMs) {
      assertTtl(windowMs, 'windowMs');
      const [count, resetInMs] = await commands.openfaceioHit(key, windowMs);
      return { count, resetInMs };
    },
    async peek(key) {
      return Number(await commands.get(key)) || 0;
    },
    async delete(key) {
      await commands.del(key);
    },
    async putOnce(key, value, ttlMs) {
      assertTtl(ttlMs);
      return (await commands.set(key, value, 'PX', ttlMs, 'NX')) === 'OK';
    },
    // GETDEL (Redis ≥ 6.2): one command, so two nodes can never both read the token.
    takeOnce: (key) => commands.getdel(key),
    get: (key) => commands.get(key),
    async set(key, value, ttlMs) {
      assertTtl(ttlMs);
      await commands.set(key, value, 'PX', ttlMs);
    },
    async publish(channel, message) {
      await commands.publish(channel, message);
    },
    async subscribe(channel, handler) {
      let entry = channels.get(channel);
      if (!entry) {
        const created: Channel = { handlers: new Set(), ready: subscriber.subscribe(channel) };
        // A failed SUBSCRIBE must not stay cached: the next subscriber tries again.
        created.ready.catch(() => channels.get(channel) === created && channels.delete(channel));
        channels.set(channel, (entry = created));
      }
      const sub = { handler, active: true };
      entry.handlers.add(sub);
      await entry.ready;
      const current = entry;
      return async () => {
        sub.active = false;
        current.handlers.delete(sub);
        if (current.handlers.size === 0 && channels.get(channel) === current) {
          channels.delete(channel);
          await subscriber.unsubscribe(channel);
        }
      };
    },
    async close() {
      channels.clear();
      await Promise.all([commands.quit(), subscriber.quit()]);
    },
  };
}
