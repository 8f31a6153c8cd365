// The packages as their users get them (issue 11): both packed with `npm pack`; a throwaway Vite +
// React 19 + TypeScript site outside the repository installs the library tarball, type-checks its
// use of <faceio-enroll> and FaceIO (and fails to type-check misuse), builds, and is served on its
// own origin; a node started from the packed @openfaceio/node tarball enrolls and authenticates the
// fake camera's face in headless Chromium. The npm registry is the only network used (its cache
// usually answers).
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { closeAll, launchChromium, openPage, startStaticServer, type StaticServer } from '../../../test/helpers/browser.js';
import { dataPath, REPO_ROOT } from '../../../test/helpers/data.js';
import { typePin, y4mOf } from '../helpers/widget-page.js';

const run = promisify(execFile);
const APP_SOURCES = fileURLToPath(new URL('./consumer-app', import.meta.url));
/** Versions the site installs beside the library (what a React 19 + Vite 7 site has). */
const SITE_DEPENDENCIES = {
  react: '19.3.1',
  'react-dom': '19.3.1',
  '@types/react': '19.3.3',
  '@types/react-dom': '19.3.0',
  typescript: '5.9.3',
  vite: '7.3.8',
};
/** Dependency install scripts the site does not need (npm 11 asks for a decision on each). */
const DENIED_SCRIPTS = { esbuild: false, 'onnxruntime-node': false, protobufjs: false };
/** Packages a browser library must never pull in. */
const SERVER_PACKAGES = ['onnxruntime-node', 'sharp', 'pg', 'ioredis', 'fastify', '@electric-sql/pglite', 'tsx', '@node-rs/argon2'];

const npm = (cwd: string, ...args: string[]) =>
  run('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
    maxBuffer: 64 << 20,
    timeout: 600_000,
    env: { ...process.env, CI: 'true' },
  });

/** Installed packages under node_modules (nested ones included) and their size on disk. */
function installed(dir: string): { count: number; names: Set<string> } {
  const names = new Set<string>();
  const walk = (nodeModules: string) => {
    if (!existsSync(nodeModules)) return;
    for (const entry of readdirSync(nodeModules)) {
      if (entry.startsWith('.')) continue;
      const scoped = entry.startsWith('@') ? readdirSync(join(nodeModules, entry)).map((n) => `${entry}/${n}`) : [entry];
      for (const name of scoped) {
        names.add(name);
        walk(join(nodeModules, name, 'node_modules'));
      }
    }
  };
  walk(join(dir, 'node_modules'));
  return { count: names.size, names };
}

async function diskKb(dir: string): Promise<number> {
  const { stdout } = await run('du', ['-sk', join(dir, 'node_modules')]);
  return Number(stdout.split('\t')[0]);
}

/** `openfaceio serve` from the installed node package; resolves once it listens. */
function serveNode(cwd: string, dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const bin = join(cwd, 'node_modules/@openfaceio/node/src/cli/bin.mjs');
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir, '--log-level', 'warn'], { cwd });
  let stdout = '';
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => (stderr += d));
    // The banner, once listening (human logs: on stdout).
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d;
      const m = /Demo page\s+(http:\/\/\S+?)\/?\n/.exec(stdout);
      if (m) resolve({ child, url: m[1]!.replace('localhost', '127.0.0.1') });
    });
    child.on('exit', (code) => reject(new Error(`the packed node exited (${code}) before listening:\n${stderr}`)));
  });
}

/** What `npm pack --json` reports for one package. */
interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string }[];
}

