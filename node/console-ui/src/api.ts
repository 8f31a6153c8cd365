// The console's calls: its session (/console/api/session) and the node's admin API, which accepts
// the session's cookie (sent by the browser, HttpOnly: this code never sees it) plus the CSRF token
// on every change. The operator names the application in x-openfaceio-app.

export interface Session {
  role: 'app' | 'operator';
  csrfToken: string;
  app: { publicId: string; name: string } | null;
  operatorConfigured: boolean;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number | null,
    message: string,
  ) {
    super(message);
  }
}

export interface AppSettings {
  preventDuplicates: boolean;
  pad: boolean;
  /** How liveness is proved when `pad` is on (the active challenge). */
  liveness: 'passive' | 'active' | 'active-on-doubt';
  forbidMinors: boolean;
  pinPolicy: 'never' | 'on-doubt' | 'always';
  pinUniqueness: boolean;
  rejectWeakPin: boolean;
  pinLength: number;
  rejectEmptyOrigin: boolean;
  countryAllowList: string[];
  matchThreshold: number;
  auditImages: boolean;
  retentionDays: number;
  webhookUrl: string | null;
  webhookEvents: ('enroll' | 'authenticate' | 'deletion' | 'failure')[];
}

export interface AppInfo {
  publicId: string;
  name: string;
  status: 'active' | 'paused' | 'blocked';
  origins: string[];
  settings: AppSettings;
}

export interface AppSummary {
  publicId: string;
  name: string;
  status: AppInfo['status'];
  origins: string[];
  facialIds: number;
}

export interface CreatedApp {
  publicId: string;
  name: string;
  origins: string[];
  apiKey: string;
  secret: string;
  webhookSecret: string;
}

export interface FacialId {
  facialId: string;
  payload: unknown;
  gender: string | null;
  age: number | null;
  hasPin: boolean;
  createdAt: string;
  lastSeenAt: string;
  templates: number;
}

export interface DayStatistics {
  day: string;
  enrollments: number;
  authentications: number;
  failures: number;
  padRefusals: number;
  p50Ms: number | null;
  p95Ms: number | null;
}

export interface Statistics {
  from: string;
  to: string;
  days: DayStatistics[];
  failuresByCode: { code: number; name: string; count: number }[];
  totals: { enrollments: number; authentications: number; failures: number; padRefusals: number; p50Ms: number | null; p95Ms: number | null };
}

export interface SignOnUser {
  uid: string;
  email: string | null;
  facialId: string | null;
  createdAt: string;
  devices: number;
  lock: { failures: number; lockedUntil: string | null; permanent: boolean };
}

export interface SignOnUserDetail extends SignOnUser {
  deviceList: { id: string; pushService: string; createdAt: string }[];
}

export interface Delivery {
  id: string;
  event: string;
  url: string;
  body: unknown;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: string;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function call<T>(method: Method, path: string, options: { body?: unknown; csrf?: string; app?: string } = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.csrf && method !== 'GET') headers['x-openfaceio-csrf'] = options.csrf;
  if (options.app) headers['x-openfaceio-app'] = options.app;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
  } catch (error) {
    throw new ApiError(0, null, String(error));
  }
  if (response.status === 204) return undefined as T;
  const json = (await response.json().catch(() => null)) as { error?: { code?: number; message?: string } } | null;
  if (!response.ok) throw new ApiError(response.status, json?.error?.code ?? null, json?.error?.message ?? `HTTP ${response.status}`);
  return json as T;
}

export const signIn = (body: { apiKey: string; secret: string } | { operatorKey: string }) => call<Session>('POST', '/console/api/session', { body });
export const currentSession = () => call<Session>('GET', '/console/api/session');
export const signOut = () => call<void>('DELETE', '/console/api/session');

/** The admin API for one application, as the signed-in session. */
export class AppApi {
  constructor(
    private readonly session: Session,
    readonly publicId: string,
  ) {}

  private go<T>(method: Method, path: string, body?: unknown): Promise<T> {
    return call<T>(method, `/v1/admin${path}`, {
      body,
      csrf: this.session.csrfToken,
      ...(this.session.role === 'operator' ? { app: this.publicId } : {}),
    });
  }

  info = () => this.go<AppInfo>('GET', '/settings');
  updateApp = (changes: { name?: string; origins?: string[]; status?: AppInfo['status'] }) => this.go<AppInfo>('PATCH', '/app', changes);
  updateSettings = (changes: Partial<AppSettings>) => this.go<{ settings: AppSettings }>('PATCH', '/settings', changes);
  rotateKeys = () => this.go<{ apiKey: string; secret: string }>('POST', '/keys/rotate');
  rotateWebhookSecret = () => this.go<{ webhookSecret: string }>('POST', '/webhooks/secret/rotate');
  statistics = (days: number) => this.go<Statistics>('GET', `/statistics/daily?days=${days}`);
  facialIds = (q: string, after?: string) =>
    this.go<{ items: FacialId[]; next: string | null }>('GET', `/facial-ids?limit=25&q=${encodeURIComponent(q)}${after ? `&after=${after}` : ''}`);
  deleteFacialId = (id: string) => this.go<unknown>('DELETE', `/facial-ids/${id}`);
  resetPin = (id: string, pin: string) => this.go<unknown>('PUT', `/facial-ids/${id}/pin`, { pin });
  signOnUsers = (q: string, after?: string) =>
    this.go<{ items: SignOnUser[]; next: string | null }>(
      'GET',
      `/sign-on/users?limit=25&q=${encodeURIComponent(q)}${after ? `&after=${encodeURIComponent(after)}` : ''}`,
    );
  signOnUser = (uid: string) => this.go<SignOnUserDetail>('GET', `/sign-on/users/${encodeURIComponent(uid)}`);
  removeDevice = (uid: string, deviceId: string) => this.go<unknown>('DELETE', `/sign-on/users/${encodeURIComponent(uid)}/devices/${deviceId}`);
  unlockUser = (uid: string) => this.go<unknown>('POST', `/sign-on/users/${encodeURIComponent(uid)}/unlock`);
  deleteUser = (uid: string) => this.go<unknown>('DELETE', `/sign-on/users/${encodeURIComponent(uid)}`);
  deliveries = (before?: string) => this.go<{ items: Delivery[] }>('GET', `/webhooks/deliveries?limit=25${before ? `&before=${before}` : ''}`);
  redeliver = (id: string) => this.go<Delivery>('POST', `/webhooks/deliveries/${id}/redeliver`);
}

/** The operator's calls. */
export const operatorApi = (session: Session) => ({
  apps: () => call<{ items: AppSummary[] }>('GET', '/v1/admin/apps'),
  createApp: (name: string, origins: string[]) => call<CreatedApp>('POST', '/v1/admin/apps', { body: { name, origins }, csrf: session.csrfToken }),
});
