// The widget part of `npm run bench:browser`: a real node (PGlite + in-process bus, the real models)
// serving the built SDK, a host page on another origin with <faceio-authenticate> and
// <faceio-enroll>, headless Chromium whose fake camera plays the clip. Each run is timed in the page:
//
//   camera → first guidance   the flow asks for the camera ('permission') → the camera session's
//                             first guidance hint (getUserMedia, MediaPipe loaded, first frame
//                             tracked; the inference worker loads alongside)
//   well-framed → verdict     the scan phase has begun and the camera session's hint is one under
//                             which the widget sends frames (`wellFramed`: good, hold-still,
//                             many-faces; the same set for a baseline SDK, whose widget also sent
//                             under look-straight) → faceio-complete, minus the time spent in the
//                             PIN phase (a person typing; reported apart)
//
// The hints are read where the widget decides, on its CameraSession: the page wraps the
// FlowController's onCamera option and turns the session's `hint` into an accessor that
// timestamps every change (bench-only reach into the element's internals). faceio-progress
// would be late: it fires only when the status text or the progress changes, and null → 'good'
// changes neither; during enroll's terms and intro the flow drops hints altogether. Where the
// wrapper cannot be installed the progress events are used, and `hintSource` says so.
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { closeAll, launchChromium, startStaticServer } from '../../test/helpers/browser.js';
import { frameOf, runSession } from '../test/helpers/scan-client.js';
import { hostPage, SDK_DIR, videoFrames } from '../test/helpers/widget-page.js';
import { REPO, startNodeProcess, type NodeProcess, type Variant } from './node-process.js';

const PIN = '4831';
/** The camera session's `isSendable` hints (src/core/camera/guidance.ts): frames go to the node under these. */
const SENDABLE = new Set(['good', 'hold-still', 'many-faces']);
const RUN_TIMEOUT_MS = 120_000;

export interface WidgetRun {
  variant: Variant;
  op: 'authenticate' | 'enroll';
  ok: boolean;
  /** The fatal error's code and name when the run failed. */
  error?: string;
  /** Asking for the camera → the camera session's first guidance hint. */
  cameraToGuidanceMs?: number;
  /** The first hint seen. */
  firstHint?: string;
  /** Well-framed face → verdict (faceio-complete), PIN phase excluded. */
  wellFramedToVerdictMs?: number;
  /** Time in the PIN phase (the bench typing the PIN). */
  pinMs: number;
  /** Well-framed → the node asks for the PIN (enroll: the frames are in and judged). */
  framedToPinMs?: number;
  /** PIN phase left → verdict (enroll: the PIN hashed and the enrollment stored). */
  pinToVerdictMs?: number;
  /** Phase changes, ms after start(). */
  phases: [string, number][];
  /** Whole run: start() → faceio-complete or the fatal error. */
  totalMs: number;
}

export interface WidgetResults {
  hintSource: 'camera-session' | 'faceio-progress';
  runs: WidgetRun[];
}

interface LogEntry {
  t: number;
  kind: 'event' | 'hint';
  target: string;
  type?: string;
  phase?: string;
  guidance?: string | null;
  code?: number;
  name?: string;
  fatal?: boolean;
}

/**
 * Installed before the host page's scripts: timestamps every faceio-* event and every change of a
 * camera session's hint. A string, not a function: tsx (esbuild keepNames) would wrap the
 * function's inner arrows in a `__name()` helper the page does not have.
 */
const INSTRUMENT = `(() => {
  window.benchLog = [];
  window.benchHooked = 0;
  const log = (entry) => void window.benchLog.push({ t: performance.now(), ...entry });
  for (const type of ['faceio-phase-change', 'faceio-progress', 'faceio-complete', 'faceio-error']) {
    document.addEventListener(type, (event) => {
      const d = event.detail ?? {};
      log({ kind: 'event', type, target: event.target.localName, phase: d.phase, guidance: d.guidance, code: d.code, name: d.name, fatal: d.fatal });
    });
  }
  for (const tag of ['faceio-authenticate', 'faceio-enroll']) {
    customElements.whenDefined(tag).then(() => {
      for (const el of document.querySelectorAll(tag)) {
        // The FlowController reads options.onCamera each time a run's camera session opens (before tracking starts).
        const options = el.flow && el.flow.options;
        const original = options && options.onCamera;
        if (typeof original !== 'function') continue;
        options.onCamera = (session) => {
          if (session && !session.benchHooked) {
            session.benchHooked = true;
            let hint = session.hint;
            if (hint) log({ kind: 'hint', target: tag, guidance: hint });
            Object.defineProperty(session, 'hint', {
              configurable: true,
              enumerable: true,
              get: () => hint,
              set: (value) => {
                if (value !== hint) log({ kind: 'hint', target: tag, guidance: value });
                hint = value;
              },
            });
          }
          return original(session);
        };
        window.benchHooked++;
      }
    });
  }
})();`;