describe('the packed packages in a new Vite + React + TypeScript site', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'openfaceio-consumer-'));
  const packs = join(scratch, 'packs');
  const site = join(scratch, 'site');
  const server = join(scratch, 'server');
  const libraryOnly = join(scratch, 'library-only');
  let libraryPack: PackResult | undefined;
  let libraryTarball = '';
  let nodeTarball = '';
  let host: StaticServer | undefined;
  let node: { child: ChildProcess; url: string } | undefined;
  let browser: Browser | undefined;

  before(async () => {
    mkdirSync(packs);
    const pack = async (dir: string, ...flags: string[]) => {
      const [packed] = JSON.parse((await npm(dir, 'pack', '--json', ...flags, '--pack-destination', packs)).stdout) as PackResult[];
      return packed!;
    };
    // Each package's prepack builds what it ships (the library's dist/, the node's webhook helper),
    // so the tarballs match the sources even when the last build is older.
    libraryPack = await pack(REPO_ROOT);
    libraryTarball = join(packs, libraryPack.filename);
    nodeTarball = join(packs, (await pack(join(REPO_ROOT, 'node'))).filename);
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    node?.child.kill('SIGTERM');
    await closeAll(host);
    rmSync(scratch, { recursive: true, force: true });
  });

  test('the library tarball holds dist/ (JS + declarations), the manifest, locales, README, LICENSE — and nothing of node/, test/, bench/ or src/', (t) => {
    const paths = libraryPack!.files.map((f) => f.path);
    t.diagnostic(
      `library tarball: ${(libraryPack!.size / 1024).toFixed(0)} KB packed, ${(libraryPack!.unpackedSize / 1024).toFixed(0)} KB unpacked, ${paths.length} files`,
    );
    for (const required of [
      'dist/index.js',
      'dist/index.d.ts',
      'dist/faceio-enroll.js',
      'dist/protocol/index.d.ts',
      'dist/vision/index.d.ts',
      'dist/typings/react.d.ts',
      'dist/bundle/openfaceio.js',
      'custom-elements.json',
      'locales/ar.xlf',
      'README.md',
      'LICENSE',
      'package.json',
    ])
      assert.ok(paths.includes(required), `${required} is not in the tarball`);
    assert.deepEqual(
      paths.filter((path) => /^(node|test|bench|src|stories|scripts)\//.test(path)),
      [],
    );
  });

  test('the library installs alone with browser dependencies only (size and count for the README)', async (t) => {
    mkdirSync(libraryOnly);
    writeFileSync(join(libraryOnly, 'package.json'), JSON.stringify({ name: 'library-only', private: true, allowScripts: DENIED_SCRIPTS }));
    await npm(libraryOnly, 'install', libraryTarball);
    const { count, names } = installed(libraryOnly);
    const kb = await diskKb(libraryOnly);
    t.diagnostic(`library install: ${count} packages (openfaceio included), ${(kb / 1024).toFixed(1)} MB on disk`);
    assert.deepEqual(
      SERVER_PACKAGES.filter((name) => names.has(name)),
      [],
    );
    assert.ok(!existsSync(join(libraryOnly, 'node_modules/openfaceio/node')), 'the node does not ship in the library');
    // lit (4), xstate, @lit/localize, MediaPipe, qrcode-generator and openfaceio: 11 today; a jump means a heavy new dependency.
    assert.ok(count <= 15, `the library pulled in ${count} packages`);
  });

  test('the site type-checks, its misuse does not, and it builds', async () => {
    cpSync(APP_SOURCES, site, { recursive: true });
    writeFileSync(
      join(site, 'package.json'),
      JSON.stringify({ name: 'a-site', private: true, type: 'module', dependencies: SITE_DEPENDENCIES, allowScripts: DENIED_SCRIPTS }),
    );
    await npm(site, 'install', libraryTarball);
    const tsc = join(site, 'node_modules/typescript/bin/tsc');
    await run(process.execPath, [tsc, '-p', '.'], { cwd: site }).catch((error: { stdout?: string }) => assert.fail(`tsc: ${error.stdout}`));
    const misuse = await run(
      process.execPath,
      [
        tsc,
        '--noEmit',
        '--jsx',
        'react-jsx',
        '--strict',
        '--moduleResolution',
        'bundler',
        '--module',
        'esnext',
        '--target',
        'es2022',
        '--lib',
        'es2023,dom',
        'src/typing-errors.tsx',
      ],
      {
        cwd: site,
      },
    ).then(
      () => '',
      (error: { stdout?: string }) => error.stdout ?? '',
    );
    assert.match(misuse, /typing-errors\.tsx\(6,\d+\): error TS2322: Type 'number' is not assignable to type 'string'/, misuse);
    assert.match(misuse, /typing-errors\.tsx\(7,\d+\): error TS2339: Property 'nope' does not exist/, misuse);
    await run(process.execPath, [join(site, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: site, timeout: 300_000 });
    assert.ok(existsSync(join(site, 'dist/index.html')));
  });

  test("a node from the packed @openfaceio/node enrolls and authenticates the site's user", async (t) => {
    assert.ok(existsSync(join(site, 'dist/index.html')), 'the site was not built (previous test)');
    mkdirSync(server);
    writeFileSync(
      join(server, 'package.json'),
      JSON.stringify({ name: 'a-node', private: true, type: 'module', allowScripts: { ...DENIED_SCRIPTS, [`file:${nodeTarball}`]: true } }),
    );
    // The node's postinstall fetches and verifies the models (from the npm cache after the repository's own install).
    await npm(server, 'install', libraryTarball, nodeTarball);
    t.diagnostic(`node install: ${installed(server).count} packages, ${((await diskKb(server)) / 1024).toFixed(0)} MB on disk`);
    assert.ok(existsSync(join(server, 'node_modules/@openfaceio/node/models/fr_feature.onnx')), 'the postinstall installed the models');

    // A site's backend verifies webhooks with the helper, in plain JavaScript.
    const verified = await run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { signWebhook, verifyWebhook } from '@openfaceio/node/webhooks';
         const t = Math.floor(Date.now() / 1000);
         console.log(JSON.stringify(verifyWebhook('whsec_x', '{"a":1}', signWebhook('whsec_x', '{"a":1}', t))));`,
      ],
      { cwd: server },
    );
    assert.equal(JSON.parse(verified.stdout).ok, true);

    host = await startStaticServer({ routes: { '/': join(site, 'dist') } });
    const bin = join(server, 'node_modules/@openfaceio/node/src/cli/bin.mjs');
    const dataDir = join(server, 'data');
    const created = JSON.parse(
      (await run(process.execPath, [bin, 'app', 'create', '--name', 'A site', '--origin', host.origin, '--data-dir', dataDir], { cwd: server }))
        .stdout,
    ) as { publicId: string };
    // Enrollment answers the active liveness challenge, which the fixed webcam clip cannot follow.
    await run(process.execPath, [bin, 'app', 'settings', created.publicId, '--set', 'liveness=passive', '--data-dir', dataDir], { cwd: server });
    node = await serveNode(server, dataDir);
    // The packed node carries its console, built at prepack.
    assert.match(await (await fetch(`${node.url}/console`)).text(), /<ofio-console>/);
    assert.equal((await fetch(`${node.url}/console/assets/console.js`)).status, 200);

    browser = await launchChromium({ fakeVideo: y4mOf(dataPath('video/person-lmm-webcam.mp4')) });
    const page = await openPage(browser, host.url(`/index.html?publicId=${created.publicId}&node=${encodeURIComponent(node.url)}`));
    const p = page.page;
    const enroll = p.locator('faceio-enroll');
    await enroll.getByRole('button', { name: 'Enroll with your face' }).click();
    await enroll.getByRole('button', { name: 'I agree' }).click();
    await enroll.getByRole('button', { name: 'Start the scan' }).click();
    await typePin(enroll, '4831');
    await typePin(enroll, '4831');
    const facialId = await p.getByTestId('enrolled').textContent({ timeout: 90_000 });
    assert.match(facialId ?? '', /^[0-9a-f-]{36}$/, page.logs.join('\n'));

    await p.getByRole('button', { name: 'Sign in with FaceIO' }).click();
    const pinBox = p.locator('dialog faceio-authenticate').getByRole('textbox', { name: /^Digit 1 of/ });
    const signedIn = p.getByTestId('signed-in');
    // The node may ask for the PIN on a low margin (pinPolicy on-doubt): answer it when it does.
    await Promise.race([
      signedIn.waitFor({ timeout: 90_000 }),
      pinBox.waitFor({ timeout: 90_000 }).then(() => typePin(p.locator('dialog faceio-authenticate'), '4831')),
    ]);
    assert.equal(await signedIn.textContent({ timeout: 90_000 }), facialId);
    const log = (await p.evaluate(() => (window as unknown as { siteLog: unknown[] }).siteLog)) as Record<string, unknown>[];
    assert.deepEqual(
      log.find((entry) => 'signedIn' in entry),
      { signedIn: facialId, payload: { user: 'consumer@example.com' } },
    );
  });
});
