// npm run bench:node — authentications per second, p50/p99 latency, cores used and CPU per
// authentication with 1, 8 and 32 concurrent clients on loopback (real frames, real models, the full
// protocol, PAD on with passive liveness, 2 001 identities indexed), on the embedded store (PGlite + in-process bus) and on
// PostgreSQL + Redis (real servers started here).
//
// Baseline and new code run in the same run, interleaved (baseline, new, then new, baseline, … per
// client count), each node in its own child process (bench/node-server.ts) so its CPU time is its
// own: `coresUsed` = the node process's CPU time ÷ wall time (worker threads included),
// `cpuMsPerAuth` = its CPU time ÷ authentications. The load generator runs in this process.
// - new: this tree; frames in the inference pool; the client pipelines a session's frames (up to the
//   node's frames-in-flight), as the widget does.
// - baseline: the commit `--baseline-ref` (default: the merge base with main), extracted to a
//   temporary folder and run as it is; one frame per node answer, as its widget did.
// The machine's load average is recorded before and after each block: other work on a shared
// machine inflates wall times, so compare ratios within one run.
// Writes bench/results/node.json. Options: --quick (fewer sessions, one round), --rounds N (2),
// --no-baseline, --backend pglite|postgres (both).
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dataPath } from '../../test/helpers/data.js';
import { startPostgres, startRedis, type TestServer } from '../test/helpers/servers.js';
import { frameOf, runSession } from '../test/helpers/scan-client.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { percentile } from './metrics.js';
import { baselineTree, REPO, startNodeProcess, type NodeProcess, type Variant } from './node-process.js';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const option = (name: string): string | undefined => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : undefined);
const ROUNDS = Number(option('rounds') ?? (quick ? 1 : 2));
const CONCURRENCY = [1, 8, 32];
const BACKGROUND_IDENTITIES = 2000;
const BACKENDS = (option('backend') ? [option('backend')] : ['pglite', 'postgres']) as ('pglite' | 'postgres')[];
const sessionsFor = (clients: number): number => (quick ? Math.max(8, clients * 2) : Math.max(30, clients * 4));

const VARIANTS: Variant[] = argv.includes('--no-baseline') ? ['new'] : ['baseline', 'new'];

interface Block {
  variant: Variant;
  clients: number;
  sessions: number;
  failures: number;
  refused: number;
  wallMs: number;
  cpuMs: number;
  eventLoopActiveMs: number;
  latencies: number[];
  load: { before: number[]; after: number[] };
}

/** `total` authentications by `clients` concurrent clients; the node's CPU time and event-loop use over the block. */
async function block(node: NodeProcess, publicId: string, clients: number, probe: Uint8Array[]): Promise<Block> {
  const total = sessionsFor(clients);
  const latencies: number[] = [];
  let failures = 0;
  let refused = 0;
  let next = 0;
  const loadBefore = os.loadavg();
  const s0 = await node.stats();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < total) {
        next++;
        const t0 = performance.now();
        const run = await runSession(node.url, { publicId, op: 'authenticate' }, probe, {
          pipeline: node.variant === 'new' ? probe.length : 1,
        });
        if (run.created.status === 503) {
          // Admission control said busy: not an authentication; this client waits as told.
          refused++;
          await sleep(Number(run.created.headers?.['retry-after'] ?? '1') * 1000);
          continue;
        }
        latencies.push(performance.now() - t0);
        if (!run.verdict?.ok) failures++;
      }
    }),
  );
  const wallMs = performance.now() - started;
  const s1 = await node.stats();
  return {
    variant: node.variant,
    clients,
    sessions: total,
    failures,
    refused,
    wallMs,
    cpuMs: s1.cpuMs - s0.cpuMs,
    eventLoopActiveMs: s1.eventLoop.active - s0.eventLoop.active,
    latencies,
    load: { before: loadBefore, after: os.loadavg() },
  };
}

interface Row {
  variant: Variant;
  clients: number;
  sessions: number;
  failures: number;
  refused: number;
  authPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  coresUsed: number;
  cpuMsPerAuth: number;
  eventLoopBusy: number;
  load: { before: number[]; after: number[] }[];
}

function summarise(blocks: Block[]): Row {
  const sum = (f: (b: Block) => number) => blocks.reduce((s, b) => s + f(b), 0);
  const wallMs = sum((b) => b.wallMs);
  const cpuMs = sum((b) => b.cpuMs);
  const auths = sum((b) => b.sessions - b.failures - b.refused);
  const latencies = blocks.flatMap((b) => b.latencies);
  return {
    variant: blocks[0]!.variant,
    clients: blocks[0]!.clients,
    sessions: sum((b) => b.sessions),
    failures: sum((b) => b.failures),
    refused: sum((b) => b.refused),
    authPerSecond: (auths * 1000) / wallMs,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    coresUsed: cpuMs / wallMs,
    cpuMsPerAuth: cpuMs / Math.max(1, auths),
    eventLoopBusy: sum((b) => b.eventLoopActiveMs) / wallMs,
    load: blocks.map((b) => b.load),
  };
}

