// npm run bench:models — what one frame costs on the node, and which graph optimisation level each
// model file runs fastest at (onnxruntime-node, 1 intra-op thread, as in the inference workers).
//
// 1. Every model × file (verified original, derived .fast) × level (disabled, basic, extended, all),
//    on the model inputs of real frames (the widget's 640 px JPEGs, through the node's own
//    pre-processing), all cells interleaved run by run. CPU ms per run (process CPU time ÷ runs:
//    less disturbed by other work on a shared machine than wall time) and the median wall ms. The
//    chosen level per file is the cheapest in CPU; node-models.ts must run the same (checked here).
// 2. The CPU of one frame's steps on the node as it was (original files at their old levels) and as
//    it is (node-models.ts), interleaved, so the closing note's per-authentication breakdown comes
//    from one run.
// Writes bench/results/models.json. Options: --rounds N (default 30), --quick (10).
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import type { ModelName, Pixels, TensorInput } from 'openfaceio/vision';
import {
  ageGenderInput,
  alignedFaceStats,
  alignmentTransform,
  decodeDetections,
  decodeLandmarks,
  detectorInput,
  embeddingInput,
  fivePoints,
  landmarkCrop,
  landmarkInput,
  livenessInput,
  MODEL_FILES,
  MODEL_OPTIMIZATION,
  warpAffine,
} from 'openfaceio/vision';
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { decodeImage, modelsDirectory } from '../src/vision/index.js';
import { nodeModelFile, nodeModelLevel } from '../src/vision/node-models.js';
import { labelledFaces } from '../../test/helpers/data.js';
import { frameOf } from '../test/helpers/scan-client.js';
import { percentile } from './metrics.js';

const argv = process.argv.slice(2);
const ROUNDS = argv.includes('--rounds') ? Number(argv[argv.indexOf('--rounds') + 1]) : argv.includes('--quick') ? 10 : 30;
const WARMUP = 3;
const FRAMES = 8;
const LEVELS = ['disabled', 'basic', 'extended', 'all'] as const;
const MODELS: ModelName[] = ['detect', 'landmark', 'feature', 'liveness', 'age', 'gender'];
const dir = modelsDirectory();

type Session = Awaited<ReturnType<typeof ort.InferenceSession.create>>;
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Model inputs of real frames, made by the node's own pre-processing. */
async function captureInputs(): Promise<{ frames: Uint8Array[]; pixels: Pixels[]; inputs: Record<ModelName, TensorInput[]> }> {
  const files = labelledFaces()
    .filter((_, i) => i % 8 === 0)
    .slice(0, FRAMES)
    .map((f) => f.file);
  const detect = await ort.InferenceSession.create(join(dir, MODEL_FILES.detect), { intraOpNumThreads: 1, graphOptimizationLevel: 'all' });
  const landmark = await ort.InferenceSession.create(join(dir, MODEL_FILES.landmark), { intraOpNumThreads: 1, graphOptimizationLevel: 'all' });
  const inputs = Object.fromEntries(MODELS.map((m) => [m, [] as TensorInput[]])) as Record<ModelName, TensorInput[]>;
  const frames: Uint8Array[] = [];
  const pixels: Pixels[] = [];
  for (const file of files) {
    const frame = await frameOf(file);
    const px = await decodeImage(frame);
    const det = detectorInput(px);
    const out = await detect.run({ [detect.inputNames[0]!]: new ort.Tensor('float32', det.data, det.dims) });
    const [box] = decodeDetections(
      out[detect.outputNames[0]!]!.data as Float32Array,
      out[detect.outputNames[1]!]!.data as Float32Array,
      px.width,
      px.height,
    );
    if (!box) continue;
    const crop = landmarkCrop(box.box, px.width, px.height);
    const lin = landmarkInput(px, crop);
    const lout = await landmark.run({ [landmark.inputNames[0]!]: new ort.Tensor('float32', lin.data, lin.dims) });
    const five = fivePoints(decodeLandmarks(lout[landmark.outputNames[0]!]!.data as Float32Array, crop));
    frames.push(frame);
    pixels.push(px);
    inputs.detect.push(det);
    inputs.landmark.push(lin);
    inputs.feature.push(embeddingInput(px, alignmentTransform(five)));
    inputs.liveness.push(livenessInput(px, box.box));
    inputs.age.push(ageGenderInput(px, box.box));
    inputs.gender.push(ageGenderInput(px, box.box));
  }
  await Promise.all([detect.release(), landmark.release()]);
  return { frames, pixels, inputs };
}

interface Cell {
  model: ModelName;
  file: string;
  level: (typeof LEVELS)[number];
  session: Session;
  wall: number[];
  cpu: number;
  runs: number;
}

