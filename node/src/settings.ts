import type { ChallengeAlternative, ChallengeStep, LivenessMode } from 'openfaceio/protocol';
import { CHALLENGE_ALTERNATIVES, CHALLENGE_STEPS, LIVENESS_MODES } from 'openfaceio/protocol';
import { DEFAULT_MATCH_THRESHOLD } from 'openfaceio/vision';

/**
 * Per-application security settings: FACEIO's eleven (duplicate-face prevention, PAD, forbid
 * minors, always ask PIN, PIN uniqueness, reject weak PINs, reject empty origin, origin allow-list
 * — stored as the app's `origins` —, country allow-list, webhooks) plus openfaceio's own.
 */
export interface AppSettings {
  /** Refuse to enroll a face already in the app's index (FACE_DUPLICATION). */
  preventDuplicates: boolean;
  /** Presentation-attack detection (PAD_ATTACK): passive signals, and the active challenge as `liveness` says. */
  pad: boolean;
  /**
   * How liveness is proved when `pad` is on: `passive` signals only; `active`: every session answers
   * a random challenge; `active-on-doubt` (default): the challenge only when the passive evidence is
   * not clearly live. Enrollment answers the challenge unless the mode is `passive`.
   */
  liveness: LivenessMode;
  /** The steps a challenge is drawn from. */
  challengeSteps: ChallengeStep[];
  /** Steps per challenge (2–3). */
  challengeLength: number;
  /** What a user who cannot turn the head may ask for: `blink-only` steps, the facial ID's `pin` (authentication), or `none`. */
  challengeAlternative: ChallengeAlternative;
  /** Refuse enrollment when the estimated age is under 18 (MINORS_NOT_ALLOWED); conservative, see README. */
  forbidMinors: boolean;
  /** `always` = FACEIO's "always ask PIN"; `on-doubt` asks only when the match is close; `never`. */
  pinPolicy: 'never' | 'on-doubt' | 'always';
  /** PIN codes must differ between users of the app (UNIQUE_PIN_REQUIRED). */
  pinUniqueness: boolean;
  rejectWeakPin: boolean;
  /** Shortest PIN accepted (4–16 digits). */
  pinLength: number;
  /** Refuse requests without an Origin header (EMPTY_ORIGIN). */
  rejectEmptyOrigin: boolean;
  /** ISO 3166 alpha-2 codes; empty = any country. Read from the node's trusted country header. */
  countryAllowList: string[];
  /** Cosine similarity needed for a match (see README "Accuracy"). */
  matchThreshold: number;
  /** Keep the frames of each session for audit (off by default: no raw frame is stored). */
  auditImages: boolean;
  /** Delete facial IDs not seen for this many days (0 = keep). */
  retentionDays: number;
  /** Webhook endpoint (https in production) and which events it receives. */
  webhookUrl: string | null;
  webhookEvents: ('enroll' | 'authenticate' | 'deletion' | 'failure')[];
}

export const DEFAULT_SETTINGS: AppSettings = {
  preventDuplicates: true,
  pad: true,
  liveness: 'active-on-doubt',
  challengeSteps: [...CHALLENGE_STEPS],
  challengeLength: 2,
  challengeAlternative: 'blink-only',
  forbidMinors: false,
  pinPolicy: 'on-doubt',
  pinUniqueness: false,
  rejectWeakPin: true,
  pinLength: 4,
  rejectEmptyOrigin: true,
  countryAllowList: [],
  matchThreshold: DEFAULT_MATCH_THRESHOLD,
  auditImages: false,
  retentionDays: 0,
  webhookUrl: null,
  webhookEvents: ['enroll', 'authenticate', 'deletion', 'failure'],
};

export class SettingsError extends Error {
  readonly code = 'INVALID_SETTING';
}

const bool = (key: string, v: unknown): boolean => {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'on' || v === '1') return true;
  if (v === 'false' || v === 'off' || v === '0') return false;
  throw new SettingsError(`${key} must be true or false`);
};
const num = (key: string, v: unknown, min: number, max: number, integer = false): number => {
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n)))
    throw new SettingsError(`${key} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`);
  return n;
};
const list = (v: unknown): string[] =>
  Array.isArray(v)
    ? v.map(String)
    : String(v)
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);

/** Validates one setting (from JSON or a CLI `key=value` string) and returns the typed value. */
export function parseSetting<K extends keyof AppSettings>(key: K, value: unknown): AppSettings[K] {
  switch (key) {
    case 'preventDuplicates':
    case 'pad':
    case 'forbidMinors':
    case 'pinUniqueness':
    case 'rejectWeakPin':
    case 'rejectEmptyOrigin':
    case 'auditImages':
      return bool(key, value) as AppSettings[K];
    case 'pinPolicy':
      if (value === 'never' || value === 'on-doubt' || value === 'always') return value as AppSettings[K];
      throw new SettingsError('pinPolicy must be never, on-doubt or always');
    case 'pinLength':
      return num(key, value, 4, 16, true) as AppSettings[K];
    case 'liveness':
      if ((LIVENESS_MODES as readonly unknown[]).includes(value)) return value as AppSettings[K];
      throw new SettingsError(`liveness must be ${LIVENESS_MODES.join(', ')}`);
    case 'challengeSteps': {
      const steps = list(value);
      if (steps.length === 0 || steps.some((s) => !(CHALLENGE_STEPS as readonly string[]).includes(s)))
        throw new SettingsError(`challengeSteps must be a non-empty list of ${CHALLENGE_STEPS.join(', ')}`);
      return [...new Set(steps)] as AppSettings[K];
    }
    case 'challengeLength':
      return num(key, value, 2, 3, true) as AppSettings[K];
    case 'challengeAlternative':
      if ((CHALLENGE_ALTERNATIVES as readonly unknown[]).includes(value)) return value as AppSettings[K];
      throw new SettingsError(`challengeAlternative must be ${CHALLENGE_ALTERNATIVES.join(', ')}`);
    case 'matchThreshold':
      return num(key, value, 0.2, 0.9) as AppSettings[K];
    case 'retentionDays':
      return num(key, value, 0, 36_500, true) as AppSettings[K];
    case 'countryAllowList': {
      const codes = list(value).map((c) => c.toUpperCase());
      if (codes.some((c) => !/^[A-Z]{2}$/.test(c))) throw new SettingsError('countryAllowList must be ISO 3166 alpha-2 codes, e.g. US,FR');
      return codes as AppSettings[K];
    }
    case 'webhookUrl': {
      if (value === null || value === '' || value === 'none') return null as AppSettings[K];
      const url = String(value);
      if (!/^https?:\/\/[^\s]+$/.test(url)) throw new SettingsError('webhookUrl must be an http(s) URL or "none"');
      return url as AppSettings[K];
    }
    case 'webhookEvents': {
      const events = list(value);
      const allowed = ['enroll', 'authenticate', 'deletion', 'failure'];
      if (events.some((e) => !allowed.includes(e))) throw new SettingsError(`webhookEvents must be among ${allowed.join(', ')}`);
      return events as AppSettings[K];
    }
    default:
      throw new SettingsError(`unknown setting "${String(key)}" (known: ${Object.keys(DEFAULT_SETTINGS).join(', ')})`);
  }
}

/** Settings stored in the database merged over the defaults (new settings get their defaults). */
export const effectiveSettings = (stored: Partial<AppSettings> | null | undefined): AppSettings => ({ ...DEFAULT_SETTINGS, ...(stored ?? {}) });
