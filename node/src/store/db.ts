/**
 * The one SQL interface the node uses (PostgreSQL dialect everywhere): PGlite in a data directory
 * by default, a PostgreSQL server through `pg` when DATABASE_URL is set.
 */
export interface QueryResult<Row> {
  rows: Row[];
  /** Rows inserted / updated / deleted (0 for SELECT on some drivers: use rows.length). */
  affectedRows: number;
}

export interface Queryable {
  /** Parameterised query: `$1, $2 …` placeholders, never string-built SQL. */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>>;
}

export interface Db extends Queryable {
  /** Runs `fn` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** 'pglite' or 'postgres', for /v1/status and logs. */
  readonly kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}