async function run(cell: Cell, input: TensorInput, record: boolean): Promise<void> {
  const feeds = { [cell.session.inputNames[0]!]: new ort.Tensor('float32', input.data, input.dims as number[]) };
  const c0 = cpuMs();
  const t0 = performance.now();
  await cell.session.run(feeds);
  if (!record) return;
  cell.wall.push(performance.now() - t0);
  cell.cpu += cpuMs() - c0;
  cell.runs++;
}

async function levels(inputs: Record<ModelName, TensorInput[]>) {
  const results = [];
  for (const model of MODELS) {
    const files = [MODEL_FILES[model], nodeModelFile('fast', model)].filter((f, i, all) => all.indexOf(f) === i);
    const cells: Cell[] = [];
    for (const file of files)
      for (const level of LEVELS) {
        const session = await ort.InferenceSession.create(join(dir, file), {
          intraOpNumThreads: 1,
          interOpNumThreads: 1,
          graphOptimizationLevel: level,
          logSeverityLevel: 3,
        });
        cells.push({ model, file, level, session, wall: [], cpu: 0, runs: 0 });
      }
    const loadBefore = os.loadavg();
    for (let round = 0; round < ROUNDS + WARMUP; round++)
      for (const input of inputs[model]) for (const cell of round % 2 ? [...cells].reverse() : cells) await run(cell, input, round >= WARMUP);
    const loadAfter = os.loadavg();
    const rows = cells.map((c) => ({
      file: c.file,
      level: c.level,
      cpuMsPerRun: c.cpu / c.runs,
      medianMs: percentile(c.wall, 50),
      p90Ms: percentile(c.wall, 90),
      runs: c.runs,
    }));
    const chosen = files.map((file) => {
      const best = rows.filter((r) => r.file === file).sort((a, b) => a.cpuMsPerRun - b.cpuMsPerRun)[0]!;
      return { file, level: best.level, cpuMsPerRun: best.cpuMsPerRun };
    });
    const node = { file: nodeModelFile('fast', model), level: nodeModelLevel('fast', model) };
    const nodeRow = rows.find((r) => r.file === node.file && r.level === node.level)!;
    const bestRow = [...rows].sort((a, b) => a.cpuMsPerRun - b.cpuMsPerRun)[0]!;
    const old = rows.find((r) => r.file === MODEL_FILES[model] && r.level === MODEL_OPTIMIZATION[model])!;
    results.push({
      model,
      load: { before: loadBefore, after: loadAfter },
      rows,
      chosen,
      node,
      nodeVsOld: nodeRow.cpuMsPerRun / old.cpuMsPerRun,
      nodeVsBest: nodeRow.cpuMsPerRun / bestRow.cpuMsPerRun,
    });
    await Promise.all(cells.map((c) => c.session.release()));
  }
  return results;
}

/** One frame's steps, CPU ms each, with the old and the new model set, interleaved frame by frame. */
async function frameSteps(frames: Uint8Array[], pixels: Pixels[], inputs: Record<ModelName, TensorInput[]>) {
  const sets = { before: {} as Record<ModelName, Session>, after: {} as Record<ModelName, Session> };
  for (const model of MODELS) {
    const options = { intraOpNumThreads: 1, interOpNumThreads: 1, logSeverityLevel: 3 as const };
    sets.before[model] = await ort.InferenceSession.create(join(dir, MODEL_FILES[model]), {
      ...options,
      graphOptimizationLevel: MODEL_OPTIMIZATION[model],
    });
    sets.after[model] = await ort.InferenceSession.create(join(dir, nodeModelFile('fast', model)), {
      ...options,
      graphOptimizationLevel: nodeModelLevel('fast', model) as 'all',
    });
  }
  const totals: Record<'before' | 'after', Record<string, number>> = { before: {}, after: {} };
  const add = (set: 'before' | 'after', step: string, ms: number) => (totals[set][step] = (totals[set][step] ?? 0) + ms);
  const timed = async <T>(set: 'before' | 'after', step: string, fn: () => Promise<T> | T, record: boolean): Promise<T> => {
    const c0 = cpuMs();
    const value = await fn();
    if (record) add(set, step, cpuMs() - c0);
    return value;
  };
  const model = async (set: 'before' | 'after', name: ModelName, input: TensorInput, record: boolean) => {
    const s = sets[set][name];
    await timed(set, `fr_${name}`, () => s.run({ [s.inputNames[0]!]: new ort.Tensor('float32', input.data, input.dims as number[]) }), record);
  };
  let counted = 0;
  for (let round = 0; round < ROUNDS + WARMUP; round++) {
    const record = round >= WARMUP;
    for (let i = 0; i < frames.length; i++) {
      const px = pixels[i]!;
      for (const set of round % 2 ? (['after', 'before'] as const) : (['before', 'after'] as const)) {
        // The node as it was read the image's metadata before decoding it (decode.ts).
        await timed(set, 'decode', async () => (set === 'before' && (await sharp(frames[i]!).metadata()), decodeImage(frames[i]!)), record);
        await timed(set, 'pixel hash', () => createHash('sha256').update(px.data).digest('hex'), record);
        await timed(set, 'detector input (JS resize)', () => detectorInput(px), record);
        await model(set, 'detect', inputs.detect[i]!, record);
        await timed(set, 'landmark crop', () => landmarkInput(px, { x: 100, y: 100, width: 200, height: 200 }), record);
        await model(set, 'landmark', inputs.landmark[i]!, record);
        const t = [1, 0, -100, 0, 1, -100] as const;
        await timed(
          set,
          'align + quality + patch warps',
          () => (embeddingInput(px, [...t]), alignedFaceStats(px, [...t]), warpAffine(px, [...t], 64, 64, 'gray', { mean: [0], scale: [1] })),
          record,
        );
        await model(set, 'feature', inputs.feature[i]!, record);
        await timed(set, 'liveness crop', () => livenessInput(px, { x1: 200, y1: 150, x2: 400, y2: 350 }), record);
        await model(set, 'liveness', inputs.liveness[i]!, record);
      }
      if (record) counted++;
    }
  }
  for (const set of Object.values(sets)) await Promise.all(Object.values(set).map((s) => s.release()));
  const perFrame = (set: 'before' | 'after') => Object.fromEntries(Object.entries(totals[set]).map(([k, v]) => [k, v / counted]));
  return { frames: counted, before: perFrame('before'), after: perFrame('after') };
}