async function benchBackend(name: 'pglite' | 'postgres', trees: Record<Variant, string>) {
  const servers: TestServer[] = name === 'postgres' ? await Promise.all([startPostgres(), startRedis()]) : [];
  const backend = name === 'postgres' ? { databaseUrl: servers[0]!.url, redisUrl: servers[1]!.url } : {};
  const enroll = await Promise.all(['img1.jpg', 'img10.jpg', 'img11.jpg'].map((f) => frameOf(dataPath('faces', 'deepface_id01', f))));
  const probe = await Promise.all(['img2.jpg', 'img4.jpg'].map((f) => frameOf(dataPath('faces', 'deepface_id01', f))));
  const nodes: NodeProcess[] = [];
  try {
    const apps = new Map<NodeProcess, string>();
    for (const variant of VARIANTS) {
      const node = await startNodeProcess(variant, trees[variant], backend);
      nodes.push(node);
      // PAD on with passive signals: a verdict on 2 frames, as authentications were measured before
      // the active challenge existed (active-on-doubt waits for 8 frames over 1.2 s: bench:pad, bench:browser's challenge part).
      const app = await node.createApp({ pinPolicy: 'never', preventDuplicates: false, pad: true, liveness: 'passive', rejectEmptyOrigin: false });
      const enrolled = await runSession(node.url, { publicId: app.publicId, op: 'enroll' }, enroll);
      if (!enrolled.verdict?.ok) throw new Error(`${variant}: enrollment failed: ${JSON.stringify(enrolled.verdict)}`);
      await node.addIdentities(app.id, BACKGROUND_IDENTITIES);
      apps.set(node, app.publicId);
    }
    // Warm-up: first sessions pay for lazy model loads and JIT.
    for (const node of nodes) for (let i = 0; i < 4; i++) await runSession(node.url, { publicId: apps.get(node)!, op: 'authenticate' }, probe);
    const blocks: Block[] = [];
    for (const clients of CONCURRENCY) {
      for (let round = 0; round < ROUNDS; round++) {
        const order = round % 2 === 0 ? nodes : [...nodes].reverse();
        for (const node of order) {
          const b = await block(node, apps.get(node)!, clients, probe);
          blocks.push(b);
          process.stderr.write(
            `  ${name} ${b.variant} ${clients} clients round ${round + 1}: ${((b.sessions * 1000) / b.wallMs).toFixed(1)} auth/s, p50 ${percentile(b.latencies, 50).toFixed(0)} ms, ${(b.cpuMs / b.wallMs).toFixed(2)} cores, load ${b.load.before[0]!.toFixed(1)}→${b.load.after[0]!.toFixed(1)}\n`,
          );
        }
      }
    }
    const rows = VARIANTS.flatMap((variant) =>
      CONCURRENCY.map((clients) => summarise(blocks.filter((b) => b.variant === variant && b.clients === clients))),
    );
    return { backend: name === 'pglite' ? 'pglite+memory' : 'postgres+redis', rows };
  } finally {
    for (const node of nodes) await node.stop();
    for (const server of servers) await server.stop();
  }
}

const loadBefore = os.loadavg();
const baseline = VARIANTS.includes('baseline') ? baselineTree(option('baseline-ref')) : null;
const trees: Record<Variant, string> = { new: REPO, baseline: baseline?.dir ?? REPO };
const results = [];
for (const name of BACKENDS) results.push(await benchBackend(name, trees));
const loadAfter = os.loadavg();

const f = (v: number, digits = 0) => v.toFixed(digits);
console.log(
  `\nAuthentications on loopback (2 frames each, PAD on, ${BACKGROUND_IDENTITIES + 1} identities indexed; ${ROUNDS} interleaved round(s); ${os.cpus().length} cores; load ${loadBefore.map((l) => l.toFixed(1)).join(' ')} → ${loadAfter.map((l) => l.toFixed(1)).join(' ')})`,
);
if (baseline) console.log(`baseline: ${baseline.ref}`);
console.log(
  '| store | variant | clients | sessions | auth/s | p50 ms | p99 ms | cores used | CPU ms / auth | event loop busy | failures | refused |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of results)
  for (const row of r.rows)
    console.log(
      `| ${r.backend} | ${row.variant} | ${row.clients} | ${row.sessions} | ${f(row.authPerSecond, 2)} | ${f(row.p50Ms)} | ${f(row.p99Ms)} | ${f(row.coresUsed, 2)} | ${f(row.cpuMsPerAuth, 1)} | ${f(row.eventLoopBusy * 100)} % | ${row.failures} | ${row.refused} |`,
    );
if (baseline) {
  console.log('\nnew ÷ baseline (same run)');
  console.log('| store | clients | auth/s | p50 | p99 | cores used | CPU ms / auth |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of results)
    for (const clients of CONCURRENCY) {
      const [b, n] = (['baseline', 'new'] as const).map((v) => r.rows.find((row) => row.variant === v && row.clients === clients)!);
      console.log(
        `| ${r.backend} | ${clients} | ×${f(n!.authPerSecond / b!.authPerSecond, 2)} | ×${f(n!.p50Ms / b!.p50Ms, 2)} | ×${f(n!.p99Ms / b!.p99Ms, 2)} | ×${f(n!.coresUsed / b!.coresUsed, 2)} | ×${f(n!.cpuMsPerAuth / b!.cpuMsPerAuth, 2)} |`,
      );
    }
}
mkdirSync(new URL('./results', import.meta.url), { recursive: true });
writeFileSync(
  new URL('./results/node.json', import.meta.url),
  `${JSON.stringify({ date: new Date().toISOString(), cores: os.cpus().length, rounds: ROUNDS, baseline: baseline?.ref ?? null, load: { before: loadBefore, after: loadAfter }, results }, null, 2)}\n`,
);
process.exit(0);
