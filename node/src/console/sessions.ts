// Console sessions: what a sign-in at /console exchanges the credentials for. The browser holds an
// opaque session ID in an HttpOnly, SameSite=Strict cookie (Secure over https) — never the keys —
// and a CSRF token in memory that every state-changing request repeats in a header. Sessions live
// on the bus (shared by every node behind a load balancer), stored under the SHA-256 of their ID,
// expire after 30 idle minutes and 8 hours at most.
import type { Bus, Clock } from '../bus/bus.js';
import { randomToken, safeEqual, sha256Hex } from '../security/secrets.js';

export const CONSOLE_COOKIE = 'ofio_console';
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_MAX_MS = 8 * 3_600_000;

export type ConsoleRole = 'app' | 'operator';

export interface ConsoleSession {
  role: ConsoleRole;
  /** The application an app owner signed in with (absent for the operator). */
  appId?: string;
  csrf: string;
  createdAt: number;
}

const keyOf = (id: string) => `console:session:${sha256Hex(id)}`;

/** A new session: the cookie value (shown to no one but the browser) and the record. */
export async function openSession(bus: Bus, clock: Clock, role: ConsoleRole, appId?: string): Promise<{ id: string; session: ConsoleSession }> {
  const id = randomToken(32);
  const session: ConsoleSession = { role, ...(appId ? { appId } : {}), csrf: randomToken(24), createdAt: clock.now() };
  await bus.set(keyOf(id), JSON.stringify(session), SESSION_IDLE_MS);
  return { id, session };
}

/** The session behind a cookie value, its idle timer restarted; null when unknown or expired. */
export async function readSession(bus: Bus, clock: Clock, id: string): Promise<ConsoleSession | null> {
  if (!/^[A-Za-z0-9_-]{40,64}$/.test(id)) return null;
  const raw = await bus.get(keyOf(id));
  if (!raw) return null;
  const session = JSON.parse(raw) as ConsoleSession;
  const left = session.createdAt + SESSION_MAX_MS - clock.now();
  if (left <= 0) {
    await bus.delete(keyOf(id));
    return null;
  }
  await bus.set(keyOf(id), raw, Math.min(SESSION_IDLE_MS, left));
  return session;
}

export const closeSession = (bus: Bus, id: string): Promise<void> => bus.delete(keyOf(id));

export const csrfMatches = (session: ConsoleSession, presented: string | undefined): boolean => safeEqual(presented ?? '', session.csrf);

/** The console cookie's value in a Cookie header. */
export function sessionIdOf(cookieHeader: string | undefined): string | null {
  for (const part of (cookieHeader ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === CONSOLE_COOKIE) return part.slice(eq + 1).trim();
  }
  return null;
}

/** Set-Cookie for a session (empty value + Max-Age=0 clears it). Path=/ : the console calls /v1/admin/* with it. */
export function sessionCookie(id: string, secure: boolean): string {
  const attributes = ['Path=/', 'HttpOnly', 'SameSite=Strict', ...(secure ? ['Secure'] : []), `Max-Age=${id ? SESSION_MAX_MS / 1000 : 0}`];
  return `${CONSOLE_COOKIE}=${id}; ${attributes.join('; ')}`;
}
