// npm run bench:accuracy — verification accuracy on ../shared/data/lfw-dev (LFW folds 1–3), our
// engine beside @vladmandic/human, plus detection counts and liveness on ../shared/data.
// Prints a table and writes bench/results/accuracy.json. Options: --no-human, --quick (1 in 4 images).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readPairs } from '../src/cli/lfw-pairs.js';
import { createNodeEngine, decodeImageFile } from '../src/vision/index.js';
import { DEFAULT_MATCH_THRESHOLD, similarity, STRICT_MATCH_THRESHOLD } from 'openfaceio/vision';
import { imagesUnder, LFW_DIR, labelledFaces, requireSharedData } from '../../test/helpers/data.js';
import { createHumanEmbedder } from './human-embedder.js';
import type { LabelledImage } from './lfw-embeddings.js';
import { engineEmbeddings, lfwImages } from './lfw-embeddings.js';
import type { ScoredPair } from './metrics.js';
import { bestThreshold, crossFoldAccuracy, equalErrorRate, farAt, tarAtFar } from './metrics.js';

const args = new Set(process.argv.slice(2));
const root = LFW_DIR;
if (!existsSync(join(root, 'pairs.txt'))) {
  console.error(
    `LFW is not at ${root} (set LFW_DIR). Get it from https://vis-www.cs.umass.edu/lfw/ — lfw.tgz and pairs.txt — and unpack it so that\n` +
      `  $LFW_DIR/pairs.txt and $LFW_DIR/<Name>/<Name>_0001.jpg exist (the team's copy holds folds 1–3 of the standard pairs.txt).`,
  );
  process.exit(2);
}
const pct = (v: number, digits = 2) => `${(v * 100).toFixed(digits)} %`;
// Progress on a terminal only, and at most every 100 images (logs stay readable).
const status = (line: string, n = 0) => {
  if (process.stderr.isTTY && n % 100 === 0) process.stderr.write(`\r${line}`.padEnd(70));
};

type Embeddings = (Float32Array | null)[];

interface Row {
  name: string;
  accuracy: { mean: number; std: number; perFold: { fold: number; threshold: number; accuracy: number }[] };
  tarAtFar1e2: number;
  tarAtFar1e3: number;
  thresholdAtFar1e3: number;
  eer: number;
  bestThreshold: number;
  noFace: number;
  genuinePairs: number;
  impostorPairs: number;
  msPerImage: number;
}

/** Scores for the listed pairs and for every genuine / impostor pair of distinct images. */
function evaluate(
  name: string,
  images: readonly LabelledImage[],
  emb: Embeddings,
  score: (a: Float32Array, b: Float32Array) => number,
  floor: number,
  pairs: Awaited<ReturnType<typeof readPairs>>,
  msPerImage: number,
): Row {
  const index = new Map(images.map((im, i) => [im.file, i]));
  const pairScore = (a: number, b: number) => (emb[a] && emb[b] ? score(emb[a]!, emb[b]!) : floor);
  const scored: ScoredPair[] = pairs.map((p) => ({ fold: p.fold, same: p.same, score: pairScore(index.get(p.a)!, index.get(p.b)!) }));
  const genuine: number[] = [];
  const impostor: number[] = [];
  for (let i = 0; i < images.length; i++) {
    for (let j = i + 1; j < images.length; j++) {
      (images[i]!.identity === images[j]!.identity ? genuine : impostor).push(pairScore(i, j));
    }
  }
  const imp = Float32Array.from(impostor);
  const far2 = tarAtFar(genuine, imp, 1e-2);
  const far3 = tarAtFar(genuine, imp, 1e-3);
  return {
    name,
    accuracy: crossFoldAccuracy(scored),
    tarAtFar1e2: far2.tar,
    tarAtFar1e3: far3.tar,
    thresholdAtFar1e3: far3.threshold,
    eer: equalErrorRate(genuine, imp).eer,
    bestThreshold: bestThreshold(scored),
    noFace: emb.filter((e) => e === null).length,
    genuinePairs: genuine.length,
    impostorPairs: impostor.length,
    msPerImage,
  };
}

async function timed<T>(run: () => Promise<T>, count: number): Promise<{ value: T; msPerImage: number }> {
  const start = performance.now();
  const value = await run();
  return { value, msPerImage: (performance.now() - start) / count };
}

async function detectionChecks(engine: ReturnType<typeof createNodeEngine>) {
  const count = async (file: string) => (await engine.analyze(await decodeImageFile(file))).faces.length;
  const wrong: string[] = [];
  const faces = labelledFaces(requireSharedData());
  for (const { identity, file } of faces) if ((await count(file)) !== 1) wrong.push(`faces/${identity}/${basename(file)}`);
  const many = imagesUnder(requireSharedData('scenes', 'many-faces'));
  for (const file of many) if ((await count(file)) < 2) wrong.push(`many-faces/${basename(file)}`);
  const none = imagesUnder(requireSharedData('scenes', 'no-face'));
  for (const file of none) if ((await count(file)) !== 0) wrong.push(`no-face/${basename(file)}`);
  const liveness: Record<string, number | null> = {};
  for (const file of imagesUnder(requireSharedData('antispoof'))) {
    const face = (await engine.analyze(await decodeImageFile(file), { liveness: true })).faces[0];
    liveness[basename(file)] = face?.liveness ?? null;
  }
  return { checked: { faces: faces.length, manyFaces: many.length, noFace: none.length }, wrong, liveness };
}

