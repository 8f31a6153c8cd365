import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * PGlite is single-process: two processes on one data directory corrupt it. Whoever opens the
 * directory (the node, or a CLI command) holds `openfaceio.pid` there; a second process gets a
 * clear error instead. (PostgreSQL deployments don't need this.)
 */
export class DataDirLockedError extends Error {
  readonly code = 'DATA_DIR_LOCKED';
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

export function lockDataDir(dir: string, purpose: string): () => void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'openfaceio.pid');
  if (existsSync(file)) {
    const [pidText, holder = 'another process'] = readFileSync(file, 'utf8').split('\n');
    const pid = Number(pidText);
    if (pid && pid !== process.pid && alive(pid)) {
      throw new DataDirLockedError(
        `${dir} is in use by ${holder} (pid ${pid}). Stop it first, or change settings through the running node's admin API (PATCH /v1/admin/settings).`,
      );
    }
  }
  writeFileSync(file, `${process.pid}\n${purpose}\n`);
  return () => {
    try {
      if (readFileSync(file, 'utf8').startsWith(`${process.pid}\n`)) rmSync(file);
    } catch {
      // already gone
    }
  };
}
