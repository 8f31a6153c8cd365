// End-to-end harness for the widgets: a real node serving the built SDK (dist/, `npm run build`),
// a host page on another origin that loads it from the node (as a site would), and headless
// Chromium whose fake camera plays a y4m made from ../shared/data (TOOLCHAIN.md).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import type { Bus } from '../../src/bus/bus.js';
import type { AppSettings } from '../../src/settings.js';
import type { NodeDeps } from '../../src/deps.js';
import type { Db } from '../../src/store/db.js';
import { closeAll, launchChromium, openPage, startStaticServer, type LoggedPage, type StaticServer } from '../../../test/helpers/browser.js';
import { REPO_ROOT } from '../../../test/helpers/data.js';
import { startTestNode, type TestNodeServer } from './node.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
/** The library's served bundle (the library's `npm run build`; `npm test` builds it in pretest). */
export const SDK_DIR = join(REPO_ROOT, 'dist/bundle');
const CACHE = join(root, '.cache/y4m');

/** A cache name that changes with the source's content (a rebuilt fixture must not reuse old frames). */
function cacheKey(source: string): string {
  const digest = createHash('sha256').update(readFileSync(source)).digest('hex').slice(0, 12);
  return `${basename(source).replace(/\.[^.]+$/, '')}-${basename(dirname(source))}-${digest}`;
}

/**
 * A y4m of a video or a still image (letterboxed to 640×480), cached under .cache/. Chromium loops
 * the file: a one-frame y4m is a photo held up to the camera.
 */
export function y4mOf(source: string): string {
  mkdirSync(CACHE, { recursive: true });
  const out = join(CACHE, `${cacheKey(source)}.y4m`);
  if (existsSync(out)) return out;
  const still = !/\.(mp4|webm|mov)$/i.test(source);
  // Grey bars, not black: on black bars the detector finds a phantom second face at the edge of
  // biden_2.jpg (pitch −80°, sharpness 11), which the node then counts (MANY_FACES).
  const fit = 'scale=640:480:force_original_aspect_ratio=decrease,pad=640:480:(ow-iw)/2:(oh-ih)/2:color=gray,format=yuv420p';
  execFileSync('ffmpeg', [
    '-loglevel',
    'error',
    '-y',
    '-i',
    source,
    ...(still ? ['-frames:v', '1'] : []),
    '-vf',
    fit,
    '-f',
    'yuv4mpegpipe',
    `${out}.tmp`,
  ]);
  execFileSync('mv', [`${out}.tmp`, out]);
  return out;
}

/** `count` JPEG frames of a video (4 per second from the start), cached under .cache/: bona fide frames for protocol-level enrollment. */
export function videoFrames(source: string, count: number): string[] {
  const dir = join(CACHE, `${cacheKey(source)}-frames`);
  const files = Array.from({ length: count }, (_, i) => join(dir, `frame-${String(i + 1).padStart(2, '0')}.jpg`));
  if (files.every((file) => existsSync(file))) return files;
  mkdirSync(dir, { recursive: true });
  execFileSync('ffmpeg', [
    '-loglevel',
    'error',
    '-y',
    '-i',
    source,
    '-vf',
    'fps=4',
    '-frames:v',
    String(count),
    '-q:v',
    '3',
    join(dir, 'frame-%02d.jpg'),
  ]);
  return files;
}

export interface WidgetRig {
  node: TestNodeServer;
  host: StaticServer;
  publicId: string;
  /** Opens the host page in a browser whose camera plays `video` (a y4m), or denies the camera. */
  open(video: string | 'deny', body?: string): Promise<{ browser: Browser; page: LoggedPage }>;
  close(): Promise<void>;
}

/** The host page: the SDK imported from the node, the body given. */
export const hostPage = (nodeUrl: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>host</title></head><body>
${body}
<script type="module">
  import * as sdk from '${nodeUrl}/sdk/openfaceio.js';
  window.openfaceio = sdk;
  window.events = [];
  for (const type of ['faceio-phase-change', 'faceio-progress', 'faceio-complete', 'faceio-error']) {
    document.addEventListener(type, (e) => window.events.push({ type, target: e.target.localName, detail: e.detail }));
  }
  window.sdkReady = true;
</script></body></html>`;

export async function startWidgetRig(
  env: { db: Db; bus: Bus },
  settings: Partial<AppSettings> = {},
  nodeOptions: { config?: Partial<NodeDeps['config']> } = {},
): Promise<WidgetRig> {
  if (!existsSync(join(SDK_DIR, 'openfaceio.js')))
    throw new Error('dist/bundle/ is missing: run `npm run build` at the repository root (npm test does it in pretest)');
  const node = await startTestNode(env, { sdkDir: SDK_DIR, ...nodeOptions });
  const host = await startStaticServer();
  const created = await node.createApp(settings, [host.origin]);
  const browsers: Browser[] = [];
  return {
    node,
    host,
    publicId: created.app.publicId,
    async open(video, body = '') {
      const browser = await launchChromium(
        video === 'deny' ? { extraArgs: ['--use-fake-device-for-media-stream', '--deny-permission-prompts'] } : { fakeVideo: video },
      );
      browsers.push(browser);
      const path = `/page-${browsers.length}.html`;
      host.addPage(path, hostPage(node.url, body.replaceAll('PUBLIC_ID', created.app.publicId)));
      const page = await openPage(browser, host.url(path), { echoConsole: process.env.E2E_ECHO === '1' });
      await page.page.waitForFunction(() => (window as unknown as { sdkReady?: boolean }).sdkReady === true, null, { timeout: 20_000 });
      return { browser, page };
    },
    async close() {
      for (const browser of browsers) await browser.close().catch(() => undefined);
      await closeAll(host);
      await node.close();
    },
  };
}

/** An event the host page recorded (window.events). */
export interface PageEvent {
  type: string;
  target: string;
  detail: Record<string, unknown>;
}

/** The events the host page recorded so far. */
export const pageEvents = (page: Page): Promise<PageEvent[]> => page.evaluate(() => (window as unknown as { events: PageEvent[] }).events);

/** Waits for an element's final event: faceio-complete or a fatal faceio-error. */
export async function elementOutcome(page: Page, timeoutMs = 90_000): Promise<PageEvent> {
  const handle = await page.waitForFunction(
    () =>
      (window as unknown as { events: PageEvent[] }).events.find(
        (e) => e.type === 'faceio-complete' || (e.type === 'faceio-error' && e.detail['fatal'] === true),
      ),
    null,
    { timeout: timeoutMs, polling: 200 },
  );
  return (await handle.jsonValue()) as PageEvent;
}

/** Waits for the PIN boxes inside `widget` and types the PIN (the first box takes the whole PIN, like an autofill), then confirms. */
export async function typePin(widget: Locator, pin: string): Promise<void> {
  const first = widget.getByRole('textbox', { name: /^Digit 1 of/ });
  await first.waitFor({ timeout: 60_000 });
  await first.fill(pin);
  await widget.getByRole('button', { name: 'Confirm' }).click();
}