async function main() {
  let images = lfwImages(root);
  if (args.has('--quick')) images = images.filter((_, i) => i % 4 === 0);
  const keep = new Set(images.map((im) => im.file));
  const pairs = (await readPairs(join(root, 'pairs.txt'), root)).filter((p) => keep.has(p.a) && keep.has(p.b));
  console.log(`lfw-dev: ${images.length} images, ${pairs.length} listed pairs (${pairs.filter((p) => p.same).length} same)`);

  const engine = createNodeEngine();
  const ours = await timed(() => engineEmbeddings(engine, images, (n) => status(`openfaceio: ${n}/${images.length}`, n)), images.length);
  status('');
  const rows: Row[] = [
    evaluate('openfaceio (fr_feature, 5-point similarity alignment)', images, ours.value.plain, similarity, -1, pairs, ours.msPerImage),
    evaluate('openfaceio + flip fusion', images, ours.value.flipFused, similarity, -1, pairs, NaN),
  ];
  if (!args.has('--no-human')) {
    const human = await createHumanEmbedder();
    const humanEmb = await timed(async () => {
      const out: Embeddings = [];
      for (const [i, im] of images.entries()) {
        out.push(await human.embed(im.file));
        status(`@vladmandic/human: ${i + 1}/${images.length}`, i + 1);
      }
      return out;
    }, images.length);
    status('');
    rows.push(
      evaluate(
        `@vladmandic/human faceres (tfjs ${human.backend})`,
        images,
        humanEmb.value,
        (a, b) => human.similarity(a, b),
        0,
        pairs,
        humanEmb.msPerImage,
      ),
    );
    await human.close();
  }

  const plainImpostors: number[] = [];
  const plainGenuine: number[] = [];
  for (let i = 0; i < images.length; i++)
    for (let j = i + 1; j < images.length; j++) {
      const a = ours.value.plain[i],
        b = ours.value.plain[j];
      const s = a && b ? similarity(a, b) : -1;
      (images[i]!.identity === images[j]!.identity ? plainGenuine : plainImpostors).push(s);
    }
  const defaults = [DEFAULT_MATCH_THRESHOLD, STRICT_MATCH_THRESHOLD].map((t) => ({
    threshold: t,
    far: farAt(Float32Array.from(plainImpostors), t),
    tar: plainGenuine.filter((g) => g >= t).length / plainGenuine.length,
  }));

  const detection = await detectionChecks(engine);
  await engine.dispose();

  console.log('\nVerification on lfw-dev (3 identity-disjoint folds; threshold chosen on the other folds)');
  console.log('| engine | accuracy | TAR @ FAR 1e-2 | TAR @ FAR 1e-3 | EER | best threshold | no face | ms / image |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.name} | ${pct(r.accuracy.mean)} ± ${pct(r.accuracy.std)} | ${pct(r.tarAtFar1e2)} | ${pct(r.tarAtFar1e3)} | ${pct(r.eer)} | ${r.bestThreshold.toFixed(3)} | ${r.noFace} | ${Number.isNaN(r.msPerImage) ? '—' : r.msPerImage.toFixed(1)} |`,
    );
  }
  const r0 = rows[0]!;
  console.log(
    `\nTAR/FAR over all ${r0.genuinePairs} genuine and ${r0.impostorPairs} impostor image pairs; threshold at FAR 1e-3: ${r0.thresholdAtFar1e3.toFixed(3)}`,
  );
  for (const d of defaults) console.log(`threshold ${d.threshold}: FAR ${d.far.toExponential(2)}, TAR ${pct(d.tar)}`);
  console.log(
    `\nDetection counts: ${detection.wrong.length === 0 ? 'all right' : `WRONG on ${detection.wrong.join(', ')}`} (${detection.checked.faces} portraits = 1, ${detection.checked.manyFaces} group photos ≥ 2, ${detection.checked.noFace} scenes = 0)`,
  );
  console.log(
    `Liveness p(live) on antispoof/: ${Object.entries(detection.liveness)
      .map(([f, v]) => `${f} ${v === null ? 'no face' : v.toFixed(4)}`)
      .join(', ')}`,
  );

  const result = { date: new Date().toISOString(), images: images.length, listedPairs: pairs.length, rows, defaults, detection };
  mkdirSync(new URL('./results', import.meta.url), { recursive: true });
  const out = new URL(args.has('--quick') ? './results/accuracy.local.json' : './results/accuracy.json', import.meta.url);
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nwritten ${out.pathname}`);
}

await main();
