// npm run bench:browser — the browser runtime in headless Chromium, the fake camera playing
// ../shared/data/video/person-lmm-webcam.mp4 (looped), median and p95 of:
//   1. camera open → first guidance, cold (fresh browser context each time; bench/browser.page.ts)
//   2. per-frame latency on the same camera frames: MediaPipe tracking, the inference worker's
//      `analyze`, the ORT stages one by one, and @vladmandic/human's face pipeline (detection +
//      description, its bundled models, tfjs WASM) — Human / ours as a ratio
//   3. the widgets on a real node: camera → first guidance and well-framed face → verdict for
//      <faceio-authenticate> and <faceio-enroll> (bench/browser-widget.ts), for this tree and the
//      baseline commit (its SDK built and its node run from an extracted tree, node-process.ts),
//      runs interleaved, with new ÷ baseline ratios
// Prints tables and writes bench/results/browser.json. Numbers only, no thresholds.
// Options: --frames N (60) --cold N (5) --auth N (5) --enroll N (3) --quick (20 / 3 / 3 / 2);
// --sdk DIR: a build other than dist/ (`node scripts/build.mjs --out DIR`), e.g. while others rebuild dist/;
// --widgets-only (part 3 only); --no-baseline; --baseline-ref REF (default: the merge base with main).
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { dataPath } from '../../test/helpers/data.js';
import { closeAll, launchChromium, startStaticServer, type StaticServer } from '../../test/helpers/browser.js';
import { bundleForBrowser, ORT_WEB_DIST } from '../../test/helpers/ort-web-page.js';
import { SDK_DIR, y4mOf } from '../test/helpers/widget-page.js';
import { runWidgetBench, type WidgetRun } from './browser-widget.js';
import { baselineTree, REPO, type Variant } from './node-process.js';
import type { BenchUrls, ColdStart, FrameRun, FrameSeries, InitTimes } from './browser.page.js';
import { percentile } from './metrics.js';
import { defaultSdkFiles } from '../src/sdk-files.js';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
// Human's exports map has no './package.json': find the package from its main entry (not loaded).
const HUMAN_DIR = join(dirname(require.resolve('@vladmandic/human')), '..');
const TFJS_WASM_DIR = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');

const arg = (name: string, fallback: number, quickValue: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  if (i > 0) return Number(process.argv[i + 1]);
  return process.argv.includes('--quick') ? quickValue : fallback;
};
const FRAMES = arg('frames', 60, 20);
const WARMUP = 3;
const COLD = arg('cold', 5, 3);
const AUTHS = arg('auth', 5, 3);
const ENROLLS = arg('enroll', 3, 2);
const CLIP = 'video/person-lmm-webcam.mp4';
const sdkArg = process.argv.indexOf('--sdk');
const SDK = sdkArg > 0 ? resolve(process.argv[sdkArg + 1]!) : SDK_DIR;
const WIDGETS_ONLY = process.argv.includes('--widgets-only');
const BASELINE = !process.argv.includes('--no-baseline');
const baselineArg = process.argv.indexOf('--baseline-ref');
const BASELINE_REF = baselineArg > 0 ? process.argv[baselineArg + 1] : undefined;

interface Stat {
  median: number;
  p95: number;
  n: number;
}
const stat = (values: readonly number[]): Stat => ({ median: percentile(values, 50), p95: percentile(values, 95), n: values.length });
const ms = (v: number | undefined): string => (v === undefined || Number.isNaN(v) ? '—' : v >= 100 ? v.toFixed(0) : v.toFixed(1));
const row = (cells: (string | number)[]): string => `| ${cells.join(' | ')} |`;

async function pageServer(): Promise<StaticServer> {
  // The node serves /sdk/ from the bundle plus the runtime files of their own packages (sdk-files.ts);
  // this page needs the same, and every model (its stage timings run fr_feature, which the node no
  // longer serves to browsers).
  const runtime = defaultSdkFiles();
  const server = await startStaticServer({
    routes: {
      '/sdk/': SDK,
      '/sdk/models/': runtime.modelsDir,
      '/sdk/ort/': runtime.ortDir,
      '/sdk/mediapipe/': runtime.mediapipeDir,
      '/ort/': ORT_WEB_DIST,
      '/human/': join(HUMAN_DIR, 'dist'),
      '/human-models/': join(HUMAN_DIR, 'models'),
      '/tfjs-wasm/': TFJS_WASM_DIR,
    },
  });
  for (const [path, body] of await bundleForBrowser({ 'browser-bench': join(here, 'browser.page.ts') })) server.addPage(path, body);
  server.addPage(
    '/index.html',
    '<!doctype html><meta charset="utf-8"><title>browser bench</title><script type="module" src="/browser-bench.js"></script>',
  );
  return server;
}

