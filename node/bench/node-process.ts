// The benches' way to run the baseline and this tree side by side: each processing node in its own
// child process (bench/node-server.ts), the baseline from the commit it names, extracted from git.
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NodeServerArgs } from './node-server.js';

export type Variant = 'baseline' | 'new';
export const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/**
 * The baseline commit's files in a temporary folder, sharing this tree's installed packages and
 * models (`ref`: default the merge base with main — the code before this branch). Its SDK is
 * built there when `sdk` is set (the browser bench).
 */
export function baselineTree(ref?: string, options: { sdk?: boolean } = {}): { dir: string; ref: string } {
  const name = ref ?? execFileSync('git', ['merge-base', 'HEAD', 'main'], { cwd: REPO, encoding: 'utf8' }).trim();
  const sha = execFileSync('git', ['rev-parse', name], { cwd: REPO, encoding: 'utf8' }).trim();
  // On main itself the merge base is HEAD: the "baseline" would be this very code run inline (no
  // inference pool), which is no before/after. Say so rather than print ratios that look like one.
  if (sha === execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).trim())
    console.warn(`warning: the baseline ${name} is this commit; pass --baseline-ref <the commit before the change>`);
  const dir = join(os.tmpdir(), `openfaceio-baseline-${sha.slice(0, 12)}`);
  if (!existsSync(join(dir, 'node/src'))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    execFileSync('sh', ['-c', `git archive ${sha} | tar -x -C ${JSON.stringify(dir)}`], { cwd: REPO });
    // The packages, except the two workspace links, which must point into the extracted tree.
    mkdirSync(join(dir, 'node_modules/@openfaceio'), { recursive: true });
    for (const entry of readdirSync(join(REPO, 'node_modules'))) {
      if (entry === 'openfaceio' || entry === '@openfaceio' || entry === '.bin') continue;
      symlinkSync(join(REPO, 'node_modules', entry), join(dir, 'node_modules', entry));
    }
    symlinkSync('..', join(dir, 'node_modules/openfaceio'));
    symlinkSync('../../node', join(dir, 'node_modules/@openfaceio/node'));
    symlinkSync(join(REPO, 'node/models'), join(dir, 'node/models'));
  }
  if (options.sdk && !existsSync(join(dir, 'dist/bundle/openfaceio.js')))
    execFileSync(process.execPath, [join(dir, 'scripts/build.mjs'), '--quiet', '--out', join(dir, 'dist/bundle')], { cwd: dir, stdio: 'inherit' });
  copyFileSync(fileURLToPath(new URL('./node-server.ts', import.meta.url)), join(dir, 'node/bench/node-server.ts'));
  return { dir, ref: `${name} (${sha.slice(0, 12)})` };
}

export interface NodeStats {
  cpuMs: number;
  wallMs: number;
  eventLoop: { idle: number; active: number };
}

export interface NodeProcess {
  variant: Variant;
  url: string;
  createApp(settings: Record<string, unknown>, origins?: string[]): Promise<{ id: string; publicId: string }>;
  addIdentities(appId: string, count: number): Promise<void>;
  stats(): Promise<NodeStats>;
  stop(): Promise<void>;
}

/** Starts a node of `variant` from `tree` (this repository or a baselineTree()). */
export async function startNodeProcess(variant: Variant, tree: string, options: Omit<NodeServerArgs, 'variant'> = {}): Promise<NodeProcess> {
  const child: ChildProcess = fork(join(tree, 'node/bench/node-server.ts'), [], {
    cwd: join(tree, 'node'),
    execArgv: ['--conditions=@openfaceio/source', '--import', 'tsx'],
    env: { ...process.env, OPENFACEIO_MODELS_DIR: join(REPO, 'node/models'), BENCH_NODE_ARGS: JSON.stringify({ variant, ...options }) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, (answer: Record<string, unknown>) => void>();
  let nextId = 1;
  const ready = new Promise<string>((resolveReady, reject) => {
    child.on('message', (m: { type?: string; id?: number; url?: string }) => {
      if (m.type === 'ready') return resolveReady(m.url!);
      pending.get(m.id!)?.(m as Record<string, unknown>);
      pending.delete(m.id!);
    });
    child.once('exit', (code) => reject(new Error(`${variant} node exited with ${code} before it was ready`)));
  });
  const call = (type: string, body: Record<string, unknown> = {}): Promise<Record<string, unknown>> =>
    new Promise((resolveCall, reject) => {
      const id = nextId++;
      pending.set(id, (answer) => (answer.error ? reject(new Error(String(answer.error))) : resolveCall(answer)));
      child.send({ id, type, ...body });
    });
  const url = await ready;
  return {
    variant,
    url,
    createApp: async (settings, origins = []) => (await call('createApp', { settings, origins })).app as { id: string; publicId: string },
    addIdentities: async (appId, count) => void (await call('identities', { appId, count })),
    stats: async () => (await call('stats')) as unknown as NodeStats,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      await call('stop');
      await exited;
    },
  };
}
