/**
 * The two back ends a node can run on, so one suite runs against both:
 *   for (const backend of backends()) describe(backend.name, () => { … });
 * pglite+memory is the default single node; postgres+redis uses real servers, each started once per
 * test file on first use and stopped after the file.
 */
import { after } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Bus, Clock } from '../../src/bus/bus.js';
import { createMemoryBus } from '../../src/bus/memory.js';
import { createRedisBus } from '../../src/bus/redis.js';
import type { Db } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { openStore } from '../../src/store/open.js';
import { openPglite } from '../../src/store/pglite.js';
import { openPostgres } from '../../src/store/postgres.js';
import { startPostgres, startRedis, type TestServer } from './servers.js';

export interface TestNode {
  db: Db;
  bus: Bus;
}

export interface BackendEnv extends TestNode {
  /** Another node on the same shared state. pglite+memory: these same instances (its one process is its one node). */
  secondNode(): Promise<TestNode>;
  /** Lets `ms` pass for bus TTLs: moves the memory bus's injected clock, or really waits for Redis. */
  elapse(ms: number): Promise<void>;
  close(): Promise<void>;
}

/** Only the bus, for suites that need no database (no PGlite or PostgreSQL start-up to pay for). */
export interface BusEnv {
  bus: Bus;
  /** The bus of another node: a second Redis client pair; for memory, this same bus. */
  secondBus(): Promise<Bus>;
  elapse(ms: number): Promise<void>;
  close(): Promise<void>;
}

export interface Backend {
  name: 'pglite+memory' | 'postgres+redis';
  /** A fresh, empty database (migrated unless `migrate: false`) and a bus. */
  open(options?: { migrate?: boolean }): Promise<BackendEnv>;
  openBus(): Promise<BusEnv>;
}

/** A memory bus on a clock that only elapse() moves. */
function manualClockBus(): BusEnv {
  let now = Date.now();
  const clock: Clock = { now: () => now };
  const bus = createMemoryBus(clock);
  return {
    bus,
    secondBus: async () => bus,
    elapse: async (ms) => {
      now += ms;
    },
    close: () => bus.close(),
  };
}

// initdb costs PGlite ~3 s; loading a dump of a fresh cluster under a second. One dump per test file.
let pgliteTemplate: Promise<Blob> | undefined;
const freshPgliteDump = async (): Promise<Blob> => {
  const pglite = await PGlite.create();
  const dump = await pglite.dumpDataDir('none');
  await pglite.close();
  return dump;
};

const pgliteMemory: Backend = {
  name: 'pglite+memory',
  async open({ migrate: migrated = true } = {}) {
    pgliteTemplate ??= freshPgliteDump();
    const db = await openPglite(null, { loadDataDir: await pgliteTemplate });
    if (migrated) await migrate(db);
    const { bus, elapse, close } = manualClockBus();
    return {
      db,
      bus,
      secondNode: async () => ({ db, bus }),
      elapse,
      close: async () => {
        await close();
        await db.close();
      },
    };
  },
  openBus: async () => manualClockBus(),
};

let postgresServer: Promise<TestServer> | undefined;
let redisServer: Promise<TestServer> | undefined;
let databases = 0;

/** A new database on the shared server for each open(), so tests never see each other's rows. */
async function createDatabase(): Promise<string> {
  postgresServer ??= startPostgres();
  const url = new URL((await postgresServer).url);
  const name = `test_${process.pid}_${++databases}`;
  const admin = new pg.Client({ connectionString: url.href });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  url.pathname = `/${name}`;
  return url.href;
}

async function redisUrl(): Promise<string> {
  redisServer ??= startRedis();
  return (await redisServer).url;
}

/** Redis buses opened by one env, all closed with it. */
function redisBuses(url: string) {
  const opened: Bus[] = [];
  return {
    open: async () => {
      const bus = await createRedisBus(url);
      opened.push(bus);
      return bus;
    },
    close: () => Promise.all(opened.map((b) => b.close())),
  };
}

const postgresRedis: Backend = {
  name: 'postgres+redis',
  async open({ migrate: migrated = true } = {}) {
    const [databaseUrl, busUrl] = await Promise.all([createDatabase(), redisUrl()]);
    const buses = redisBuses(busUrl);
    const dbs: Db[] = [];
    const node = async (first: boolean): Promise<TestNode> => {
      const db = first && migrated ? await openStore({ databaseUrl }) : await openPostgres(databaseUrl);
      dbs.push(db);
      return { db, bus: await buses.open() };
    };
    const { db, bus } = await node(true);
    return {
      db,
      bus,
      secondNode: () => node(false),
      elapse: (ms) => sleep(ms),
      close: async () => {
        await Promise.all([buses.close(), ...dbs.map((d) => d.close())]);
      },
    };
  },
  async openBus() {
    const buses = redisBuses(await redisUrl());
    return { bus: await buses.open(), secondBus: buses.open, elapse: (ms) => sleep(ms), close: async () => void (await buses.close()) };
  },
};

let stopRegistered = false;

export function backends(): Backend[] {
  // Registered while the test file loads, so it is a file-level hook: the servers outlive every suite.
  if (!stopRegistered) {
    stopRegistered = true;
    after(async () => {
      // A server that failed to start has already failed its tests.
      const started = await Promise.all([postgresServer, redisServer].map((s) => s?.catch(() => undefined)));
      await Promise.all(started.map((s) => s?.stop()));
    });
  }
  return [pgliteMemory, postgresRedis];
}
