import pg from 'pg';
import type { Db, Queryable, QueryResult } from './db.js';
import { parsers, TRANSACTION_ABORTED, WRITE_COMMANDS } from './types.js';

// Same result types as PGlite (see types.ts); every other type keeps pg's default parser.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    (format !== 'binary' && parsers[oid]) || pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

async function run<Row>(client: pg.Pool | pg.PoolClient, sql: string, params: readonly unknown[]): Promise<QueryResult<Row>> {
  // Always the extended protocol, as PGlite's query() uses: without parameters pg would use the simple
  // protocol, which accepts several statements in one string; PGlite refuses them. Same SQL, same answer.
  const config = { text: sql, values: [...params], queryMode: 'extended' } as pg.QueryConfig;
  const r = await client.query(config);
  return { rows: r.rows as Row[], affectedRows: WRITE_COMMANDS.has(r.command) ? (r.rowCount ?? 0) : 0 };
}

const abortedError = () => Object.assign(new Error(TRANSACTION_ABORTED.message), { code: TRANSACTION_ABORTED.code });

/** A PostgreSQL server through a `pg.Pool`; fails at once when the server cannot be reached. */
export async function openPostgres(url: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, types });
  // An idle pooled client whose server goes away emits 'error' on the pool: unhandled, it would kill the node.
  pool.on('error', (err) => console.error('[store] idle PostgreSQL connection failed:', err.message));
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    await pool.end();
    throw err;
  }

  return {
    kind: 'postgres',
    query: <Row>(sql: string, params: readonly unknown[] = []) => run<Row>(pool, sql, params),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>) {
      // One checked-out client for the whole transaction: pool.query could use a different connection per statement.
      const client = await pool.connect();
      let closed = false;
      let broken: Error | undefined;
      const tx: Queryable = {
        query: <Row>(sql: string, params: readonly unknown[] = []) => {
          // After release the client belongs to someone else: never let a late tx.query run on it.
          if (closed) return Promise.reject(new Error('Transaction is closed'));
          return run<Row>(client, sql, params);
        },
      };
      try {
        await client.query('BEGIN');
        const result = await fn(tx);
        closed = true;
        // A statement failed but fn swallowed the error: PostgreSQL answers COMMIT with ROLLBACK and no
        // error. PGlite throws 25P02 there; so do we, or the caller would think its writes were saved.
        const commit = await client.query('COMMIT');
        if (commit.command === 'ROLLBACK') throw abortedError();
        return result;
      } catch (err) {
        closed = true;
        // Harmless when COMMIT already ended the transaction (a warning, not an error).
        await client.query('ROLLBACK').catch((e: Error) => {
          broken = e; // the connection is unusable: destroy it rather than return it to the pool
        });
        throw err;
      } finally {
        closed = true;
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
