// Runs the models install step (node/scripts/install-models.mjs) as npm would, for the tests of it
// and of the files it derives.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const INSTALL_SCRIPT = new URL('../../scripts/install-models.mjs', import.meta.url).pathname;
export const MODELS_LOCK = new URL('../../scripts/models.lock.json', import.meta.url).pathname;
export const MODELS_DIR = new URL('../../models', import.meta.url).pathname;

/** The install step with extra environment: its exit code and everything it printed. */
export async function runInstallModels(env: Record<string, string>): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [INSTALL_SCRIPT], { env: { ...process.env, ...env } });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}