const urlsOf = (server: StaticServer): BenchUrls => ({
  sdk: server.url('/sdk/'),
  ort: server.url('/ort/'),
  human: server.url('/human/human.esm.js'),
  humanModels: server.url('/human-models/'),
  tfjsWasm: server.url('/tfjs-wasm/'),
});

/** Parts 1 and 2: the components on a bench page (no node, no widget). */
async function componentBench(y4m: string): Promise<{ cold: ColdStart[]; init: InitTimes; frames: FrameRun; browserVersion: string }> {
  const server = await pageServer();
  let browser: Browser | undefined;
  try {
    browser = await launchChromium({ fakeVideo: y4m });
    const b = browser;
    const urls = urlsOf(server);
    const withPage = async <T>(fn: (page: Page) => Promise<T>): Promise<T> => {
      const context = await b.newContext(); // a fresh context: no HTTP or compiled-code cache from earlier pages
      const page = await context.newPage();
      const logs: string[] = [];
      page.on('console', (m) => logs.push(`[${m.type()}] ${m.text()}`));
      page.on('pageerror', (e) => logs.push(`[pageerror] ${e.message}`));
      try {
        await page.goto(server.url('/index.html'), { waitUntil: 'load' });
        await page.waitForFunction(() => 'browserBench' in window);
        return await fn(page);
      } catch (error) {
        throw new Error(`${(error as Error).message}\npage log:\n${logs.slice(-20).join('\n')}`, { cause: error });
      } finally {
        await context.close();
      }
    };
    const cold: ColdStart[] = [];
    for (let i = 0; i < COLD; i++) {
      cold.push(await withPage((page) => page.evaluate((u) => window.browserBench.coldStart(u), urls)));
      process.stderr.write(`  cold start ${i + 1}/${COLD}: ${ms(cold.at(-1)!.totalMs)} ms\n`);
    }
    return await withPage(async (page) => {
      const init = await page.evaluate((u) => window.browserBench.init(u), urls);
      process.stderr.write(`  engines loaded (Human ${init.humanVersion} on ${init.humanBackend}); ${FRAMES} frames…\n`);
      const frames = await page.evaluate(({ n, w }) => window.browserBench.frames(n, w), { n: FRAMES, w: WARMUP });
      return { cold, init, frames, browserVersion: b.version() };
    });
  } finally {
    await closeAll(browser, server);
  }
}

