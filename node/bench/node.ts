// npm run bench:node — authentications per second and p50/p99 latency with 1, 8 and 32 concurrent
// clients on loopback (real frames, real models, the full WebSocket protocol), on the embedded
// store (PGlite + in-process bus) and on PostgreSQL + Redis (real servers started here).
// Writes bench/results/node.json. Option: --quick (fewer sessions).
import { mkdirSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { insertEnrollment } from '../src/store/facial-ids.js';
import { l2Normalize } from 'openfaceio/vision';
import { openBus } from '../src/bus/open.js';
import { openStore } from '../src/store/open.js';
import { createNodeEngine } from '../src/vision/index.js';
import { startPostgres, startRedis } from '../test/helpers/servers.js';
import { dataPath } from '../../test/helpers/data.js';
import { startTestNode } from '../test/helpers/node.js';
import { frameOf, runSession } from '../test/helpers/scan-client.js';
import { percentile } from './metrics.js';

const quick = process.argv.includes('--quick');
const CONCURRENCY = [1, 8, 32];
/** Other identities in the app's index, so the 1:N search is not trivial. */
const BACKGROUND_IDENTITIES = 2000;

function randomUnit(seed: number): Float32Array {
  let s = seed;
  const v = new Float32Array(512);
  for (let i = 0; i < 512; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    v[i] = s / 2 ** 32 - 0.5;
  }
  return l2Normalize(v);
}

/** The embedded default (in-memory PGlite, in-process bus) or real PostgreSQL + Redis servers started here. */
async function openBackend(name: 'pglite+memory' | 'postgres+redis') {
  if (name === 'pglite+memory') {
    const db = await openStore({ dataDir: null });
    const bus = await openBus();
    return { db, bus, close: async () => (await bus.close(), await db.close()) };
  }
  const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  const db = await openStore({ databaseUrl: postgres.url });
  const bus = await openBus({ redisUrl: redis.url });
  return { db, bus, close: async () => (await bus.close(), await db.close(), await postgres.stop(), await redis.stop()) };
}

async function benchBackend(name: 'pglite+memory' | 'postgres+redis') {
  const env = await openBackend(name);
  const engine = createNodeEngine();
  const node = await startTestNode(env, { engine, config: { sessionsPerIpPerMinute: 1e6, sessionsPerAppPerMinute: 1e6 } });
  const { app } = await node.createApp({ pinPolicy: 'never', preventDuplicates: false, pad: true, rejectEmptyOrigin: false });
  const person = await Promise.all(['img1.jpg', 'img10.jpg', 'img11.jpg'].map((f) => frameOf(dataPath('faces', 'deepface_id01', f))));
  const enrolled = await runSession(node.url, { publicId: app.publicId, op: 'enroll' }, person);
  if (!enrolled.verdict?.ok) throw new Error(`enrollment failed: ${JSON.stringify(enrolled.verdict)}`);
  for (let i = 0; i < BACKGROUND_IDENTITIES; i++) {
    const facialId = randomUUID();
    const template = randomUnit(i + 1);
    await insertEnrollment(env.db, {
      appId: app.id,
      facialId,
      payload: null,
      pinHash: null,
      pinDigest: null,
      gender: 'male',
      age: 40,
      templates: [template],
    });
    await node.deps.index.add(app.id, facialId, [template]);
  }
  const probe = await Promise.all(['img2.jpg', 'img4.jpg'].map((f) => frameOf(dataPath('faces', 'deepface_id01', f))));
  const rows = [];
  for (const clients of CONCURRENCY) {
    const total = quick ? Math.max(8, clients * 2) : Math.max(30, clients * 4);
    const latencies: number[] = [];
    let failures = 0;
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (next < total) {
          next++;
          const t0 = performance.now();
          const run = await runSession(node.url, { publicId: app.publicId, op: 'authenticate' }, probe);
          latencies.push(performance.now() - t0);
          if (!run.verdict?.ok) failures++;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    rows.push({ clients, sessions: total, failures, perSecond: total / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) });
  }
  await node.close();
  await engine.dispose();
  await env.close();
  return { backend: name, rows };
}

const results = [];
for (const name of ['pglite+memory', 'postgres+redis'] as const) results.push(await benchBackend(name));
console.log(`Authentications on loopback (2 frames each, PAD on, ${BACKGROUND_IDENTITIES + 1} identities indexed)`);
console.log('| store | clients | sessions | auth / s | p50 ms | p99 ms | failures |');
console.log('|---|---|---|---|---|---|---|');
for (const r of results)
  for (const row of r.rows)
    console.log(
      `| ${r.backend} | ${row.clients} | ${row.sessions} | ${row.perSecond.toFixed(2)} | ${row.p50.toFixed(0)} | ${row.p99.toFixed(0)} | ${row.failures} |`,
    );
mkdirSync(new URL('./results', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/node.json', import.meta.url), `${JSON.stringify({ date: new Date().toISOString(), results }, null, 2)}\n`);
process.exit(0);
