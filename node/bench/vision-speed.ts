// npm run bench:vision — per-stage latency of the vision engine, median and p95, on
// onnxruntime-node (1 thread) and on onnxruntime-web (WASM, 1 thread) in headless Chromium, on the
// same decoded pixels, in one run; plus faces per second per core for the full server pipeline.
// Writes bench/results/vision-speed.json. Option: --iterations N (default 20).
import { join } from 'node:path';
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createNodeRunner, decodeImage } from '../src/vision/index.js';
import type { Pixels } from 'openfaceio/vision';
import {
  ageGenderInput,
  alignmentTransform,
  decodeDetections,
  decodeLandmarks,
  detectorInput,
  embeddingInput,
  fivePoints,
  l2Normalize,
  landmarkCrop,
  landmarkInput,
  livenessInput,
  VisionEngine,
} from 'openfaceio/vision';
import { LFW_DIR, requireSharedData } from '../../test/helpers/data.js';
import { percentile } from './metrics.js';
import { runWebStages } from './web-stages.js';

const STAGES = ['decode', 'detect', 'landmarks', 'align', 'embed', 'liveness', 'ageGender'] as const;
type Stage = (typeof STAGES)[number];

const iterationsArg = process.argv.indexOf('--iterations');
const ITERATIONS = iterationsArg > 0 ? Number(process.argv[iterationsArg + 1]) : 20;
const IMAGES = [
  'lfw-dev/Abel_Pacheco/Abel_Pacheco_0001.jpg',
  'lfw-dev/Angela_Bassett/Angela_Bassett_0001.jpg',
  'faces/fr_obama/obama_720p.jpg',
  'faces/fr_lin_manuel_miranda/lmm_1.png',
  'antispoof/silentface_image_T1.jpg',
];

async function nodeStages(files: string[]): Promise<{ samples: Record<Stage, number[]>; pixels: Pixels[] }> {
  const runner = createNodeRunner();
  const samples = Object.fromEntries(STAGES.map((s) => [s, [] as number[]])) as Record<Stage, number[]>;
  const pixels: Pixels[] = [];
  const time = async <T>(stage: Stage, record: boolean, fn: () => Promise<T> | T): Promise<T> => {
    const t0 = performance.now();
    const value = await fn();
    if (record) samples[stage].push(performance.now() - t0);
    return value;
  };
  for (const file of files) {
    const bytes = readFileSync(file);
    // Two warm-up rounds (session creation, first-run allocations) are not recorded.
    for (let i = 0; i < ITERATIONS + 2; i++) {
      const record = i >= 2;
      const px = await time('decode', record, () => decodeImage(bytes, file));
      if (i === 0) pixels.push(px);
      const dets = await time('detect', record, async () => {
        const [scores, boxes] = await runner.run('detect', detectorInput(px));
        return decodeDetections(scores!, boxes!, px.width, px.height);
      });
      const box = dets[0]!.box;
      const landmarks = await time('landmarks', record, async () => {
        const crop = landmarkCrop(box, px.width, px.height);
        return decodeLandmarks((await runner.run('landmark', landmarkInput(px, crop)))[0]!, crop);
      });
      const input = await time('align', record, () => embeddingInput(px, alignmentTransform(fivePoints(landmarks))));
      await time('embed', record, async () => l2Normalize((await runner.run('feature', input))[0]!));
      await time('liveness', record, () => runner.run('liveness', livenessInput(px, box)));
      await time('ageGender', record, async () => {
        const x = ageGenderInput(px, box);
        await runner.run('age', x);
        await runner.run('gender', x);
      });
    }
  }
  await runner.dispose();
  return { samples, pixels };
}

/** Full server pipeline (decode + analyze with embedding and liveness) on one LFW image, sequential. */
async function facesPerSecond(file: string): Promise<{ msMedian: number; facesPerSecondPerCore: number }> {
  const engine = new VisionEngine(createNodeRunner());
  const bytes = readFileSync(file);
  const times: number[] = [];
  for (let i = 0; i < ITERATIONS * 3 + 3; i++) {
    const t0 = performance.now();
    const analysis = await engine.analyze(await decodeImage(bytes), { embedding: true, liveness: true });
    if (analysis.faces.length !== 1) throw new Error(`expected one face in ${file}`);
    if (i >= 3) times.push(performance.now() - t0);
  }
  await engine.dispose();
  const msMedian = percentile(times, 50);
  return { msMedian, facesPerSecondPerCore: 1000 / msMedian };
}

const stat = (v: number[]) => ({ median: percentile(v, 50), p95: percentile(v, 95), n: v.length });

async function main() {
  const files = IMAGES.map((f) => (f.startsWith('lfw-dev/') ? join(LFW_DIR, f.slice('lfw-dev/'.length)) : requireSharedData(f)));
  const node = await nodeStages(files);
  const web = await runWebStages({ images: node.pixels, iterations: ITERATIONS });
  const full = await facesPerSecond(files[0]!);

  console.log(`Vision stages, ms (${files.length} images × ${ITERATIONS} runs after warm-up; 1 inference thread)`);
  console.log('| stage | ort-node median | ort-node p95 | ort-web WASM median | ort-web WASM p95 |');
  console.log('|---|---|---|---|---|');
  const table: Record<string, unknown> = {};
  for (const stage of STAGES) {
    const n = stat(node.samples[stage]);
    const webSamples = (web as Partial<Record<Stage, number[]>>)[stage];
    const w = webSamples ? stat(webSamples) : undefined;
    table[stage] = { node: n, web: w };
    const cell = (v: number | undefined) => (v === undefined ? '—' : v.toFixed(2));
    console.log(`| ${stage} | ${cell(n.median)} | ${cell(n.p95)} | ${cell(w?.median)} | ${cell(w?.p95)} |`);
  }
  console.log(`\nFull server pipeline (decode → detect → landmarks → align → embed → liveness) on a 250×250 LFW image:`);
  console.log(`median ${full.msMedian.toFixed(1)} ms → ${full.facesPerSecondPerCore.toFixed(1)} faces / second / core`);
  console.log("(browser decode is the page's job — createImageBitmap — so the web column has no decode row)");

  mkdirSync(new URL('./results', import.meta.url), { recursive: true });
  const out = new URL('./results/vision-speed.json', import.meta.url);
  writeFileSync(
    out,
    `${JSON.stringify({ date: new Date().toISOString(), iterations: ITERATIONS, images: IMAGES, stages: table, fullPipeline: full }, null, 2)}\n`,
  );
  console.log(`written ${out.pathname}`);
}

await main();