/** Derives one run's timings from the page's log (entries of this run only). */
function measure(variant: Variant, op: WidgetRun['op'], tag: string, log: LogEntry[], startedAt: number, hooked: boolean): WidgetRun {
  const mine = log.filter((e) => e.target === tag);
  const end = mine.find((e) => e.type === 'faceio-complete' || (e.type === 'faceio-error' && e.fatal));
  const run: WidgetRun = { variant, op, ok: end?.type === 'faceio-complete', pinMs: 0, totalMs: end ? end.t - startedAt : NaN, phases: [] };
  if (end && !run.ok) run.error = `${end.code} ${end.name}`;
  const permission = mine.find((e) => e.type === 'faceio-phase-change' && e.phase === 'permission');
  const scan = mine.find((e) => e.type === 'faceio-phase-change' && e.phase === 'scan');
  const hints = hooked ? mine.filter((e) => e.kind === 'hint') : mine.filter((e) => e.type === 'faceio-progress' && e.guidance);
  const first = hints.find((e) => e.guidance);
  if (first) run.firstHint = first.guidance!;
  if (permission && first) run.cameraToGuidanceMs = first.t - permission.t;
  // Well framed: at the scan's start if the hint then was sendable, else the first sendable hint after it.
  let framedAt: number | undefined;
  if (scan) {
    const before = hints.filter((e) => e.t <= scan.t).at(-1);
    if (hooked && before?.guidance && SENDABLE.has(before.guidance)) framedAt = scan.t;
    else framedAt = hints.find((e) => e.t > scan.t && e.guidance && SENDABLE.has(e.guidance))?.t;
  }
  // PIN phase intervals: entering 'pin' until the next phase change.
  const changes = mine.filter((e) => e.type === 'faceio-phase-change');
  run.phases = changes.map((e) => [e.phase!, Math.round(e.t - startedAt)]);
  let firstPin: number | undefined;
  let lastPinExit: number | undefined;
  for (let i = 0; i < changes.length; i++) {
    if (changes[i]!.phase !== 'pin') continue;
    const leave = changes[i + 1]?.t ?? end?.t;
    firstPin ??= changes[i]!.t;
    if (leave !== undefined) {
      run.pinMs += leave - changes[i]!.t;
      lastPinExit = leave;
    }
  }
  if (run.ok && framedAt !== undefined && end) {
    run.wellFramedToVerdictMs = end.t - framedAt - run.pinMs;
    if (firstPin !== undefined && lastPinExit !== undefined) {
      run.framedToPinMs = firstPin - framedAt;
      run.pinToVerdictMs = end.t - lastPinExit;
    }
  }
  return run;
}

async function typePin(page: Page, tag: string): Promise<void> {
  const first = page.locator(tag).getByRole('textbox', { name: /^Digit 1 of/ });
  await first.waitFor({ timeout: 30_000 });
  await first.fill(PIN);
  await page.locator(tag).getByRole('button', { name: 'Confirm' }).click();
}

