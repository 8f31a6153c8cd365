import { readdir, readFile } from 'node:fs/promises';
import type { Db } from './db.js';
import { splitSql } from './sql-split.js';

/** `NNN_name.sql` files next to this module; applied in version order, never edited once released. */
export const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);

export interface Migration {
  version: number;
  name: string;
  statements: string[];
}

// Any fixed bigint: every node takes the same transaction-scoped advisory lock, so two nodes
// starting together against one PostgreSQL apply each migration once (the second waits, then sees it
// recorded). PGlite supports the same function; there it never waits, being one process.
const MIGRATION_LOCK = 0x6f66696f; // "ofio"

const CREATE_LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version int PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

const FILE = /^(\d+)_([\w-]+)\.sql$/;

export async function loadMigrations(dir: URL = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql'));
  const migrations = await Promise.all(
    files.map(async (file) => {
      const match = FILE.exec(file);
      if (!match) throw new Error(`migration file name must be NNN_name.sql: ${file}`);
      const statements = splitSql(await readFile(new URL(file, dir), 'utf8'));
      return { version: Number(match[1]), name: match[2]!, statements };
    }),
  );
  migrations.sort((a, b) => a.version - b.version);
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]!.version === migrations[i - 1]!.version) throw new Error(`two migrations share version ${migrations[i]!.version}`);
  }
  return migrations;
}

/**
 * Applies the migrations not yet recorded in schema_migrations, each in its own transaction (a
 * failing one leaves no trace and stops the rest). Resolves to the versions applied by this call.
 */
export async function migrate(db: Db, dir: URL = MIGRATIONS_DIR): Promise<number[]> {
  const applied: number[] = [];
  for (const migration of await loadMigrations(dir)) {
    const done = await db.transaction(async (tx) => {
      // The lock first: the ledger's CREATE and the "already applied?" read must not race another node.
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await tx.query(CREATE_LEDGER);
      const { rows } = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
      if (rows.length > 0) return false;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      return true;
    });
    if (done) applied.push(migration.version);
  }
  return applied;
}
