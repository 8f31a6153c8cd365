// Harness for the element tests: the page entry test/components/elements.page.ts bundled with
// esbuild (it reads tsconfig.json, so Lit's experimentalDecorators / useDefineForClassFields:false
// apply), axe-core served next to it, one headless Chromium per test file. The element runs with
// fake `camera` and `scanStream` actors that the test drives from here: no camera, no node.
//
//   const h = await openElementPage();
//   await h.mount('faceio-enroll', { 'user-consent': '' });
//   await h.goTo('pin');                          // or step by step: h.start(), h.camera({...}), h.node({...})
//   assert.deepEqual(await h.axe(), []);
//   await h.close();
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import type { FlowEvent, FlowPhase } from '../../src/core/flow/flow.types.js';
import type { SessionResult, WireError } from '../../src/protocol/index.js';
import { DEFAULT_SESSION_TIME_LIMITS } from '../../src/protocol/index.js';
import type { AxeViolation, ElementTag, FakeLog, FocusInfo, RecordedEvent } from '../components/elements.shared.js';
import { closeAll, launchChromium, openPage, startStaticServer, type LoggedPage, type StaticServer } from './browser.js';
import { bundleForBrowser } from './ort-web-page.js';

export type { AxeViolation, ElementTag, FakeLog, FocusInfo, RecordedEvent };

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const PAGE_ENTRY = join(root, 'test/components/elements.page.ts');
const AXE_DIR = join(root, 'node_modules/axe-core');

const HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>faceio elements under test</title>
<script src="/axe/axe.min.js"></script></head>
<body><main id="root"></main><script type="module" src="/elements.js"></script></body></html>`;

/** The node's `ready` settings (what a default application announces). */
export const SETTINGS = {
  pinPolicy: 'never',
  pinLength: { min: 4, max: 4 },
  rejectWeakPin: true,
  pad: true,
  minFrames: 3,
  maxFrames: 12,
  maxFrameBytes: 524288,
  maxFrameSide: 640,
} as const;

export const ENROLL_RESULT: SessionResult = { facialId: 'fid-0001', timestamp: '2025-01-01T00:00:00.000Z', details: { gender: 'female', age: 30 } };
export const AUTH_RESULT: SessionResult = { facialId: 'fid-0001', payload: { user: 'ada' } };
export const PAD_ERROR: WireError = { code: 5, name: 'PAD_ATTACK', message: 'liveness score 0.02 under 0.5', retryable: false };

/** The node asks for a PIN: enrollment sets one (typed twice), authentication checks one. */
export const pinRequired = (tag: ElementTag): FlowEvent => ({
  type: 'PIN.REQUIRED',
  reason: tag === 'faceio-enroll' ? 'enroll' : 'policy',
  digits: { min: 4, max: 4 },
  confirm: tag === 'faceio-enroll',
  attemptsLeft: 3,
});

/** Where goTo() can take a freshly mounted element: the phases, plus the PIN phase's confirm and problem states. */
export type Stage = FlowPhase | 'pin-confirm' | 'pin-problem';

export interface ElementPage {
  page: Page;
  /** The page's console output (show it when an assertion fails). */
  logs: string[];
  /** The element under test, e.g. for `.locator('[part~="heading"]')` (playwright pierces open shadow roots). */
  readonly element: Locator;
  readonly tag: ElementTag;
  /** Mounts a fresh element (idle); `children`: light-DOM HTML for its slots. */
  mount(tag: ElementTag, attrs?: Record<string, string>, children?: string): Promise<void>;
  /** `element.start()`. */
  start(): Promise<void>;
  /** What the fake camera actor reports. */
  camera(event: FlowEvent): Promise<void>;
  /** What the fake scan stream actor reports (a node message as a machine event). */
  node(event: FlowEvent): Promise<void>;
  clickPart(part: string): Promise<void>;
  typePin(pin: string): Promise<void>;
  phase(): Promise<FlowPhase>;
  waitPhase(phase: FlowPhase): Promise<void>;
  events(type?: string): Promise<RecordedEvent[]>;
  fakeLog(): Promise<FakeLog>;
  focused(): Promise<FocusInfo | null>;
  /** The text of the element's polite live region. */
  liveRegion(): Promise<string>;
  /** The first element of a part inside the element. */
  part(name: string): Locator;
  axe(): Promise<AxeViolation[]>;
  /** Walks a freshly mounted (idle) element to `stage` through the fakes and its own buttons. */
  goTo(stage: Stage): Promise<void>;
  close(): Promise<void>;
}

export async function openElementPage(options: { echoConsole?: boolean } = {}): Promise<ElementPage> {
  const bundles = await bundleForBrowser({ elements: PAGE_ENTRY });
  const server: StaticServer = await startStaticServer({ routes: { '/axe/': AXE_DIR } });
  let browser: Browser | undefined;
  try {
    for (const [path, body] of bundles) server.addPage(path, body);
    server.addPage('/index.html', HTML);
    browser = await launchChromium();
    const logged: LoggedPage = await openPage(browser, server.url('/index.html'), {
      echoConsole: options.echoConsole ?? process.env.ELEMENTS_ECHO === '1',
    });
    const { page } = logged;
    await page.waitForFunction(() => window.elements !== undefined && typeof (window as unknown as { axe?: unknown }).axe === 'object');
    const b = browser;
    let tag: ElementTag = 'faceio-enroll';
    const h: ElementPage = {
      page,
      logs: logged.logs,
      get element() {
        return page.locator(tag);
      },
      get tag() {
        return tag;
      },
      async mount(which, attrs = {}, children = '') {
        tag = which;
        await page.evaluate(([t, a, c]) => window.elements.mount(t, a, c), [which, attrs, children] as const);
      },
      start: () =>
        page.evaluate(async (t) => {
          document.querySelector(t)!.start();
          await window.elements.settle();
        }, tag),
      camera: (event) => page.evaluate((e) => window.elements.fake.camera.send(e), event),
      node: (event) => page.evaluate((e) => window.elements.fake.node.send(e), event),
      clickPart: (name) => page.evaluate((n) => window.elements.clickPart(n), name),
      typePin: (pin) => page.evaluate((p) => window.elements.typePin(p), pin),
      phase: () => page.evaluate((t) => document.querySelector(t)!.phase, tag),
      async waitPhase(phase) {
        await page.waitForFunction(([t, p]) => document.querySelector(t)?.phase === p, [tag, phase] as const, { timeout: 5_000 });
      },
      events: (type) => page.evaluate((t) => window.elements.events.filter((e) => t === undefined || e.type === t), type),
      fakeLog: () => page.evaluate(() => window.elements.fake.log),
      focused: () => page.evaluate(() => window.elements.focused()),
      liveRegion: () => page.evaluate((t) => document.querySelector(t)!.shadowRoot!.querySelector('[aria-live="polite"]')!.textContent!.trim(), tag),
      part: (name) => page.locator(`${tag} [part~="${name}"]`).first(),
      axe: () => page.evaluate(() => window.elements.axe()),
      goTo: (stage) => goTo(h, stage),
      close: () => closeAll(logged, b, server),
    };
    return h;
  } catch (error) {
    await closeAll(browser, server).catch(() => undefined);
    throw error;
  }
}

async function goTo(h: ElementPage, stage: Stage): Promise<void> {
  const enroll = h.tag === 'faceio-enroll';
  if (!enroll && (stage === 'terms' || stage === 'intro' || stage === 'pin-confirm'))
    throw new Error(`${h.tag} has no ${stage} stage (enrollment only)`);
  const at = async (phase: FlowPhase): Promise<boolean> => {
    const now = await h.phase();
    if (now !== phase) throw new Error(`goTo(${stage}): expected ${phase}, the element is in ${now}`);
    return stage === phase;
  };
  if (await at('idle')) return;
  await h.start();
  if (await at('permission')) return;
  await h.camera({ type: 'PERMISSION.GRANTED' });
  if (enroll) {
    // user-consent skips the terms.
    if (stage === 'terms' || (await h.phase()) === 'terms') {
      if (await at('terms')) return;
      await h.clickPart('primary-button');
    }
    if (await at('intro')) return;
    await h.clickPart('primary-button');
  }
  await h.node({ type: 'SCAN.READY', settings: { ...SETTINGS, pinLength: { ...SETTINGS.pinLength } }, limits: { ...DEFAULT_SESSION_TIME_LIMITS } });
  await h.camera({ type: 'SCAN.GUIDANCE', hint: 'good', faces: 1 });
  await h.node({ type: 'SCAN.PROGRESS', event: 'need-more-frames', accepted: 1, needed: 3 });
  if (await at('scan')) return;
  await h.node({ type: 'SCAN.PROGRESS', event: 'need-more-frames', accepted: 3, needed: 3 });
  if (stage === 'reply') return void (await at('reply'));
  if (stage === 'done' || stage === 'failed') {
    await at('reply');
    await h.node(
      stage === 'done'
        ? { type: 'REPLY.VERDICT', ok: true, result: enroll ? ENROLL_RESULT : AUTH_RESULT }
        : { type: 'REPLY.VERDICT', ok: false, error: PAD_ERROR },
    );
    return void (await at(stage));
  }
  await h.node(pinRequired(h.tag));
  if (await at('pin')) return;
  await h.typePin('4831');
  await h.clickPart('primary-button');
  if (enroll) {
    await at('pin');
    if (stage === 'pin-confirm') return;
    // A different second entry: the confirm-mismatch problem.
    await h.typePin('4832');
    await h.clickPart('primary-button');
  } else {
    await at('reply');
    await h.node({ type: 'PIN.REJECTED', reason: 'wrong', attemptsLeft: 2 });
  }
  await at('pin');
}