/** One run of an element: start(), answer terms / intro / PIN like a user, wait for the outcome. */
async function drive(
  variant: Variant,
  page: Page,
  tag: 'faceio-authenticate' | 'faceio-enroll',
  publicId: string,
  hooked: boolean,
): Promise<WidgetRun> {
  const from = await page.evaluate(() => (window as unknown as { benchLog: unknown[] }).benchLog.length);
  const startedAt = await page.evaluate(
    ({ tag, publicId }) => {
      const el = document.querySelector(tag) as HTMLElement & { publicId: string; start(): void };
      el.publicId = publicId;
      const t = performance.now();
      el.start();
      return t;
    },
    { tag, publicId },
  );
  const element = page.locator(tag);
  const answered = new Set<string>();
  const deadline = Date.now() + RUN_TIMEOUT_MS;
  let pinRounds = 0;
  while (Date.now() < deadline) {
    const state = await page.evaluate(
      ({ tag, from }) => {
        const log = (window as unknown as { benchLog: { type?: string; target: string; fatal?: boolean }[] }).benchLog.slice(from);
        const ended = log.some((e) => e.target === tag && (e.type === 'faceio-complete' || (e.type === 'faceio-error' && e.fatal)));
        return { ended, phase: (document.querySelector(tag) as unknown as { phase: string }).phase };
      },
      { tag, from },
    );
    if (state.ended) break;
    if (state.phase === 'terms' && !answered.has('terms')) {
      answered.add('terms');
      await element.getByRole('button', { name: 'I agree' }).click();
    } else if (state.phase === 'intro' && !answered.has('intro')) {
      answered.add('intro');
      await element.getByRole('button', { name: 'Start the scan' }).click();
    } else if (state.phase === 'pin' && pinRounds < 3) {
      // Enrollment asks twice (enter, confirm); an authentication in doubt once.
      const rounds = tag === 'faceio-enroll' ? 2 : 1;
      for (let i = 0; i < rounds; i++) await typePin(page, tag);
      pinRounds++;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const log = await page.evaluate((from) => (window as unknown as { benchLog: LogEntry[] }).benchLog.slice(from), from);
  const run = measure(variant, tag === 'faceio-enroll' ? 'enroll' : 'authenticate', tag, log, startedAt, hooked);
  if (!Number.isFinite(run.totalMs)) run.error ??= `no outcome within ${RUN_TIMEOUT_MS / 1000} s`;
  return run;
}

export interface WidgetBenchOptions {
  /** The fake camera clip (.y4m) and the video it was made from (for the protocol-level enrollment). */
  y4m: string;
  sourceVideo: string;
  /** The code under test: this tree (default) and, to compare in one run, the baseline (node-process.ts). */
  variants?: { variant: Variant; tree: string; sdkDir: string }[];
  authenticates: number;
  enrolls: number;
  onRun?(run: WidgetRun, index: number): void;
}

interface Rig {
  variant: Variant;
  node: NodeProcess;
  page: Page;
  hooked: boolean;
  authApp: string;
  enrollApp: string;
}

/** One variant's node (a child process serving its SDK), apps, protocol enrollment and host page. */
async function rig(
  browser: Browser,
  host: Awaited<ReturnType<typeof startStaticServer>>,
  v: { variant: Variant; tree: string; sdkDir: string },
  frames: Uint8Array[],
  logs: string[],
): Promise<Rig> {
  const node = await startNodeProcess(v.variant, v.tree, { sdkDir: v.sdkDir });
  // Authentication app: one person enrolled over the protocol (so the page's first run is an
  // authentication, on a cold page). Enrollment app: the same face may enroll again and again.
  // PAD with passive liveness: the widget's own latency (the challenge's is bench/browser-challenge.ts).
  const authApp = (await node.createApp({ pad: true, liveness: 'passive' }, [host.origin])).publicId;
  const enrollApp = (await node.createApp({ pad: true, liveness: 'passive', preventDuplicates: false }, [host.origin])).publicId;
  const enrolled = await runSession(node.url, { publicId: authApp, op: 'enroll' }, frames, {
    origin: host.origin,
    pins: [{ pin: PIN, confirm: PIN }],
  });
  if (!enrolled.verdict?.ok) throw new Error(`${v.variant}: protocol enrollment failed: ${JSON.stringify(enrolled.verdict ?? enrolled.created)}`);
  // A context per variant: its own cache, and no page of one variant in the background of the other's.
  const page = await (await browser.newContext()).newPage();
  page.on('console', (m) => logs.push(`[${v.variant} ${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => logs.push(`[${v.variant} pageerror] ${e.message}`));
  await page.addInitScript({ content: INSTRUMENT });
  const path = `/bench-${randomUUID()}.html`;
  const body = `<faceio-authenticate public-id="${authApp}"></faceio-authenticate><faceio-enroll public-id="${enrollApp}" payload='{"user":"bench"}'></faceio-enroll>`;
  host.addPage(path, hostPage(node.url, body));
  await page.goto(host.url(path), { waitUntil: 'load' });
  await page.waitForFunction(() => (window as unknown as { sdkReady?: boolean }).sdkReady === true, null, { timeout: 30_000 });
  await page.evaluate(() => Promise.all(['faceio-authenticate', 'faceio-enroll'].map((t) => customElements.whenDefined(t))));
  const hooked = (await page.evaluate(() => (window as unknown as { benchHooked: number }).benchHooked)) === 2;
  return { variant: v.variant, node, page, hooked, authApp, enrollApp };
}

export async function runWidgetBench(options: WidgetBenchOptions): Promise<WidgetResults> {
  const variants = options.variants ?? [{ variant: 'new' as const, tree: REPO, sdkDir: SDK_DIR }];
  const host = await startStaticServer();
  const rigs: Rig[] = [];
  let browser: Browser | undefined;
  try {
    const frames = await Promise.all(videoFrames(options.sourceVideo, 8).map((file) => frameOf(file)));
    browser = await launchChromium({ fakeVideo: options.y4m });
    const logs: string[] = [];
    for (const v of variants) rigs.push(await rig(browser, host, v, frames, logs));
    const runs: WidgetRun[] = [];
    // Interleaved: each variant in turn (the order alternating), so a load change hits both alike.
    const plan: ('faceio-authenticate' | 'faceio-enroll')[] = [
      ...Array.from({ length: options.authenticates }, () => 'faceio-authenticate' as const),
      ...Array.from({ length: options.enrolls }, () => 'faceio-enroll' as const),
    ];
    for (const [i, tag] of plan.entries()) {
      for (const r of i % 2 ? [...rigs].reverse() : rigs) {
        const run = await drive(r.variant, r.page, tag, tag === 'faceio-enroll' ? r.enrollApp : r.authApp, r.hooked);
        if (!run.ok && logs.length) run.error = `${run.error ?? ''} | ${logs.slice(-3).join(' | ')}`;
        runs.push(run);
        options.onRun?.(run, runs.length - 1);
      }
    }
    return { hintSource: rigs.every((r) => r.hooked) ? 'camera-session' : 'faceio-progress', runs };
  } finally {
    await closeAll(browser, host);
    for (const r of rigs) await r.node.stop();
  }
}