const loadBefore = os.loadavg();
const { frames, pixels, inputs } = await captureInputs();
process.stderr.write(`${frames.length} frames captured; ${ROUNDS} rounds\n`);
const levelResults = await levels(inputs);
const steps = await frameSteps(frames, pixels, inputs);
const loadAfter = os.loadavg();

const f = (v: number, d = 2) => v.toFixed(d);
console.log(
  `\nModel × file × level: CPU ms per run (median wall ms), ${ROUNDS} rounds × ${frames.length} frames, interleaved; 1 thread; ${os.cpus().length} cores`,
);
for (const r of levelResults) {
  console.log(`\n${r.model} — load ${f(r.load.before[0]!, 1)} → ${f(r.load.after[0]!, 1)}`);
  console.log(`| file | ${LEVELS.join(' | ')} | cheapest |`);
  console.log(`|---|${LEVELS.map(() => '---').join('|')}|---|`);
  for (const file of new Set(r.rows.map((row) => row.file))) {
    const cells = LEVELS.map((level) => r.rows.find((row) => row.file === file && row.level === level)!).map(
      (c) => `${f(c.cpuMsPerRun)} (${f(c.medianMs)})`,
    );
    console.log(`| ${file} | ${cells.join(' | ')} | ${r.chosen.find((c) => c.file === file)!.level} |`);
  }
  console.log(
    `node runs ${r.node.file} @ ${r.node.level}: ×${f(r.nodeVsOld)} of the old configuration (${MODEL_FILES[r.model]} @ ${MODEL_OPTIMIZATION[r.model]}), ×${f(r.nodeVsBest)} of the cheapest cell`,
  );
}
console.log(`\nOne frame on the node, CPU ms per step (${steps.frames} frames, old and new interleaved)`);
console.log('| step | before (original files, old levels) | after (node-models.ts) | × |');
console.log('|---|---|---|---|');
let before = 0,
  after = 0;
for (const step of Object.keys(steps.before)) {
  before += steps.before[step]!;
  after += steps.after[step]!;
  console.log(`| ${step} | ${f(steps.before[step]!)} | ${f(steps.after[step]!)} | ×${f(steps.after[step]! / steps.before[step]!)} |`);
}
console.log(`| **one frame** | **${f(before)}** | **${f(after)}** | ×${f(after / before)} |`);
console.log(`load ${loadBefore.map((l) => f(l, 1)).join(' ')} → ${loadAfter.map((l) => f(l, 1)).join(' ')}`);

mkdirSync(new URL('./results', import.meta.url), { recursive: true });
writeFileSync(
  new URL('./results/models.json', import.meta.url),
  `${JSON.stringify({ date: new Date().toISOString(), rounds: ROUNDS, frames: frames.length, load: { before: loadBefore, after: loadAfter }, levels: levelResults, frameSteps: steps }, null, 2)}\n`,
);
const mismatched = levelResults.filter((r) => r.nodeVsBest > 1.15);
if (mismatched.length)
  console.log(`\nnote: node-models.ts runs ${mismatched.map((r) => r.model).join(', ')} more than 15 % above the cheapest cell measured here`);
