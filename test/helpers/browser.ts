// Harness for node:test suites that need a real browser: a tiny static HTTP server and a headless
// Debian Chromium driven by playwright-core. Used by the vision parity tests and benchmarks, and by
// the end-to-end widget tests.
//
//   const server = await startStaticServer({ routes: { '/mp/': mediapipeDir, '/models/': modelsDir } });
//   server.addPage('/index.html', '<!doctype html><script type="module">…</script>');
//   const browser = await launchChromium();
//   const page = await openPage(browser, server.url('/index.html'));
//   …
//   await closeAll(page, browser, server);
//
// Facts behind the choices are in TOOLCHAIN.md (shared with the team) (flags, y4m-only fake camera).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, isAbsolute, resolve, sep } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

export { CHROMIUM_ARGS, CHROMIUM_PATH };

/**
 * Flags for a fake camera that plays `y4mPath` in a loop and auto-grants getUserMedia. Only y4m
 * works (mjpeg gives green frames); make one with
 * `ffmpeg -i in.mp4 -vf "scale=640:480,format=yuv420p" -f yuv4mpegpipe out.y4m`.
 */
export function fakeCameraArgs(y4mPath: string): string[] {
  if (!isAbsolute(y4mPath)) throw new Error(`fake video must be an absolute path, got ${y4mPath}`);
  if (extname(y4mPath).toLowerCase() !== '.y4m')
    throw new Error(`fake video must be a .y4m file (Chromium shows green frames otherwise): ${y4mPath}`);
  return ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${y4mPath}`];
}

export interface LaunchOptions {
  /** Absolute path of a .y4m clip to use as the camera (enables the fake-camera flags). */
  fakeVideo?: string;
  /** More Chromium flags, e.g. '--enable-unsafe-webgpu'. */
  extraArgs?: readonly string[];
}

/**
 * Launches headless Chromium. playwright-core gives every launch a fresh temporary profile (no
 * state leaks between tests) and deletes it on browser.close().
 */
export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  const args = [...CHROMIUM_ARGS, ...(options.fakeVideo ? fakeCameraArgs(options.fakeVideo) : []), ...(options.extraArgs ?? [])];
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args });
}

/** MIME types by extension. .wasm must be application/wasm (instantiateStreaming refuses others). */
export const MIME_TYPES: Readonly<Record<string, string>> = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.tflite': 'application/octet-stream',
  '.onnx': 'application/octet-stream',
  '.bin': 'application/octet-stream',
  '.y4m': 'video/x-yuv4mpeg',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
});

/**
 * Sent on every response. COOP + COEP make pages cross-origin isolated, which SharedArrayBuffer
 * (threaded WASM in onnxruntime-web / MediaPipe) needs. CORP `cross-origin` lets an isolated page
 * on one test server still load from another one (a different port is a different origin).
 * no-store: a test must always see the bytes on disk now.
 */
const COMMON_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'Cache-Control': 'no-store',
});

export interface InMemoryPage {
  body: string | Uint8Array;
  /** Defaults to the MIME type of the path's extension, else text/html. */
  type?: string;
}

export interface StaticServerOptions {
  /** URL prefix → absolute directory, e.g. { '/mp/': '/abs/node_modules/@mediapipe/tasks-vision/' }. */
  routes?: Readonly<Record<string, string>>;
  /** URL path → in-memory content, e.g. { '/index.html': '<!doctype html>…' }. */
  pages?: Readonly<Record<string, string | InMemoryPage>>;
}

export interface StaticServer {
  /** 'http://127.0.0.1:<port>' */
  readonly origin: string;
  /** Absolute URL for a path on this server: url('/index.html'). */
  url(path: string): string;
  /** Adds or replaces an in-memory page (checked before the directory routes). */
  addPage(path: string, body: string | Uint8Array, type?: string): void;
  /** Paths requested so far, in order (for asserting what a page fetched). */
  readonly requests: readonly string[];
  close(): Promise<void>;
}

/**
 * Serves in-memory pages and directories on 127.0.0.1 (port picked by the OS). GET/HEAD only; no
 * directory listings; paths escaping a route's directory get 404. The longest matching prefix wins.
 */
export async function startStaticServer(options: StaticServerOptions = {}): Promise<StaticServer> {
  const routes = Object.entries(options.routes ?? {})
    .map(([prefix, dir]) => {
      if (!prefix.startsWith('/')) throw new Error(`route prefix must start with '/': ${prefix}`);
      if (!isAbsolute(dir)) throw new Error(`route directory must be absolute: ${dir}`);
      return { prefix: prefix.endsWith('/') ? prefix : `${prefix}/`, dir: resolve(dir) };
    })
    .sort((a, b) => b.prefix.length - a.prefix.length);
  const pages = new Map<string, InMemoryPage>();
  const addPage = (path: string, body: string | Uint8Array, type?: string): void => {
    if (!path.startsWith('/')) throw new Error(`page path must start with '/': ${path}`);
    pages.set(path, { body, type: type ?? MIME_TYPES[extname(path).toLowerCase()] ?? MIME_TYPES['.html'] });
  };
  for (const [path, page] of Object.entries(options.pages ?? {})) {
    if (typeof page === 'string' || page instanceof Uint8Array) addPage(path, page);
    else addPage(path, page.body, page.type);
  }
  const requests: string[] = [];

  const send = (res: ServerResponse, status: number, type: string, body?: string | Uint8Array, length?: number): void => {
    res.writeHead(status, { ...COMMON_HEADERS, 'Content-Type': type, ...(length !== undefined ? { 'Content-Length': String(length) } : {}) });
    res.end(body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      return send(res, 400, 'text/plain', 'bad request');
    }
    requests.push(path);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'method not allowed');
    const head = req.method === 'HEAD';

    const page = pages.get(path);
    if (page) {
      const body = typeof page.body === 'string' ? Buffer.from(page.body) : page.body;
      return send(res, 200, page.type ?? MIME_TYPES['.html']!, head ? undefined : body, body.byteLength);
    }
    for (const { prefix, dir } of routes) {
      if (!path.startsWith(prefix)) continue;
      const file = resolve(dir, `.${path.slice(prefix.length - 1)}`);
      if (file !== dir && !file.startsWith(dir + sep)) break; // '..' escaping the route
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) break;
      const type = MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
      if (head) return send(res, 200, type, undefined, info.size);
      res.writeHead(200, { ...COMMON_HEADERS, 'Content-Type': type, 'Content-Length': String(info.size) });
      createReadStream(file)
        .on('error', () => res.destroy())
        .pipe(res);
      return;
    }
    // Browsers ask for /favicon.ico on every page; a 404 would show up as a console error in the
    // logs tests collect, so answer "no content" unless a route or page provides one.
    if (path === '/favicon.ico') return send(res, 204, 'image/x-icon');
    send(res, 404, 'text/plain', `not found: ${path}`);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain', String(error));
      else res.destroy();
    });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (path) => new URL(path, origin).href,
    addPage,
    requests,
    close: () =>
      new Promise<void>((done, fail) => {
        // Chromium keeps connections alive; without this, close() waits for them to time out.
        server.closeAllConnections();
        server.close((error) => (error ? fail(error) : done()));
      }),
  };
}

export interface OpenPageOptions {
  /** Echo the page's console messages and uncaught errors to stderr (debugging). */
  echoConsole?: boolean;
}

/** A playwright Page plus everything it logged, so failing assertions can show the page's side. */
export interface LoggedPage {
  page: Page;
  /** '[type] text' for every console message and '[pageerror] …' for uncaught errors. */
  logs: string[];
  close(): Promise<void>;
}

/**
 * Opens `url` in a new page of `browser` and waits for its load event. Console output is captured
 * into `logs` (MediaPipe/ORT report failures there, not only as exceptions).
 */
export async function openPage(browser: Browser, url: string, options: OpenPageOptions = {}): Promise<LoggedPage> {
  const page = await browser.newPage();
  const logs: string[] = [];
  const record = (line: string): void => {
    logs.push(line);
    if (options.echoConsole) process.stderr.write(`[browser] ${line}\n`);
  };
  page.on('console', (message) => record(`[${message.type()}] ${message.text()}`));
  page.on('pageerror', (error) => record(`[pageerror] ${error.message}`));
  await page.goto(url, { waitUntil: 'load' });
  return { page, logs, close: () => page.close() };
}

/**
 * Closes pages, browsers and servers in the order given (pages before their browser, the server
 * last), even if one fails, then throws the first failure. Undefined entries are skipped, so it
 * can sit in an `after()` hook whatever `before()` managed to start.
 */
export async function closeAll(...resources: Array<{ close(): Promise<unknown> } | null | undefined>): Promise<void> {
  const errors: unknown[] = [];
  for (const resource of resources) {
    if (!resource) continue;
    try {
      await resource.close();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) throw errors[0];
}
