// The flow's per-phase time limits from fio.js's parameters. fio.js (`_fillParameters`, 2.x) reads
// seconds (termsTimeout in minutes) and replaces a value below its floor with the default rather
// than clamping it (idleTimeout ≤ 9 s, replyTimeout ≤ 15 s, enrollIntroTimeout ≤ 4 s, termsTimeout
// outside 3–30 min); we keep that so a fio.js integration gets the same timings. fio.js has no
// ceiling except for terms; we clamp to one (a camera left open for hours helps nobody) and raise
// two floors: permission has none in fio.js and the intro's 5 s is under WCAG 2.2.1's reading time
// (CONVENTIONS habit 8: no read/type phase under 6 s; every phase can also be extended).

/** fio.js parameter names; numbers (or numeric strings, as HTML attributes give them). */
export interface FioTimeoutParams {
  /** Seconds to answer the camera prompt (default 27). */
  permissionTimeout?: number | string;
  /** Minutes to accept the terms of use (default 10). */
  termsTimeout?: number | string;
  /** Seconds the enrollment introduction stays before the flow moves on (default 12). */
  enrollIntroTimeout?: number | string;
  /** Seconds to show a face to the camera (default 27). */
  idleTimeout?: number | string;
  /** Seconds to wait for the processing node's answer (default 40). */
  replyTimeout?: number | string;
  /** Seconds to type the PIN (openfaceio; fio.js has no PIN limit; default 60). */
  pinTimeout?: number | string;
}

export type FioTimeoutName = keyof FioTimeoutParams;

/** Normalized limits in milliseconds, one per timed phase; what the machine's named delays read. */
export interface FlowTimeouts {
  permission: number;
  terms: number;
  intro: number;
  idle: number;
  reply: number;
  pin: number;
}

export interface TimeoutBound {
  /** Which FlowTimeouts entry the parameter feeds. */
  phase: keyof FlowTimeouts;
  unit: 's' | 'min';
  default: number;
  /** Below this the default applies (fio.js's rule). */
  min: number;
  /** Above this the value is clamped to it. */
  max: number;
}

/** No read/type phase may time out under this (WCAG 2.2.1). */
export const MIN_READING_MS = 6_000;

/** The bounds, in the parameter's own unit; README and the element docs quote this table. */
export const TIMEOUT_BOUNDS: Readonly<Record<FioTimeoutName, TimeoutBound>> = {
  permissionTimeout: { phase: 'permission', unit: 's', default: 27, min: 10, max: 120 },
  termsTimeout: { phase: 'terms', unit: 'min', default: 10, min: 3, max: 30 },
  enrollIntroTimeout: { phase: 'intro', unit: 's', default: 12, min: 6, max: 60 },
  idleTimeout: { phase: 'idle', unit: 's', default: 27, min: 10, max: 120 },
  replyTimeout: { phase: 'reply', unit: 's', default: 40, min: 16, max: 120 },
  pinTimeout: { phase: 'pin', unit: 's', default: 60, min: 15, max: 300 },
};

const MS_PER_UNIT = { s: 1_000, min: 60_000 } as const;

/** One parameter in milliseconds: missing, not a number, ≤ 0 or under the floor → the default; over the ceiling → the ceiling. */
export function normalizeTimeout(name: FioTimeoutName, value: unknown): number {
  const bound = TIMEOUT_BOUNDS[name];
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  const chosen = !Number.isFinite(n) || n < bound.min ? bound.default : Math.min(n, bound.max);
  return Math.round(chosen * MS_PER_UNIT[bound.unit]);
}

export function normalizeTimeouts(params: FioTimeoutParams = {}): FlowTimeouts {
  const out = {} as FlowTimeouts;
  for (const name of Object.keys(TIMEOUT_BOUNDS) as FioTimeoutName[]) out[TIMEOUT_BOUNDS[name].phase] = normalizeTimeout(name, params[name]);
  return out;
}

export const DEFAULT_TIMEOUTS: Readonly<FlowTimeouts> = normalizeTimeouts();
