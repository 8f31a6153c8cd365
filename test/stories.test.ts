// The Storybook playground's stories are phase fixtures (CONVENTIONS habit 12): this builds it the
// way `npm run build-storybook` does (into a scratch directory, unless storybook-static/ is newer
// than everything it is built from), serves the build, opens a sample of story iframes in headless
// Chromium and checks that each shows the phase or error its name promises, that none but "Live"
// touches the camera or starts a worker, and that no page logs an error.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { closeAll, launchChromium, startStaticServer, type StaticServer } from './helpers/browser.js';

const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PREBUILT = join(root, 'storybook-static');
/** What a Storybook build is made from: a build newer than all of these is fresh. */
const INPUTS = ['stories', '.storybook', 'src', 'custom-elements.json', 'package.json', 'package-lock.json', 'tsconfig.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(info.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** Pages that show stories side by side (each story mostly waits on its script's timers). */
const LANES = 3;

/** A build is fresh when its first and last outputs (index.json, iframe.html) are newer than every input. */
const isFresh = (dir: string): boolean => {
  const outputs = ['index.json', 'iframe.html'].map((name) => join(dir, name));
  if (!outputs.every((path) => existsSync(path))) return false;
  return Math.min(...outputs.map((path) => statSync(path).mtimeMs)) > Math.max(...INPUTS.map((path) => newestMtime(join(root, path))));
};

/** What a story's element looks like at rest. */
interface Expectation {
  id: string;
  phase: string;
  /** The heading in the element's shadow root contains this. */
  heading?: string;
  /** The status line contains this. */
  status?: string;
  /** The failed view's role=alert carries this fio.js code. */
  code?: number;
  guidance?: string;
  dir?: 'ltr' | 'rtl';
  /** The element's alert (a PIN problem, a failure) contains this. */
  alert?: string;
  /** An action button (or link) with this text is shown. */
  action?: string;
}

const CASES: Expectation[] = [
  { id: 'faceio-enroll--idle', phase: 'idle', status: 'Enroll with your face' },
  { id: 'faceio-enroll--permission', phase: 'permission', heading: 'Camera access' },
  { id: 'faceio-enroll--terms', phase: 'terms', heading: 'Terms of use' },
  { id: 'faceio-enroll--intro', phase: 'intro', heading: 'Get ready' },
  { id: 'faceio-enroll--scan-too-dark', phase: 'scan', heading: 'Face scan', guidance: 'too-dark', status: 'Too dark' },
  { id: 'faceio-enroll--pin-confirm', phase: 'pin', heading: 'Confirm your PIN', status: 'same PIN again' },
  { id: 'faceio-enroll--pin-weak', phase: 'pin', status: 'Choose your 4-digit PIN', alert: 'too easy to guess' },
  { id: 'faceio-enroll--pin-range', phase: 'pin', status: 'Choose your 4-digit PIN' },
  { id: 'faceio-enroll--reply', phase: 'reply', heading: 'One moment' },
  { id: 'faceio-enroll--done', phase: 'done', heading: 'Enrollment complete', status: 'You are enrolled', action: 'Close' },
  { id: 'faceio-enroll--error-terms-not-accepted', phase: 'failed', code: 11 },
  { id: 'faceio-enroll--error-pad-attack', phase: 'failed', heading: 'Live person not confirmed', code: 5, action: 'Close' },
  { id: 'faceio-enroll--error-face-duplication', phase: 'failed', code: 21, heading: 'Already enrolled' },
  { id: 'faceio-enroll--error-face-duplication-sign-in', phase: 'failed', code: 21, action: 'Sign in instead' },
  { id: 'faceio-enroll--right-to-left', phase: 'scan', dir: 'rtl', guidance: 'move-closer' },
  { id: 'faceio-authenticate--pin-wrong', phase: 'pin', status: 'Enter your 4-digit PIN', alert: 'Wrong PIN' },
  { id: 'faceio-authenticate--pin-six-digits', phase: 'pin', status: 'Enter your 6-digit PIN' },
  { id: 'faceio-authenticate--done', phase: 'done', status: 'Welcome back' },
  { id: 'faceio-authenticate--error-permission-refused', phase: 'failed', code: 1 },
  { id: 'faceio-authenticate--error-wrong-pin-code', phase: 'failed', code: 8, heading: 'Too many wrong PINs' },
  { id: 'faceio-authenticate--error-forbidden-origin', phase: 'failed', code: 17 },
  { id: 'faceio-authenticate--error-aborted-by-user', phase: 'failed', code: 23 },
  { id: 'faceio-authenticate--challenge-turn-left', phase: 'scan', status: 'turn your head to your left' },
  { id: 'faceio-authenticate--challenge-blink', phase: 'scan', status: 'Blink your eyes' },
  { id: 'faceio-authenticate--challenge-right-to-left', phase: 'scan', dir: 'rtl' },
  { id: 'faceio-authenticate--challenge-failed', phase: 'failed', code: 5 },
  // <faceio-sign-on>: its states are its phases here (data-state).
  { id: 'faceio-sign-on--idle', phase: 'idle', heading: 'Sign in with your phone' },
  { id: 'faceio-sign-on--looking-up', phase: 'looking-up', status: 'Looking up your account' },
  { id: 'faceio-sign-on--notification-sent', phase: 'notification-sent', heading: 'Check your phone' },
  { id: 'faceio-sign-on--waiting', phase: 'waiting', heading: 'Scan with your phone' },
  { id: 'faceio-sign-on--verified', phase: 'verified', status: 'Verified' },
  { id: 'faceio-sign-on--expired', phase: 'expired', heading: 'Request expired' },
  { id: 'faceio-sign-on--failed-face-check', phase: 'failed', code: 1043, status: 'did not succeed' },
  { id: 'faceio-sign-on--failed-now-locked', phase: 'failed', code: 1043, status: '15 minutes' },
  { id: 'faceio-sign-on--failed-user-not-found', phase: 'failed', code: 1007 },
  { id: 'faceio-sign-on--failed-network', phase: 'failed', code: 1041 },
  { id: 'faceio-sign-on--right-to-left', phase: 'waiting', dir: 'rtl' },
];

