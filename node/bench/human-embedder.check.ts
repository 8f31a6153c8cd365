/**
 * Sanity check for bench/human-embedder.ts (not part of the benchmark itself):
 *   node --import tsx bench/human-embedder.check.ts [pairsPerClass=50] [fold=1]
 *
 * 1. A handful of same-person pairs should score higher than different-person pairs.
 * 2. Verification accuracy at the best threshold on the first N same + N different
 *    pairs of the chosen LFW fold (Human's MODELS.md quotes ~95.9% on LFW for faceres).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { createHumanEmbedder } from './human-embedder.js';

const LFW_DIR = process.env.LFW_DIR ?? new URL('../../../shared/data/lfw-dev', import.meta.url).pathname;
const perClass = Number(process.argv[2] ?? 50);
const fold = Number(process.argv[3] ?? 1);

interface Pair {
  a: string;
  b: string;
  same: boolean;
}

function imagePath(name: string, idx: string): string {
  return path.join(LFW_DIR, name, `${name}_${idx.padStart(4, '0')}.jpg`);
}

async function readFold(foldNo: number): Promise<{ same: Pair[]; diff: Pair[] }> {
  const lines = (await readFile(path.join(LFW_DIR, 'pairs.txt'), 'utf8')).trim().split('\n');
  const header = (lines[0] ?? '').trim().split(/\s+/).map(Number);
  const perFold = header[1] ?? 300;
  const start = 1 + (foldNo - 1) * 2 * perFold;
  const same: Pair[] = [];
  const diff: Pair[] = [];
  for (const line of lines.slice(start, start + 2 * perFold)) {
    const f = line.trim().split(/\s+/);
    if (f.length === 3) same.push({ a: imagePath(f[0]!, f[1]!), b: imagePath(f[0]!, f[2]!), same: true });
    else if (f.length === 4) diff.push({ a: imagePath(f[0]!, f[1]!), b: imagePath(f[2]!, f[3]!), same: false });
  }
  return { same, diff };
}

/** Best accuracy over all thresholds "score >= t means same". */
function bestAccuracy(scored: { score: number; same: boolean }[]): { acc: number; threshold: number } {
  const candidates = [...new Set(scored.map((s) => s.score))].sort((x, y) => x - y);
  let best = { acc: 0, threshold: Number.NaN };
  for (const t of [...candidates, Number.POSITIVE_INFINITY]) {
    const correct = scored.filter((s) => s.score >= t === s.same).length;
    const acc = correct / scored.length;
    if (acc > best.acc) best = { acc, threshold: t };
  }
  return best;
}

const embedder = await createHumanEmbedder();
console.log(`backend: ${embedder.backend}`);
const { same, diff } = await readFold(fold);
const pairs = [...same.slice(0, perClass), ...diff.slice(0, perClass)];

// Timing of first-time embeds only (embed() memoises per path): wall clock and this
// process's CPU time (single-threaded WASM, so CPU time ~ wall time on an idle machine).
const times: { wall: number; cpu: number }[] = [];
const seen = new Set<string>();
const embedTimed = async (p: string): Promise<Float32Array | null> => {
  if (seen.has(p)) return embedder.embed(p);
  seen.add(p);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const e = await embedder.embed(p);
  const c = process.cpuUsage(c0);
  times.push({ wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 });
  return e;
};

const scored: { score: number; same: boolean; a: string; b: string }[] = [];
let noFace = 0;
for (const pair of pairs) {
  const ea = await embedTimed(pair.a);
  const eb = await embedTimed(pair.b);
  if (!ea || !eb) {
    noFace++;
    // Count a missed detection as a "different" verdict (score below any threshold).
    scored.push({ score: Number.NEGATIVE_INFINITY, same: pair.same, a: pair.a, b: pair.b });
    continue;
  }
  scored.push({ score: embedder.similarity(ea, eb), same: pair.same, a: pair.a, b: pair.b });
}

// 1. handful of pairs: same-person vs different-person, side by side
console.log('\nfirst pairs (same vs different):');
for (let i = 0; i < Math.min(5, perClass); i++) {
  const s = scored[i]!;
  const d = scored[perClass + i]!;
  const ok = s.score > d.score ? 'ok' : 'INVERTED';
  console.log(
    `  same ${s.score.toFixed(3)} (${path.basename(s.a)} / ${path.basename(s.b)})  vs  diff ${d.score.toFixed(3)} (${path.basename(d.a)} / ${path.basename(d.b)})  ${ok}`,
  );
}

// 2. accuracy at best threshold
const mean = (xs: number[]): number => xs.reduce((x, y) => x + y, 0) / Math.max(1, xs.length);
const finite = scored.filter((s) => Number.isFinite(s.score));
const { acc, threshold } = bestAccuracy(scored);
console.log(`\npairs: ${scored.length} (fold ${fold}: ${perClass} same + ${perClass} different), no face in ${noFace}`);
console.log(
  `mean score same: ${mean(finite.filter((s) => s.same).map((s) => s.score)).toFixed(3)}, different: ${mean(finite.filter((s) => !s.same).map((s) => s.score)).toFixed(3)}`,
);
console.log(`accuracy at best threshold: ${(100 * acc).toFixed(1)}% (threshold ${threshold})`);
const steady = times.slice(1);
const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? Number.NaN;
console.log(
  `time per image (${steady.length} distinct images after the first): wall mean ${mean(steady.map((t) => t.wall)).toFixed(1)} ms, ` +
    `median ${median(steady.map((t) => t.wall)).toFixed(1)} ms; CPU mean ${mean(steady.map((t) => t.cpu)).toFixed(1)} ms ` +
    `(first call ${times[0]?.wall.toFixed(1)} ms wall)`,
);
await embedder.close();
