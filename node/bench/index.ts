// npm run bench:index — the in-memory facial index (node/src/index/facial-index.ts) at 10k, 100k
// and 1M templates of 512 dims: 1:N search latency on one core (the search is synchronous on the
// main thread), build time, memory per template, and how often the sign-code prefilter's top-1
// equals an exact float32 scan's. Random unit vectors from a fixed seed; two templates per identity.
// Writes bench/results/index.json (~2.5 min, ~2.5 GB of RAM at 1M). Option: --quick (10k and 100k
// only, to bench/results/index.local.json).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { FacialIndex } from '../src/index/facial-index.js';
import { percentile } from './metrics.js';

const DIMS = 512;
const TEMPLATES_PER_IDENTITY = 2;
const SEARCHES = 200;
const WARM_UP = 20;
const QUICK = process.argv.includes('--quick');

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** mulberry32 with a Gaussian quantile table: 512M normal draws in seconds rather than minutes. */
function generator(seed: number) {
  let state = seed | 0;
  // Inlined in unit() too, with the state in a local: through the closure it ran 3× slower.
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  // 65,536 sorted Box–Muller draws: a lookup by 16 random bits is one normal draw.
  const table = new Float32Array(65_536);
  for (let i = 0; i < table.length; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - next() / 2 ** 32));
    const a = (2 * Math.PI * next()) / 2 ** 32;
    table[i] = r * Math.cos(a);
    table[i + 1] = r * Math.sin(a);
  }
  table.sort();
  const normalize = (v: Float32Array): Float32Array => {
    let sum = 0;
    for (let i = 0; i < DIMS; i++) sum += v[i]! * v[i]!;
    const k = 1 / Math.sqrt(sum);
    for (let i = 0; i < DIMS; i++) v[i]! *= k;
    return v;
  };
  /** A random unit vector (isotropic), written into `v`. */
  const unit = (v: Float32Array = new Float32Array(DIMS)): Float32Array => {
    let s = state;
    let sum = 0;
    for (let i = 0; i < DIMS; i += 2) {
      s = (s + 0x6d2b79f5) | 0;
      let t = s;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      const r = t ^ (t >>> 14);
      const a = table[r & 0xffff]!;
      const b = table[(r >>> 16) & 0xffff]!;
      v[i] = a;
      v[i + 1] = b;
      sum += a * a + b * b;
    }
    state = s;
    const k = 1 / Math.sqrt(sum);
    for (let i = 0; i < DIMS; i++) v[i]! *= k;
    return v;
  };
  /** A unit vector at cosine `cos` to the unit vector `to`: cos·to + sin·(a random direction orthogonal to it). */
  const near = (to: Float32Array, cos: number, v: Float32Array = new Float32Array(DIMS)): Float32Array => {
    unit(v);
    let along = 0;
    for (let i = 0; i < DIMS; i++) along += v[i]! * to[i]!;
    for (let i = 0; i < DIMS; i++) v[i] = v[i]! - along * to[i]!;
    normalize(v);
    const sin = Math.sqrt(1 - cos * cos);
    for (let i = 0; i < DIMS; i++) v[i] = cos * to[i]! + sin * v[i]!;
    return v;
  };
  return { unit, near, uniform: () => next() / 2 ** 32 };
}

type ProbeKind = 'random' | 'at 0.42' | 'at 0.30' | 'cluster member';
interface Dataset {
  /** Writes the stream's next template into `v` (add() copies it, so buffers are reused). */
  template(v: Float32Array): void;
  /** A probe for the agreement check. */
  probe(kind: ProbeKind): Float32Array;
}

/** Isotropic random unit vectors; probes are random, or planted near a stored template. */
function randomDataset(templates: number): Dataset {
  const g = generator(42);
  const kept: Float32Array[] = []; // a sample of the stored templates, to plant probes near
  const every = Math.max(1, Math.floor(templates / 500));
  let made = 0;
  return {
    template(v) {
      g.unit(v);
      if (made++ % every === 0) kept.push(v.slice());
    },
    probe(kind) {
      const stored = kept[Math.floor(g.uniform() * kept.length)]!;
      if (kind === 'at 0.42') return g.near(stored, 0.42);
      if (kind === 'at 0.30') return g.near(stored, 0.3);
      return g.unit();
    },
  };
}

