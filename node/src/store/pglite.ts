import { AsyncLocalStorage } from 'node:async_hooks';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Db, Queryable, QueryResult } from './db.js';
import { BYTEA_OID, parsers, serializeBytea } from './types.js';

export interface PgliteOptions {
  /** A `dumpDataDir()` tarball to start from instead of running initdb (~0.7 s instead of ~3 s; tests use it). */
  loadDataDir?: Blob;
}

/**
 * A one-at-a-time queue. PGlite is one PostgreSQL backend in this process: a transaction holds it
 * from BEGIN to COMMIT, so another request's query must wait rather than land inside it.
 * (PGlite 0.5 also queues internally; this lock makes the guarantee ours, not a detail of its version.)
 */
class Lock {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(fn);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}

const toResult = <Row>(r: { rows: unknown[]; affectedRows?: number }): QueryResult<Row> => ({
  rows: r.rows as Row[],
  affectedRows: r.affectedRows ?? 0,
});

/** PGlite in `dataDir` (created on first use), or in memory when `dataDir` is null (tests). */
export async function openPglite(dataDir: string | null, options: PgliteOptions = {}): Promise<Db> {
  const pglite = await PGlite.create({
    ...(dataDir === null ? {} : { dataDir }),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    parsers,
    serializers: { [BYTEA_OID]: serializeBytea },
  });
  const lock = new Lock();
  // Marks code running inside one of our transactions: calling `db.query` there (instead of
  // `tx.query`) would wait for the lock that transaction holds, forever. Fail loudly instead.
  const inTransaction = new AsyncLocalStorage<{ open: boolean }>();
  const assertNotInTransaction = () => {
    if (inTransaction.getStore()?.open) {
      throw new Error('db.query/db.transaction called inside a PGlite transaction: use the tx passed to the callback (it would deadlock)');
    }
  };

  const txQueryable = (tx: Transaction): Queryable => ({
    query: async <Row>(sql: string, params: readonly unknown[] = []) => toResult<Row>(await tx.query(sql, [...params])),
  });

  return {
    kind: 'pglite',
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      assertNotInTransaction();
      return lock.run(async () => toResult<Row>(await pglite.query(sql, [...params])));
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>) {
      assertNotInTransaction();
      return lock.run(() => {
        const state = { open: true };
        // PGlite's transaction() sends BEGIN, COMMIT or ROLLBACK, refuses a tx used after it ended
        // ("Transaction is closed") and throws 25P02 when COMMIT finds the transaction aborted.
        return inTransaction.run(state, () =>
          pglite
            .transaction((tx) => fn(txQueryable(tx)))
            .finally(() => {
              state.open = false;
            }),
        );
      });
    },
    async close() {
      await lock.run(() => pglite.close());
    },
  };
}