interface Seen {
  phase: string | null;
  heading: string;
  status: string;
  code: string | null;
  guidance: string | null;
  dir: string | null;
  alert: string;
  actions: string[];
  cameraCalls: number;
  workers: number;
}

/** Runs in the page: the element's visible state, read from its shadow root. */
const readState = (): Seen => {
  const element = document.querySelector('faceio-enroll, faceio-authenticate, faceio-sign-on');
  const root = element?.shadowRoot;
  const base = root?.querySelector('.base');
  const status = root?.querySelector('[part~="status"], [part~="start-button"]');
  const spy = window as unknown as { cameraCalls?: number; workers?: number };
  return {
    phase: base?.getAttribute('data-phase') ?? base?.getAttribute('data-state') ?? null,
    heading: root?.querySelector('.heading')?.textContent?.trim() ?? '',
    status: status?.textContent?.trim() ?? '',
    code: root?.querySelector('[role="alert"][data-code]')?.getAttribute('data-code') ?? null,
    guidance: root?.querySelector('[data-guidance]')?.getAttribute('data-guidance') ?? null,
    dir: base?.getAttribute('dir') ?? null,
    alert: root?.querySelector('[role="alert"]')?.textContent?.trim() ?? '',
    actions: [...(root?.querySelectorAll('.actions button, .actions a') ?? [])].map((a) => a.textContent?.trim() ?? ''),
    cameraCalls: spy.cameraCalls ?? 0,
    workers: spy.workers ?? 0,
  };
};

/** Installed before any story code: counts camera requests and workers (stories must make none). */
const SPY = `
  window.cameraCalls = 0; window.workers = 0;
  if (navigator.mediaDevices) {
    const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = (c) => { window.cameraCalls++; return original(c); };
  }
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker { constructor(...a) { window.workers++; super(...a); } };
`;

const matches = (seen: Seen, want: Expectation): boolean =>
  seen.phase === want.phase &&
  (want.heading === undefined || seen.heading.includes(want.heading)) &&
  (want.status === undefined || seen.status.includes(want.status)) &&
  (want.code === undefined || seen.code === String(want.code)) &&
  (want.guidance === undefined || seen.guidance === want.guidance) &&
  (want.dir === undefined || seen.dir === want.dir) &&
  (want.alert === undefined || seen.alert.includes(want.alert)) &&
  (want.action === undefined || seen.actions.includes(want.action));

