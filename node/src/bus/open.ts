import type { Bus, Clock } from './bus.js';
import { createMemoryBus } from './memory.js';
import { createRedisBus } from './redis.js';

export interface BusConfig {
  /** REDIS_URL: shared by every node behind the load balancer. */
  redisUrl?: string;
  /** For the in-process bus only (tests move time); Redis keeps its own. */
  clock?: Clock;
}

export async function openBus(config: BusConfig = {}): Promise<Bus> {
  return config.redisUrl ? createRedisBus(config.redisUrl) : createMemoryBus(config.clock);
}
