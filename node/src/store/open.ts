import type { Db } from './db.js';
import { migrate } from './migrate.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';

export interface StoreConfig {
  /** DATABASE_URL: a PostgreSQL server shared by every node. */
  databaseUrl?: string;
  /** PGlite's data directory when there is no databaseUrl; null or absent keeps the database in memory. */
  dataDir?: string | null;
}

/** Opens the configured store and brings its schema up to date before anyone queries it. */
export async function openStore(config: StoreConfig): Promise<Db> {
  const db = config.databaseUrl ? await openPostgres(config.databaseUrl) : await openPglite(config.dataDir ?? null);
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}