describe('storybook: phase and error stories', { timeout: 300_000 }, () => {
  let dir = '';
  let scratch = '';
  let server: StaticServer | undefined;
  let browser: Browser | undefined;

  before(async () => {
    if (isFresh(PREBUILT)) {
      dir = PREBUILT;
    } else {
      scratch = mkdtempSync(join(tmpdir(), 'openfaceio-storybook-'));
      dir = scratch;
      const started = Date.now();
      // `--test`: no docs, faster; `--preview-only`: the iframe is all this test opens.
      await run(join(root, 'node_modules/.bin/storybook'), ['build', '-o', dir, '--quiet', '--test', '--preview-only', '--disable-telemetry'], {
        cwd: root,
        env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' },
        timeout: 240_000,
        maxBuffer: 64 * 1024 * 1024,
      });
      process.stderr.write(`# storybook build: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    }
    server = await startStaticServer({ routes: { '/': dir } });
    browser = await launchChromium();
  });

  after(async () => {
    await closeAll(browser, server);
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('has one story per phase and per error of each element, and a Live story', () => {
    const ids = Object.keys((JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { entries: Record<string, unknown> }).entries);
    const missing = (tag: string, stories: string[]) => stories.map((story) => `${tag}--${story}`).filter((id) => !ids.includes(id));
    const both = ['idle', 'permission', 'scan-looking', 'pin-enter', 'reply', 'done', 'right-to-left', 'live'];
    const errors = ['permission-refused', 'no-camera', 'no-faces-detected', 'many-faces', 'pad-attack', 'face-mismatch', 'network-io', 'timeout'];
    const shared = [...both, ...errors.map((e) => `error-${e}`), 'error-too-many-requests', 'error-forbidden-origin', 'error-minors-not-allowed'];
    assert.deepEqual(
      missing('faceio-enroll', [...shared, 'terms', 'intro', 'pin-confirm', 'pin-weak', 'error-face-duplication', 'error-terms-not-accepted']),
      [],
    );
    assert.deepEqual(missing('faceio-authenticate', [...shared, 'error-unrecognized-face', 'error-wrong-pin-code']), []);
    const signOnStates = ['idle', 'looking-up', 'notification-sent', 'waiting', 'verified', 'expired', 'right-to-left'];
    const signOnFailures = ['face-check', 'now-locked', 'user-not-found', 'no-device', 'locked', 'form-expired', 'network'].map((f) => `failed-${f}`);
    assert.deepEqual(missing('faceio-sign-on', [...signOnStates, ...signOnFailures]), []);
  });

  /** A page with the spy installed and what it logged; several stories are shown in turn in one page. */
  interface Lane {
    page: Page;
    logs: string[];
    close(): Promise<void>;
  }

  async function openLane(firstStory: string): Promise<Lane> {
    const context = await browser!.newContext();
    await context.addInitScript({ content: SPY });
    const page = await context.newPage();
    const logs: string[] = [];
    page.on('console', (message) => logs.push(`[${message.type()}] ${message.text()}`));
    page.on('pageerror', (error) => logs.push(`[pageerror] ${error.message}`));
    await page.goto(server!.url(`/iframe.html?id=${encodeURIComponent(firstStory)}&viewMode=story`), { waitUntil: 'load' });
    return { page, logs, close: () => context.close() };
  }

  /**
   * Switches a lane to another story the way the Storybook UI does (SET_CURRENT_STORY on the
   * preview's channel) and waits until it rendered: one page load per lane, not per story. The
   * previous story's element is removed, which also checks that its fakes stop cleanly.
   */
  async function show(lane: Lane, storyId: string): Promise<void> {
    lane.logs.length = 0;
    // A string, not a function: tsx's keepNames would wrap the inner listener in a `__name()` the page lacks.
    await lane.page.evaluate(`new Promise((resolve, reject) => {
      window.cameraCalls = 0;
      window.workers = 0;
      const id = ${JSON.stringify(storyId)};
      const channel = window.__STORYBOOK_ADDONS_CHANNEL__;
      channel.on('storyRendered', function rendered(storyId) {
        if (storyId !== id) return;
        channel.off('storyRendered', rendered);
        resolve();
      });
      channel.on('storyMissing', (storyId) => reject(new Error('story missing: ' + storyId)));
      channel.emit('setCurrentStory', { storyId: id, viewMode: 'story' });
    })`);
  }

  describe('each story shows its phase', { concurrency: LANES }, () => {
    const lanes: Lane[] = [];
    const idle: Lane[] = [];
    const waiting: Array<(lane: Lane) => void> = [];
    const acquire = async (): Promise<Lane> => {
      const free = idle.pop();
      if (free) return free;
      if (lanes.length < LANES) {
        const lane = await openLane('faceio-enroll--idle');
        lanes.push(lane);
        return lane;
      }
      return new Promise((resolve) => waiting.push(resolve));
    };
    const release = (lane: Lane): void => {
      const next = waiting.shift();
      if (next) next(lane);
      else idle.push(lane);
    };
    after(() => closeAll(...lanes));

    for (const want of CASES) {
      it(want.id, async () => {
        const lane = await acquire();
        try {
          await show(lane, want.id);
          let seen = await lane.page.evaluate(readState);
          const deadline = Date.now() + 20_000;
          while (!matches(seen, want) && Date.now() < deadline) {
            await new Promise((done) => setTimeout(done, 100));
            seen = await lane.page.evaluate(readState);
          }
          assert.ok(matches(seen, want), `expected ${JSON.stringify(want)}, saw ${JSON.stringify(seen)}; logs: ${lane.logs.join(' | ')}`);
          assert.equal(seen.cameraCalls, 0, 'a fake story asked for the camera');
          assert.equal(seen.workers, 0, 'a fake story started a worker');
          assert.deepEqual(
            lane.logs.filter((line) => line.startsWith('[error]') || line.startsWith('[pageerror]')),
            [],
            'the page logged errors',
          );
        } finally {
          release(lane);
        }
      });
    }
  });

  it('Live waits for the start button: no camera, no worker until the user asks', async () => {
    const story = await openLane('faceio-enroll--live');
    try {
      await story.page.waitForFunction(() => Boolean(document.querySelector('faceio-enroll')?.shadowRoot?.querySelector('.base')), null, {
        timeout: 20_000,
      });
      const seen = await story.page.evaluate(readState);
      assert.equal(seen.phase, 'idle');
      assert.equal(seen.cameraCalls, 0);
      assert.equal(seen.workers, 0);
      const node = await story.page.evaluate(() => document.querySelector('faceio-enroll')?.getAttribute('node'));
      assert.equal(node, 'http://localhost:8080', 'the Live story points at `npm start`’s node');
    } finally {
      await story.close();
    }
  });
});
