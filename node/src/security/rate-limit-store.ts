// @fastify/rate-limit (issue 12, item 7) counting on the node's bus: in-process by default, Redis
// when REDIS_URL is set — so every node behind a load balancer shares one count, with the same
// atomic INCR + PEXPIRE script the rest of the node's limits use (bus/redis.ts). The plugin's own
// RedisStore would need a second ioredis connection the bus abstraction deliberately hides.
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Bus } from '../bus/bus.js';

type RouteInfo = { routeInfo?: { method?: string | string[]; url?: string } };

/** A store class over `bus` (the plugin instantiates it); each route counts under its own prefix. */
export function busRateLimitStore(bus: Bus): FastifyRateLimitStoreCtor {
  const storeFor = (prefix: string): FastifyRateLimitStore => ({
    incr(key, callback, timeWindow) {
      bus.hit(`rate:${prefix}${key}`, Math.max(1, Math.round(timeWindow))).then(
        ({ count, resetInMs }) => callback(null, { current: count, ttl: resetInMs }),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    },
    child(options) {
      const route = (options as unknown as RouteInfo).routeInfo;
      const method = Array.isArray(route?.method) ? route.method.join(',') : (route?.method ?? '');
      return storeFor(`${prefix}${method} ${route?.url ?? ''}:`);
    },
  });
  return class {
    constructor() {
      return storeFor('http:');
    }
  } as unknown as FastifyRateLimitStoreCtor;
}
