import { parseArgs } from 'node:util';
import { DEFAULT_VERDICT_DEADLINE_MS } from './vision/pool/admission.js';
import type { ChallengeStep } from 'openfaceio/protocol';
import { parseSteps } from './sessions/pad/challenge-draw.js';
import { allowedNetworks } from './webhooks/destination.js';

/** Node configuration: environment variables, overridden by `openfaceio serve` flags. */
export interface NodeConfig {
  port: number;
  host: string;
  /** PGlite data directory (embedded default store). */
  dataDir: string;
  /** PostgreSQL instead of PGlite. */
  databaseUrl?: string;
  /** Redis bus instead of the in-process one (needed for several nodes). */
  redisUrl?: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** `human` (default): one readable line per session verdict and per error; `json`: pino's JSON lines, for production log pipelines. */
  logFormat: 'human' | 'json';
  /**
   * OPENFACEIO_OPERATOR_KEY: the operator's key (at least 24 characters). It signs in to the console
   * and the admin API (`Authorization: Bearer …`) with every application in reach, and creates
   * applications. Unset: no operator; each application's owner signs in with its own keys.
   */
  operatorKey?: string;
  /** Header a trusted reverse proxy sets to the client's ISO country code (e.g. cf-ipcountry). */
  countryHeader?: string;
  /** Trust X-Forwarded-For from the proxy in front (for per-IP rate limits). */
  trustProxy: boolean;
  /** Rate limits per minute. */
  sessionsPerIpPerMinute: number;
  sessionsPerAppPerMinute: number;
  adminPerKeyPerMinute: number;
  /** The node's public URL (https://faceio.example.com): links in sign-on pushes and QR codes, proof issuer. Default: from each request. */
  publicUrl?: string;
  /** VAPID subject of Web Push messages (a mailto: or https: contact for push services). */
  vapidSubject?: string;
  /** Inference worker threads; default: the cores this process may use. */
  inferenceWorkers?: number;
  /** Admission control: a new scan session is refused (TOO_MANY_REQUESTS, Retry-After) when its frames could not be analysed within this many ms. */
  verdictDeadlineMs: number;
  /**
   * TESTS ONLY, NEVER IN PRODUCTION: every session's liveness challenge is these steps instead of a
   * random draw, so a recorded clip can be tested against the challenge it matches. Anyone who knows
   * the steps can prepare a replay: the node warns at start and on every session. Set only by the
   * OPENFACEIO_INSECURE_FIXED_CHALLENGE environment variable or the --insecure-fixed-challenge flag,
   * never by an application setting.
   */
  insecureFixedChallenge?: ChallengeStep[];
  /** Non-public networks webhooks may reach (WEBHOOK_ALLOWED_NETWORKS, CIDRs): none by default (SSRF, webhooks/destination.ts). */
  webhookAllowedNetworks: string[];
}

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
/** The operator key is compared in constant time and tried by brute force only through the lockout; still, no short keys. */
export const MIN_OPERATOR_KEY_LENGTH = 24;

export class ConfigError extends Error {}

const int = (name: string, value: string | undefined, fallback: number, min = 0, max = 1e9): number => {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${value}"`);
  return n;
};

const optionalInt = (name: string, value: string | undefined, min: number, max: number): number | undefined =>
  value === undefined || value === '' ? undefined : int(name, value, 0, min, max);

function publicUrlOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`PUBLIC_URL must be an absolute http(s) URL, got "${value}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError(`PUBLIC_URL must be http(s), got "${value}"`);
  return url.origin + url.pathname.replace(/\/+$/, '');
}

function fixedChallenge(text: string): ChallengeStep[] {
  try {
    return parseSteps(text, 'OPENFACEIO_INSECURE_FIXED_CHALLENGE');
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
}

function networksOf(value: string | undefined): string[] {
  const cidrs = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  try {
    allowedNetworks(cidrs);
  } catch (error) {
    throw new ConfigError(`WEBHOOK_ALLOWED_NETWORKS must be a comma-separated list of CIDRs (10.0.0.0/8,::1/128): ${(error as Error).message}`);
  }
  return cidrs;
}

export function loadConfig(argv: string[] = [], env: NodeJS.ProcessEnv = process.env): NodeConfig {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      'redis-url': { type: 'string' },
      'log-level': { type: 'string' },
      'public-url': { type: 'string' },
      'log-format': { type: 'string' },
      'inference-workers': { type: 'string' },
      'insecure-fixed-challenge': { type: 'string' },
    },
  });
  const fixed = values['insecure-fixed-challenge'] ?? env.OPENFACEIO_INSECURE_FIXED_CHALLENGE;
  const logLevel = (values['log-level'] ?? env.LOG_LEVEL ?? 'info') as NodeConfig['logLevel'];
  if (!LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${LEVELS.join(', ')}`);
  const logFormat = (values['log-format'] ?? env.LOG_FORMAT ?? 'human').toLowerCase();
  if (logFormat !== 'human' && logFormat !== 'json') throw new ConfigError(`LOG_FORMAT must be human or json, got "${logFormat}"`);
  const operatorKey = env.OPENFACEIO_OPERATOR_KEY || undefined;
  if (operatorKey !== undefined && operatorKey.length < MIN_OPERATOR_KEY_LENGTH)
    throw new ConfigError(`OPENFACEIO_OPERATOR_KEY must be at least ${MIN_OPERATOR_KEY_LENGTH} characters (e.g. \`openssl rand -base64 32\`)`);
  return {
    port: int('PORT', values.port ?? env.PORT, 8080, 0, 65535),
    host: values.host ?? env.HOST ?? '0.0.0.0',
    dataDir: values['data-dir'] ?? env.DATA_DIR ?? './data',
    databaseUrl: values['database-url'] ?? env.DATABASE_URL ?? undefined,
    redisUrl: values['redis-url'] ?? env.REDIS_URL ?? undefined,
    logLevel,
    logFormat,
    operatorKey,
    countryHeader: env.COUNTRY_HEADER?.toLowerCase() || undefined,
    trustProxy: env.TRUST_PROXY === 'true' || env.TRUST_PROXY === '1',
    sessionsPerIpPerMinute: int('SESSIONS_PER_IP_PER_MINUTE', env.SESSIONS_PER_IP_PER_MINUTE, 30, 1),
    sessionsPerAppPerMinute: int('SESSIONS_PER_APP_PER_MINUTE', env.SESSIONS_PER_APP_PER_MINUTE, 600, 1),
    adminPerKeyPerMinute: int('ADMIN_PER_KEY_PER_MINUTE', env.ADMIN_PER_KEY_PER_MINUTE, 300, 1),
    publicUrl: publicUrlOf(values['public-url'] ?? env.PUBLIC_URL),
    vapidSubject: env.VAPID_SUBJECT || undefined,
    inferenceWorkers: optionalInt('INFERENCE_WORKERS', values['inference-workers'] ?? env.INFERENCE_WORKERS, 1, 256),
    verdictDeadlineMs: int('VERDICT_DEADLINE_MS', env.VERDICT_DEADLINE_MS, DEFAULT_VERDICT_DEADLINE_MS, 100, 600_000),
    ...(fixed ? { insecureFixedChallenge: fixedChallenge(fixed) } : {}),
    webhookAllowedNetworks: networksOf(env.WEBHOOK_ALLOWED_NETWORKS),
  };
}