/** The component parts' tables (parts 1 and 2), returned for the JSON. */
function componentTables(components: Awaited<ReturnType<typeof componentBench>>) {
  const { cold, init, frames } = components;
  const coldStats = {
    getUserMedia: stat(cold.map((c) => c.cameraMs)),
    firstFrame: stat(cold.map((c) => c.firstFrameMs)),
    trackerLoad: stat(cold.map((c) => c.trackerMs)),
    firstTrack: stat(cold.map((c) => c.firstTrackMs)),
    cameraToFirstGuidance: stat(cold.map((c) => c.totalMs)),
  };
  console.log(`\nCamera open → first guidance, cold (a fresh browser context each run), ms`);
  console.log(row(['step', 'median', 'p95', 'n']));
  console.log(row(['---', '---', '---', '---']));
  for (const [name, s] of Object.entries(coldStats)) console.log(row([name, ms(s.median), ms(s.p95), s.n]));

  const series = Object.fromEntries(Object.entries(frames.series).map(([k, v]) => [k, stat(v)])) as Record<FrameSeries, Stat>;
  const LABELS: Record<FrameSeries, string> = {
    mediapipeTrack: 'MediaPipe FaceDetector track() (main thread)',
    workerAnalyze: 'inference worker analyze() round trip (detect+landmarks+quality+liveness: no embedding)',
    ortDetect: 'ORT fr_detect',
    ortLandmarks: 'ORT fr_landmark',
    ortAlign: 'align (similarity transform)',
    ortEmbed: 'ORT fr_feature (warp + model + norm)',
    ortLiveness: 'ORT fr_liveness',
    ours: 'ours: detect + landmarks + align + embed',
    humanDetectDescribe: 'Human: detect + description',
    humanDetectMeshDescribe: 'Human: detect + mesh + description',
  };
  console.log(`\nPer frame, ms (${frames.frames} camera frames after ${WARMUP} warm-up; one WASM thread each)`);
  console.log(row(['stage', 'median', 'p95', 'n']));
  console.log(row(['---', '---', '---', '---']));
  for (const [key, label] of Object.entries(LABELS) as [FrameSeries, string][])
    console.log(row([label, ms(series[key].median), ms(series[key].p95), series[key].n]));
  console.log(
    `faces found: ${JSON.stringify(frames.found)} of ${frames.frames}; embedding length ours ${frames.embeddingLength.ours}, Human ${frames.embeddingLength.human}`,
  );
  const ratio = (human: FrameSeries) => ({
    ours: series.ours,
    human: series[human],
    medianRatio: series[human].median / series.ours.median,
    p95Ratio: series[human].p95 / series.ours.p95,
  });
  const comparison = { detectDescribe: ratio('humanDetectDescribe'), detectMeshDescribe: ratio('humanDetectMeshDescribe') };
  console.log('\nSame frames, face detection + embedding, ms: ours (detect + landmarks + align + embed) vs Human');
  console.log(row(['Human pipeline', 'ours median', 'Human median', 'Human / ours', 'ours p95', 'Human p95', 'Human / ours']));
  console.log(row(['---', '---', '---', '---', '---', '---', '---']));
  for (const [name, c] of Object.entries(comparison))
    console.log(
      row([
        name,
        ms(c.ours.median),
        ms(c.human.median),
        `${c.medianRatio.toFixed(2)}×`,
        ms(c.ours.p95),
        ms(c.human.p95),
        `${c.p95Ratio.toFixed(2)}×`,
      ]),
    );
  console.log(
    `loads: tracker ${ms(init.trackerMs)} ms, worker init ${ms(init.workerInitMs)} ms, page ORT sessions ${ms(init.ortPageInitMs)} ms, Human init+load ${ms(init.humanInitMs)} ms (${init.humanBackend}, ${init.humanThreads ?? '?'} thread)`,
  );
  return {
    coldStart: coldStats,
    loads: init,
    perFrame: { stats: series, found: frames.found, frames: frames.frames, embeddingLength: frames.embeddingLength },
    humanVsOurs: comparison,
  };
}

function widgetStats(runs: readonly WidgetRun[], variant: Variant, op: WidgetRun['op']) {
  const all = runs.filter((r) => r.variant === variant && r.op === op);
  const ok = all.filter((r) => r.ok);
  const of = (f: (r: WidgetRun) => number | undefined) => stat(ok.flatMap((r) => (f(r) === undefined ? [] : [f(r)!])));
  return {
    runs: all.length,
    ok: ok.length,
    failures: all.filter((r) => !r.ok).map((r) => r.error),
    cameraToFirstGuidance: of((r) => r.cameraToGuidanceMs),
    wellFramedToVerdict: of((r) => r.wellFramedToVerdictMs),
    framedToPin: of((r) => r.framedToPinMs),
    pinToVerdict: of((r) => r.pinToVerdictMs),
    pinPhase: of((r) => r.pinMs),
  };
}

