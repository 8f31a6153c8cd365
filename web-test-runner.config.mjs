// web-test-runner: the browser-side tests (elements, controllers, core code that needs a DOM, the
// inference worker), `test/**/*.browser.test.ts`, in Debian's headless Chromium with mocha +
// @open-wc/testing. Every other test/**/*.test.ts (and node/test/**) stays on node:test
// (scripts/run-tests.mjs); `npm test` runs both.
//
//   npm run test:browser                                   all browser tests
//   npm run test:browser -- test/components/faceio-flow-element.browser.test.ts   one file
//   npm run test:browser -- <file> --manual                open it in a browser yourself (prints a URL)
//
// More in CONTRIBUTING.md ("Run, test, measure"). Facts behind the choices: TOOLCHAIN.md (shared
// with the team).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './test/helpers/chromium.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));
const MODELS_DIR = process.env.OPENFACEIO_MODELS_DIR ?? join(root, 'node/models');

/**
 * URL prefix → directory served byte for byte, before the dev server's plugins see the request:
 * with `nodeResolve` the dev server rewrites onnxruntime-web's `.mjs` runtime and breaks it
 * (`Could not resolve import "module"`), and the models are 100 MB of binary.
 */
const UNTOUCHED = {
  '/ort/': join(root, 'node_modules/onnxruntime-web/dist'),
  '/models/': MODELS_DIR,
};
const MIME = {
  '.mjs': 'text/javascript',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.map': 'application/json',
};

/** Koa middleware serving UNTOUCHED (404 for anything missing there; never falls through to the transforms). */
async function serveUntouched(ctx, next) {
  const prefix = Object.keys(UNTOUCHED).find((p) => ctx.path.startsWith(p));
  if (!prefix) return next();
  const dir = UNTOUCHED[prefix];
  const file = resolve(dir, `.${decodeURIComponent(ctx.path.slice(prefix.length - 1))}`);
  const info = file.startsWith(dir + sep) ? await stat(file).catch(() => null) : null;
  if (!info?.isFile()) {
    ctx.status = 404;
    ctx.body = `not found: ${ctx.path}`;
    return;
  }
  ctx.set('Cache-Control', 'no-store');
  ctx.type = MIME[extname(file)] ?? 'application/octet-stream';
  ctx.length = info.size;
  ctx.body = createReadStream(file);
}

/**
 * Which served ORT file each import of onnxruntime-web becomes (the inference worker imports
 * `onnxruntime-web/wasm` dynamically). An import map would not reach into the module worker.
 */
const ORT_ENTRY_FILES = {
  'onnxruntime-web': 'ort.min.mjs',
  'onnxruntime-web/wasm': 'ort.wasm.min.mjs',
  'onnxruntime-web/webgpu': 'ort.webgpu.min.mjs',
};
const ortAsServed = {
  name: 'onnxruntime-web-as-served',
  resolveImport({ source }) {
    const file = ORT_ENTRY_FILES[source];
    return file ? `/ort/${file}` : undefined;
  },
};

/** What `page-errors` collects per page: console errors (the page's and its workers') and uncaught errors. */
const pageErrors = new WeakMap();

/**
 * Server commands on the Playwright page under test (`executeServerCommand`, test/helpers/page-input.ts):
 * - `clock`: Playwright's fake clock (the machine's phase limits are real timers): `install`, then
 *   `fastForward` by `ms`;
 * - `page-errors`: `watch` starts collecting the page's console errors (its workers' included, which
 *   no in-page listener sees) and uncaught errors; `take` returns them.
 */
const pageCommands = {
  name: 'playwright-page-commands',
  async executeCommand({ command, payload, session }) {
    if (command !== 'clock' && command !== 'page-errors') return undefined;
    const page = session.browser.getPage(session.id);
    switch (`${command}:${payload.action}`) {
      case 'clock:install':
        await page.clock.install();
        return true;
      case 'clock:fastForward':
        await page.clock.fastForward(payload.ms);
        return true;
      case 'page-errors:watch': {
        if (pageErrors.has(page)) return true;
        const errors = [];
        pageErrors.set(page, errors);
        page.on('console', (message) => message.type() === 'error' && errors.push(`[error] ${message.text()}`));
        page.on('pageerror', (error) => errors.push(`[pageerror] ${error.message}`));
        return true;
      }
      case 'page-errors:take':
        return pageErrors.get(page) ?? [];
      default:
        throw new Error(`${command}: unknown action ${payload.action}`);
    }
  },
};

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  rootDir: root,
  files: ['test/**/*.browser.test.ts'],
  // Lit's development build: its dev-mode warnings (an update scheduled mid-update …) show in the logs.
  nodeResolve: { exportConditions: ['browser', 'development'] },
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode.'),
  middleware: [serveUntouched],
  plugins: [
    ortAsServed,
    pageCommands,
    // tsconfig.json's experimentalDecorators and useDefineForClassFields: false (Lit's decorators).
    esbuildPlugin({ ts: true, tsconfig: join(root, 'tsconfig.json'), target: 'es2022' }),
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS] },
    }),
  ],
  // Two cores shared with the rest of the suite: one page at a time.
  concurrency: 1,
  concurrentBrowsers: 1,
  // A loaded two-core machine: generous limits (a test that hangs still ends).
  browserStartTimeout: 120_000,
  testsStartTimeout: 120_000,
  testsFinishTimeout: 600_000,
  testFramework: { config: { timeout: 30_000, slow: 5_000 } },
};
