/**
 * Shared short-lived state and messages between nodes: rate-limit counters, one-time tokens and
 * cross-node events (a new enrollment must reach every node's index within a second).
 * In-process by default; Redis when REDIS_URL is set (several nodes behind a load balancer).
 */
export interface Bus {
  /** Fixed-window counter: increments `key` and returns the count in the current window and the ms left in it. */
  hit(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }>;
  /** Reads a counter without incrementing it (0 when absent or expired). */
  peek(key: string): Promise<number>;
  /** Deletes a counter or value (e.g. a lockout lifted by an admin). */
  delete(key: string): Promise<void>;
  /** Stores `value` under `key` for `ttlMs` unless the key exists; true if stored (SET NX PX). */
  putOnce(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Atomically reads and deletes `key` (GETDEL): a one-time token can be taken once, by one node. */
  takeOnce(key: string): Promise<string | null>;
  /** Reads `key` without consuming it. */
  get(key: string): Promise<string | null>;
  /** Sets `key` (overwriting) for `ttlMs`. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  publish(channel: string, message: string): Promise<void>;
  /** Calls `handler` for every message published on `channel` (by any node, this one included); resolves to an unsubscribe function. */
  subscribe(channel: string, handler: (message: string) => void): Promise<() => Promise<void>>;
  readonly kind: 'memory' | 'redis';
  close(): Promise<void>;
}

/** Milliseconds since the epoch; injected so tests can move time. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
