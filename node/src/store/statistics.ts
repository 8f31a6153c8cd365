// Per-day statistics of an application (the console's charts, GET /v1/admin/statistics/daily):
// verdicts by kind, failures by fio.js code, PAD refusals and the verdict time's p50 / p95, from
// the events table. Days are UTC calendar days; days without events are filled with zeros.
import { FIO_ERROR_CODES, type FioErrorName } from 'openfaceio/protocol';
import type { Queryable } from './db.js';

export interface DayStatistics {
  /** YYYY-MM-DD (UTC). */
  day: string;
  enrollments: number;
  authentications: number;
  /** Session verdicts that failed with a fio.js code (abandoned sessions are not failures). */
  failures: number;
  padRefusals: number;
  /** Verdict time from the first frame, PIN typing excluded; null on days without a timed verdict. */
  p50Ms: number | null;
  p95Ms: number | null;
}

export interface StatisticsRange {
  from: string;
  to: string;
  days: DayStatistics[];
  failuresByCode: { code: number; name: string; count: number }[];
  totals: { enrollments: number; authentications: number; failures: number; padRefusals: number; p50Ms: number | null; p95Ms: number | null };
}

const SESSION_KINDS = ['enroll', 'authenticate', 'liveness', 'age'];
/** A failed session verdict: a session kind whose outcome is neither success nor an abandonment (rows older than the `code` column included). */
const FAILED = `kind = ANY($3) AND outcome <> 'success' AND outcome NOT LIKE 'abandoned%'`;
const DAY_MS = 86_400_000;

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const num = (v: unknown) => Number(v ?? 0);
const ms = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v)));

/** The last `days` days up to `now` (inclusive). */
export async function dailyStatistics(db: Queryable, appId: string, days: number, now: number): Promise<StatisticsRange> {
  const first = Date.parse(dayOf(now - (days - 1) * DAY_MS));
  const since = new Date(first);
  const params = [appId, since, SESSION_KINDS];
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day,
       count(*) FILTER (WHERE kind = 'enroll' AND outcome = 'success') AS enrollments,
       count(*) FILTER (WHERE kind = 'authenticate' AND outcome = 'success') AS authentications,
       count(*) FILTER (WHERE ${FAILED}) AS failures,
       count(*) FILTER (WHERE outcome = 'PAD_ATTACK') AS pad,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms) AS p50,
       percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms) AS p95
     FROM events WHERE app_id = $1 AND at >= $2 GROUP BY 1`,
    params,
  );
  const byDay = new Map(rows.map((r) => [String(r.day), r]));
  const series: DayStatistics[] = [];
  for (let t = first; dayOf(t) <= dayOf(now); t += DAY_MS) {
    const r = byDay.get(dayOf(t));
    series.push({
      day: dayOf(t),
      enrollments: num(r?.enrollments),
      authentications: num(r?.authentications),
      failures: num(r?.failures),
      padRefusals: num(r?.pad),
      p50Ms: ms(r?.p50),
      p95Ms: ms(r?.p95),
    });
  }
  const codes = await db.query<{ outcome: string; n: unknown }>(
    `SELECT outcome, count(*) AS n FROM events WHERE app_id = $1 AND at >= $2 AND ${FAILED} GROUP BY outcome ORDER BY count(*) DESC, outcome`,
    params,
  );
  const overall = await db.query<{ p50: unknown; p95: unknown }>(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms) AS p50, percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms) AS p95
     FROM events WHERE app_id = $1 AND at >= $2`,
    [appId, since],
  );
  const sum = (key: 'enrollments' | 'authentications' | 'failures' | 'padRefusals') => series.reduce((s, d) => s + d[key], 0);
  return {
    from: series[0]!.day,
    to: series[series.length - 1]!.day,
    days: series,
    failuresByCode: codes.rows.map((r) => ({ code: FIO_ERROR_CODES[r.outcome as FioErrorName] ?? 0, name: r.outcome, count: num(r.n) })),
    totals: {
      enrollments: sum('enrollments'),
      authentications: sum('authentications'),
      failures: sum('failures'),
      padRefusals: sum('padRefusals'),
      p50Ms: ms(overall.rows[0]?.p50),
      p95Ms: ms(overall.rows[0]?.p95),
    },
  };
}

/** Facial IDs per application id (the operator's list of applications). */
export async function facialIdCounts(db: Queryable): Promise<Map<string, number>> {
  const { rows } = await db.query<{ app_id: string; n: unknown }>('SELECT app_id, count(*) AS n FROM facial_ids GROUP BY app_id');
  return new Map(rows.map((r) => [r.app_id, Number(r.n)]));
}
