import { parseArgs } from 'node:util';
import type { NodeConfig } from '../config.js';
import { loadConfig } from '../config.js';
import { lockDataDir } from '../data-lock.js';
import type { AppSettings } from '../settings.js';
import { parseSetting } from '../settings.js';
import type { Db } from '../store/db.js';
import type { AppStatus } from '../store/apps.js';
import { createApp, findAppByPublicId, updateApp, updateSettings } from '../store/apps.js';
import { openStore } from '../store/open.js';

/** Opens the configured store for a one-off command (holding the PGlite data-dir lock meanwhile). */
async function withStore<T>(config: NodeConfig, run: (db: Db) => Promise<T>): Promise<T> {
  const unlock = config.databaseUrl ? () => undefined : lockDataDir(config.dataDir, 'openfaceio app (CLI)');
  try {
    const db = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      return await run(db);
    } finally {
      await db.close();
    }
  } finally {
    unlock();
  }
}

const STORE_FLAGS = { 'data-dir': { type: 'string' }, 'database-url': { type: 'string' } } as const;
const storeArgs = (values: { 'data-dir'?: string; 'database-url'?: string }) => [
  ...(values['data-dir'] ? ['--data-dir', values['data-dir']] : []),
  ...(values['database-url'] ? ['--database-url', values['database-url']] : []),
];

/** `openfaceio app create --name N --origin URL...` → {publicId, apiKey, secret, webhookSecret}. */
export async function appCreate(argv: string[]): Promise<Record<string, unknown>> {
  const { values } = parseArgs({ args: argv, options: { name: { type: 'string' }, origin: { type: 'string', multiple: true }, ...STORE_FLAGS } });
  if (!values.name) throw new Error('app create needs --name <name>');
  const config = loadConfig(storeArgs(values));
  const created = await withStore(config, (db) => createApp(db, values.name!, values.origin ?? []));
  return {
    publicId: created.app.publicId,
    apiKey: created.apiKey,
    secret: created.secret,
    webhookSecret: created.webhookSecret,
    origins: created.app.origins,
  };
}

/** `openfaceio app settings <publicId> [--set key=value ...] [--status active|paused|blocked] [--origin URL ...]` → the app's settings. */
export async function appSettings(argv: string[]): Promise<Record<string, unknown>> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { set: { type: 'string', multiple: true }, status: { type: 'string' }, origin: { type: 'string', multiple: true }, ...STORE_FLAGS },
  });
  const publicId = positionals[0];
  if (!publicId) throw new Error('app settings needs the public ID: openfaceio app settings <publicId> --set key=value');
  const changes: Partial<AppSettings> = {};
  for (const pair of values.set ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`--set expects key=value, got "${pair}"`);
    const key = pair.slice(0, eq) as keyof AppSettings;
    Object.assign(changes, { [key]: parseSetting(key, pair.slice(eq + 1)) });
  }
  const status = values.status as AppStatus | undefined;
  if (status && !['active', 'paused', 'blocked'].includes(status)) throw new Error('--status must be active, paused or blocked');
  return withStore(loadConfig(storeArgs(values)), async (db) => {
    let app = await findAppByPublicId(db, publicId);
    if (!app) throw new Error(`no application ${publicId}`);
    if (Object.keys(changes).length) app = await updateSettings(db, app.id, changes);
    if (status || values.origin)
      app = await updateApp(db, app.id, { ...(status ? { status } : {}), ...(values.origin ? { origins: values.origin } : {}) });
    return { publicId: app.publicId, name: app.name, status: app.status, origins: app.origins, settings: app.settings };
  });
}
