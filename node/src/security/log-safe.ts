// What an error may put in a log line (finding 5): PGlite's and pg's errors carry the query's
// parameters (`params`), and `detail` / `where` / some messages quote the offending value — an
// enrollment payload, a PIN hash, a token. The node's logger serializes every `err` through this.

const DB_FIELDS = ['code', 'severity', 'routine', 'table', 'column', 'constraint'] as const;

/** A database error: it has an SQLSTATE and a severity (both drivers' DatabaseError). */
const isDatabaseError = (error: object): boolean =>
  typeof (error as { code?: unknown }).code === 'string' && typeof (error as { severity?: unknown }).severity === 'string';

/**
 * The loggable part of an error: name, message and code; for a database error only its SQLSTATE
 * and the schema objects involved (never its message, detail, query or parameters).
 */
export function logSafeError(error: unknown): Record<string, unknown> {
  if (!error || typeof error !== 'object') return { message: String(error) };
  const e = error as Record<string, unknown>;
  if (isDatabaseError(error)) {
    const safe: Record<string, unknown> = { type: 'DatabaseError' };
    for (const field of DB_FIELDS) if (typeof e[field] === 'string') safe[field] = e[field];
    return safe;
  }
  return {
    type: typeof e.name === 'string' ? e.name : 'Error',
    message: typeof e.message === 'string' ? e.message : String(error),
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(typeof e.statusCode === 'number' ? { statusCode: e.statusCode } : {}),
  };
}
