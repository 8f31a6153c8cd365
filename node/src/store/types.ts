import pg from 'pg';

/**
 * One table of text-format result parsers, used by both adapters, so a row reads back as the same JS
 * values from PGlite and from a PostgreSQL server. Only the types whose defaults differ between the
 * two drivers (or are unsafe) are listed; everything else keeps each driver's default, which agree.
 */
const OID = { BYTEA: 17, INT8: 20, JSON: 114, DATE: 1082, TIMESTAMP: 1114, TIMESTAMPTZ: 1184, JSONB: 3802 } as const;

type TextParser = (text: string) => unknown;

/** bigint/bigserial/count(*): a number while it is exact (`pg` gives strings, PGlite numbers), a bigint beyond 2^53. */
const parseInt8: TextParser = (text) => {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : BigInt(text);
};

const pgText = (oid: number): TextParser => pg.types.getTypeParser(oid, 'text') as TextParser;

export const parsers: Readonly<Record<number, TextParser>> = {
  [OID.INT8]: parseInt8,
  // A Node Buffer (a Uint8Array) from both: PGlite's own parser builds a plain Uint8Array byte by byte.
  [OID.BYTEA]: pgText(OID.BYTEA),
  // pg's date parser everywhere: PGlite's `new Date(text)` reads a zone-less timestamp as local time
  // only by accident of V8's parser; one implementation removes the doubt.
  [OID.TIMESTAMPTZ]: pgText(OID.TIMESTAMPTZ),
  [OID.TIMESTAMP]: pgText(OID.TIMESTAMP),
  // A calendar date is not an instant: `pg` makes it local midnight, PGlite UTC midnight. Keep the text.
  [OID.DATE]: (text) => text,
  [OID.JSON]: JSON.parse,
  [OID.JSONB]: JSON.parse,
};

/**
 * bytea parameters: any typed array or Buffer is sent as its bytes, as `pg` does. PGlite's default
 * accepts only Uint8Array, so a Float32Array template would fail there and work on PostgreSQL.
 */
export const serializeBytea = (value: unknown): string => {
  if (!ArrayBuffer.isView(value)) throw new TypeError('bytea parameters must be a Buffer or typed array');
  return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
};

export const BYTEA_OID = OID.BYTEA;

/** Commands whose row count is "rows changed"; for the others (SELECT, DDL) affectedRows is 0 in both adapters, as in PGlite. */
export const WRITE_COMMANDS: ReadonlySet<string> = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'COPY']);

/** SQLSTATE 25P02 (in_failed_sql_transaction): PGlite's error when COMMIT turns into ROLLBACK. */
export const TRANSACTION_ABORTED = { code: '25P02', message: 'Transaction was rolled back instead of committed' } as const;