/**
 * Templates around `clusters` random centres at cosine ≈ 0.66 to their centre (≈ 0.44 to each
 * other): many similar rows, the case where a sign code tells rows apart least.
 */
function clusteredDataset(clusters: number): Dataset {
  const g = generator(7);
  const centres = Array.from({ length: clusters }, () => g.unit());
  const sin = Math.sqrt(1 - 0.66 ** 2);
  // 0.66·centre + sin·(a random unit vector), normalised: cheaper than near()'s exact angle.
  const member = (v: Float32Array = new Float32Array(DIMS)): Float32Array => {
    const centre = centres[Math.floor(g.uniform() * clusters)]!;
    g.unit(v);
    let sum = 0;
    for (let i = 0; i < DIMS; i++) sum += (v[i] = 0.66 * centre[i]! + sin * v[i]!) ** 2;
    const k = 1 / Math.sqrt(sum);
    for (let i = 0; i < DIMS; i++) v[i]! *= k;
    return v;
  };
  return { template: member, probe: () => member() };
}

interface Timing {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  n: number;
}
const timing = (ms: number[]): Timing => ({
  p50: percentile(ms, 50),
  p95: percentile(ms, 95),
  p99: percentile(ms, 99),
  mean: ms.reduce((a, b) => a + b, 0) / ms.length,
  n: ms.length,
});

function build(index: FacialIndex, data: Dataset, templates: number): number {
  let ms = 0;
  const batch = Array.from({ length: TEMPLATES_PER_IDENTITY }, () => new Float32Array(DIMS));
  for (let id = 0; id < templates / TEMPLATES_PER_IDENTITY; id++) {
    for (const v of batch) data.template(v);
    const t0 = performance.now();
    index.add(`user-${id}`, batch);
    ms += performance.now() - t0;
  }
  return ms;
}

function latency(index: FacialIndex, data: Dataset): Timing {
  const ms: number[] = [];
  for (let i = 0; i < WARM_UP + SEARCHES; i++) {
    const probe = data.probe('random');
    const t0 = performance.now();
    index.search(probe, 2);
    if (i >= WARM_UP) ms.push(performance.now() - t0);
  }
  return timing(ms);
}

/** Share of probes whose top-1 identity equals the exact scan's, and the exact scan's own latency. */
function agreement(index: FacialIndex, data: Dataset, kinds: ProbeKind[], probes: number) {
  const exactMs: number[] = [];
  const result: Record<string, { agree: number; of: number; exactTop1MeanScore: number }> = {};
  for (const kind of kinds) {
    let agree = 0;
    let scoreSum = 0;
    for (let i = 0; i < probes; i++) {
      const probe = data.probe(kind);
      const t0 = performance.now();
      const [exact] = index.search(probe, 1, { exact: true });
      exactMs.push(performance.now() - t0);
      const [fast] = index.search(probe, 1);
      if (fast!.facialId === exact!.facialId) agree++;
      scoreSum += exact!.score;
    }
    result[kind] = { agree, of: probes, exactTop1MeanScore: scoreSum / probes };
  }
  return { agreement: result, exactScan: timing(exactMs) };
}

/** Collects garbage and lets the freed WebAssembly memories go back to the OS before reading RSS. */
async function settle(): Promise<NodeJS.MemoryUsage> {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 250));
  gc();
  return process.memoryUsage();
}

