/**
 * Real, throwaway PostgreSQL and Redis servers for tests: own temp directory, free port, no
 * persistence, stopped by stop() and — should a test file crash — when the process exits.
 * The Debian packages must be installed: `node scripts/ensure-system.mjs postgresql redis-server`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createConnection, createServer, type AddressInfo } from 'node:net';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

export interface TestServer {
  url: string;
  stop(): Promise<void>;
}

const INSTALL_HINT = 'run `node scripts/ensure-system.mjs postgresql redis-server` (as root) first';

// ---- clean-up when the process ends without stop() (a crashed or interrupted test file) ----

const exitCleanups = new Set<() => void>();
let exitHooked = false;
function onProcessExit(cleanup: () => void): () => void {
  if (!exitHooked) {
    exitHooked = true;
    const runAll = () => {
      for (const fn of exitCleanups) fn();
      exitCleanups.clear();
    };
    process.once('exit', runAll);
    // 'exit' does not fire when a signal ends the process: clean up, then die of the same signal.
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.once(signal, () => {
        runAll();
        process.kill(process.pid, signal);
      });
    }
  }
  exitCleanups.add(cleanup);
  return () => exitCleanups.delete(cleanup);
}

const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

// ---- shared process plumbing ----

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

interface Spawned {
  child: ChildProcess;
  log: () => string;
}

/** Output goes to a file, not a pipe: nothing to drain, and the child can be unref'd. */
function spawnLogged(cmd: string, args: string[], dir: string, ids: { uid: number; gid: number } | undefined): Spawned {
  const logFile = join(dir, 'server.log');
  const fd = openSync(logFile, 'a');
  const child = spawn(cmd, args, { cwd: dir, stdio: ['ignore', fd, fd], ...ids });
  closeSync(fd);
  child.unref();
  child.on('error', () => undefined); // reported through waitReady (the child never starts)
  return { child, log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-3000) : '') };
}

const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

async function waitReady(server: Spawned, what: string, probe: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!running(server.child) || server.child.pid === undefined) throw new Error(`${what} exited before accepting connections:\n${server.log()}`);
    if (await probe().catch(() => false)) return;
    await sleep(50);
  }
  server.child.kill('SIGKILL');
  throw new Error(`${what} did not accept connections within ${timeoutMs} ms:\n${server.log()}`);
}

async function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (!running(child)) return;
  child.ref(); // a pending promise alone does not keep Node alive: hold the process until the server is gone
  const exited = once(child, 'exit');
  child.kill(signal);
  const giveUp = new AbortController();
  const timeout = sleep(10_000, 'timeout', { signal: giveUp.signal }).catch(() => 'stopped');
  try {
    if ((await Promise.race([exited, timeout])) === 'timeout') {
      child.kill('SIGKILL');
      await exited;
    }
  } finally {
    giveUp.abort(); // else the timer keeps the test process alive for 10 s after the last test
  }
}

/** A free port can be taken between the probe and the server's bind: try a few. */
async function withRetries<T>(attempts: number, start: () => Promise<T>): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await start();
    } catch (err) {
      if (i >= attempts) throw err;
    }
  }
}

// ---- PostgreSQL ----

function postgresBinDir(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'postgres'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error(`PostgreSQL server binaries not found under ${base}/*/bin: ${INSTALL_HINT}`);
  return join(base, newest, 'bin');
}

/** PostgreSQL refuses to run as root: as root, run it as the `postgres` user the Debian package creates. */
function postgresIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const ids = { uid: id('-u'), gid: id('-g') };
  if (!ids.uid) throw new Error(`running as root but there is no \`postgres\` user to run PostgreSQL as: ${INSTALL_HINT}`);
  return ids;
}

/** initdb into a temp dir, start on a free 127.0.0.1 port, create database `openfaceio`; url points at it. */
/** Starts a server (with retries); on failure removes its temp dir before rethrowing. */
async function startOrCleanUp<T>(dir: string, start: () => Promise<T>): Promise<T> {
  try {
    return await withRetries(3, start);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

export async function startPostgres(): Promise<TestServer> {
  const bin = postgresBinDir();
  const ids = postgresIds();
  const dir = mkdtempSync(join(tmpdir(), 'openfaceio-pg-'));
  if (ids) chownSync(dir, ids.uid, ids.gid);
  const data = join(dir, 'data');
  const init = spawnSync(
    join(bin, 'initdb'),
    ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions'],
    {
      cwd: dir,
      encoding: 'utf8',
      ...ids,
    },
  );
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed (${init.status}):\n${init.stderr || init.error?.message}`);
  }

  const start = async () => {
    const port = await freePort();
    // Durability is pointless for a throwaway cluster; turning it off makes CREATE DATABASE and commits fast.
    const args = ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1'];
    for (const setting of ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off']) args.push('-c', setting);
    const server = spawnLogged(join(bin, 'postgres'), args, dir, ids);
    const admin = { host: '127.0.0.1', port, user: 'postgres', database: 'postgres' };
    await waitReady(server, 'postgres', async () => {
      const client = new pg.Client(admin);
      await client.connect();
      await client.end();
      return true;
    });
    return { server, port, admin };
  };

  const started = await startOrCleanUp(dir, start);
  const { server, port, admin } = started;
  const forget = onProcessExit(() => {
    // SIGQUIT: immediate shutdown that still releases shared memory; wait for the pid file to go.
    server.child.kill('SIGQUIT');
    for (let i = 0; i < 100 && existsSync(join(data, 'postmaster.pid')); i++) sleepSync(20);
    rmSync(dir, { recursive: true, force: true });
  });

  const client = new pg.Client(admin);
  await client.connect();
  await client.query('CREATE DATABASE openfaceio');
  await client.end();

  return {
    url: `postgres://postgres@127.0.0.1:${port}/openfaceio`,
    async stop() {
      forget();
      await stopChild(server.child, 'SIGINT'); // "fast" shutdown
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ---- Redis ----

function redisPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write('PING\r\n'));
    socket.setTimeout(1000, () => socket.destroy());
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('close', () => resolve(false));
  });
}

/** redis-server on a free 127.0.0.1 port with no persistence at all. */
export async function startRedis(): Promise<TestServer> {
  const hasRedis = spawnSync('sh', ['-c', 'command -v redis-server'], { stdio: 'ignore' }).status === 0;
  if (!hasRedis) throw new Error(`redis-server not found on PATH: ${INSTALL_HINT}`);
  const dir = mkdtempSync(join(tmpdir(), 'openfaceio-redis-'));

  const start = async () => {
    const port = await freePort();
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir];
    const server = spawnLogged('redis-server', args, dir, undefined);
    await waitReady(server, 'redis-server', () => redisPing(port));
    return { server, port };
  };

  const started = await startOrCleanUp(dir, start);
  const { server, port } = started;
  const forget = onProcessExit(() => {
    server.child.kill('SIGKILL'); // nothing to save
    rmSync(dir, { recursive: true, force: true });
  });

  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      forget();
      await stopChild(server.child, 'SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