async function main(): Promise<void> {
  const started = performance.now();
  const loadBefore = os.loadavg();
  const y4m = y4mOf(dataPath(CLIP));

  let components: ReturnType<typeof componentTables> | undefined;
  if (!WIDGETS_ONLY) {
    process.stderr.write('components (fake camera, bench page)…\n');
    components = componentTables(await componentBench(y4m));
  }
  const baseline = BASELINE ? baselineTree(BASELINE_REF, { sdk: true }) : null;
  const variants = [
    ...(baseline ? [{ variant: 'baseline' as const, tree: baseline.dir, sdkDir: join(baseline.dir, 'dist/bundle') }] : []),
    { variant: 'new' as const, tree: REPO, sdkDir: SDK },
  ];
  process.stderr.write(
    `widgets (real node${baseline ? `s: baseline ${baseline.ref} and this tree, interleaved` : ''}): ${AUTHS} authentications, ${ENROLLS} enrollments each…\n`,
  );
  const widget = await runWidgetBench({
    y4m,
    variants,
    sourceVideo: dataPath(CLIP),
    authenticates: AUTHS,
    enrolls: ENROLLS,
    onRun: (r, i) =>
      process.stderr.write(
        `  ${i + 1}. ${r.variant} ${r.op} ${r.ok ? 'ok' : `FAILED (${r.error})`}: camera→guidance ${ms(r.cameraToGuidanceMs)} ms, well-framed→verdict ${ms(r.wellFramedToVerdictMs)} ms, PIN ${ms(r.pinMs)} ms\n`,
      ),
  });
  const loadAfter = os.loadavg();

  const names = variants.map((v) => v.variant);
  const widgets = Object.fromEntries(
    names.map((v) => [v, { authenticate: widgetStats(widget.runs, v, 'authenticate'), enroll: widgetStats(widget.runs, v, 'enroll') }]),
  ) as Record<Variant, { authenticate: ReturnType<typeof widgetStats>; enroll: ReturnType<typeof widgetStats> }>;
  console.log(`\nWidgets on a real node (PAD on), ms — hints from ${widget.hintSource}${baseline ? `; baseline: ${baseline.ref}` : ''}`);
  console.log(row(['measure', ...names.flatMap((v) => [`${v} median`, `${v} p95`, `${v} n`]), ...(baseline ? ['new ÷ baseline (median)'] : [])]));
  console.log(row(['---', ...names.flatMap(() => ['---', '---', '---']), ...(baseline ? ['---'] : [])]));
  const line = (label: string, pick: (w: (typeof widgets)[Variant]) => Stat): void => {
    const cells = names.flatMap((v) => {
      const s = pick(widgets[v]);
      return [ms(s.median), ms(s.p95), String(s.n)];
    });
    const ratio = baseline ? [`×${(pick(widgets.new).median / pick(widgets.baseline).median).toFixed(2)}`] : [];
    console.log(row([label, ...cells, ...ratio]));
  };
  line('authenticate: camera → first guidance', (w) => w.authenticate.cameraToFirstGuidance);
  line('authenticate: well-framed face → verdict', (w) => w.authenticate.wellFramedToVerdict);
  line('enroll: camera → first guidance (terms shown meanwhile)', (w) => w.enroll.cameraToFirstGuidance);
  line('enroll: well-framed face → verdict (PIN typing excluded)', (w) => w.enroll.wellFramedToVerdict);
  line('  of which well-framed → PIN asked (frames in and judged)', (w) => w.enroll.framedToPin);
  line('  of which PIN sent → verdict (hash + store)', (w) => w.enroll.pinToVerdict);
  line('enroll: PIN phase (bench typing, excluded above)', (w) => w.enroll.pinPhase);
  for (const v of names)
    for (const [op, s] of Object.entries(widgets[v]))
      if (s.failures.length) console.log(`${v} ${op}: ${s.failures.length} failed run(s): ${s.failures.join('; ')}`);

  const seconds = (performance.now() - started) / 1000;
  const cpus = os.cpus();
  console.log(
    `\n${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores; load average ${loadBefore.map((l) => l.toFixed(1)).join(' ')} before, ${loadAfter.map((l) => l.toFixed(1)).join(' ')} after; ${seconds.toFixed(0)} s`,
  );

  mkdirSync(new URL('./results', import.meta.url), { recursive: true });
  const out = new URL('./results/browser.json', import.meta.url);
  const result = {
    date: new Date().toISOString(),
    machine: {
      cpu: cpus[0]?.model ?? 'unknown',
      cores: cpus.length,
      os: `${os.type()} ${os.release()}`,
      loadAverage: { before: loadBefore, after: loadAfter },
    },
    browser: 'Chromium (headless, --disable-gpu)',
    clip: CLIP,
    baseline: baseline?.ref ?? null,
    options: { frames: FRAMES, warmup: WARMUP, cold: COLD, authenticates: AUTHS, enrolls: ENROLLS, wasmThreads: 1 },
    ...(components ?? {}),
    widgets: { hintSource: widget.hintSource, ...widgets, runs: widget.runs },
    durationSeconds: seconds,
  };
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`written ${out.pathname}`);
}

await main();