async function measure(name: string, templates: number, data: Dataset, kinds: ProbeKind[], probes: number, withLatency: boolean) {
  const t0 = performance.now();
  process.stderr.write(`  ${name}: ${templates.toLocaleString('en')} templates…\r`);
  const before = await settle();
  const index = new FacialIndex();
  const buildMs = build(index, data, templates);
  const after = await settle();
  const row = {
    dataset: name,
    templates,
    identities: index.identities,
    path: templates <= 16_384 ? 'exact scan' : 'sign-code prefilter + exact re-rank of 4,096',
    buildS: buildMs / 1000,
    buildUsPerTemplate: (buildMs * 1000) / templates,
    bytesPerTemplate: {
      memoryBytes: index.memoryBytes() / templates,
      memoryBytesPerAllocatedRow: index.memoryBytes() / index.capacity,
      rss: (after.rss - before.rss) / templates,
      jsHeap: (after.heapUsed - before.heapUsed) / templates,
    },
    search: withLatency ? latency(index, data) : undefined,
    ...agreement(index, data, kinds, probes),
    seconds: 0,
  };
  row.seconds = (performance.now() - t0) / 1000;
  const pct = (k: string) => {
    const a = row.agreement[k];
    return a ? `${((100 * a.agree) / a.of).toFixed(1)} % (${a.of})` : '—';
  };
  const f = (x: number | undefined, digits = 2) => (x === undefined ? '—' : x.toFixed(digits));
  console.log(
    `| ${name} | ${templates.toLocaleString('en')} | ${f(row.search?.p50)} | ${f(row.search?.p95)} | ${f(row.search?.p99)} | ${f(row.exactScan.p50, 1)} | ${f(row.buildS, 1)} | ${f(row.bytesPerTemplate.memoryBytes, 0)} | ${f(row.bytesPerTemplate.rss, 0)} | ${pct('random')} | ${pct('at 0.42')} | ${pct('at 0.30')} | ${pct('cluster member')} |`,
  );
  return row;
}

const started = performance.now();
const load: { before: number[]; after?: number[] } = { before: loadavg() };
console.log(
  `Facial index, ${DIMS} dims, ${TEMPLATES_PER_IDENTITY} templates per identity, k = 2; ${cpus()[0]?.model ?? '?'}; load average ${load.before.map((x) => x.toFixed(1)).join(' ')}`,
);
console.log('search: ms over 200 random probes after 20 warm-up; exact: a full float32 scan; B/tpl: memoryBytes() and RSS growth per template');
console.log(
  "top-1 agreement: the search's best identity equals the exact scan's — for random probes (the best match is noise, cos ≈ 0.2), probes at cos 0.42 / 0.30 to a stored template, and new members of a cluster",
);
console.log('| data | templates | p50 | p95 | p99 | exact p50 | build s | B/tpl | RSS B/tpl | random | at 0.42 | at 0.30 | cluster |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
const rows = [];
const probeKinds: ProbeKind[] = ['random', 'at 0.42', 'at 0.30'];
for (const templates of QUICK ? [10_000, 100_000] : [10_000, 100_000, 1_000_000]) {
  rows.push(await measure('random', templates, randomDataset(templates), probeKinds, templates >= 1_000_000 ? 50 : 100, true));
}
// 1,000 clusters: ~1,000 similar templates around each at 1M.
rows.push(await measure('clustered', QUICK ? 100_000 : 1_000_000, clusteredDataset(1000), ['cluster member'], 50, false));
load.after = loadavg();

mkdirSync(new URL('./results', import.meta.url), { recursive: true });
// A --quick run is a smoke test: it goes to the git-ignored *.local.json.
const out = new URL(QUICK ? './results/index.local.json' : './results/index.json', import.meta.url);
const result = {
  date: new Date().toISOString(),
  node: process.version,
  cpu: cpus()[0]?.model,
  cores: cpus().length,
  loadAverage: load,
  dims: DIMS,
  templatesPerIdentity: TEMPLATES_PER_IDENTITY,
  searchesPerSize: SEARCHES,
  rows,
  seconds: (performance.now() - started) / 1000,
};
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
console.log(`${result.seconds.toFixed(0)} s; written ${out.pathname}`);
