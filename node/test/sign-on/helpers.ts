// Shared by the sign-on API tests: a node with a controllable clock and a recording Web Push sender.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../src/bus/bus.js';
import type { PushSender, PushSubscriptionJson, SignOnPush } from '../../src/sign-on/contract.js';
import { SIGN_ON_PREFIX } from '../../src/sign-on/routes.js';
import { insertEnrollment } from '../../src/store/facial-ids.js';
import type { BackendEnv } from '../helpers/backends.js';
import { startTestNode, type TestNodeServer } from '../helpers/node.js';

export interface ManualClock extends Clock {
  advance(ms: number): void;
}

export function manualClock(start = Date.now()): ManualClock {
  let now = start;
  return { now: () => now, advance: (ms) => void (now += ms) };
}

/** Records pushes instead of sending them (Web Push itself is web-push*.ts's layer); endpoints in `dead` answer 410 Gone. */
export class RecordingPushSender implements PushSender {
  readonly publicKey = 'BFakeVapidPublicKeyForTests';
  readonly sent: { subscription: PushSubscriptionJson; payload: SignOnPush }[] = [];
  readonly dead = new Set<string>();
  async send(subscription: PushSubscriptionJson, payload: SignOnPush): Promise<void> {
    if (this.dead.has(subscription.endpoint)) throw Object.assign(new Error('Gone'), { statusCode: 410 });
    this.sent.push({ subscription, payload });
  }
}

export const subscription = (n: number | string): PushSubscriptionJson => ({
  endpoint: `https://push.example/send/${n}`,
  keys: { p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM', auth: 'tBHItJI5svbpez7KI4CCXg' },
  expirationTime: null,
});

export interface SignOnTestNode extends TestNodeServer {
  clock: ManualClock;
  push: RecordingPushSender;
  /** An injected request to the sign-on API (`path` under /api/v1/facial_sign_on). */
  call(
    method: 'GET' | 'POST' | 'DELETE' | 'OPTIONS',
    path: string,
    options?: { body?: unknown; token?: string; headers?: Record<string, string>; ip?: string },
  ): Promise<Answer>;
}

export interface Answer {
  status: number;
  headers: Record<string, unknown>;
  body: Record<string, unknown> & { data?: Record<string, unknown> };
}

export async function startSignOnNode(env: BackendEnv, options: { listen?: boolean; withPush?: boolean } = {}): Promise<SignOnTestNode> {
  const clock = manualClock();
  const node = await startTestNode(env, { listen: options.listen ?? false, clock });
  const push = new RecordingPushSender();
  // deps is read per request, so the push sender can be plugged in after start (startTestNode has no option for it).
  if (options.withPush !== false) node.deps.pushSender = push;
  const call: SignOnTestNode['call'] = async (method, path, { body, token, headers = {}, ip = '10.9.0.1' } = {}) => {
    const response = await node.app.inject({
      method,
      url: `${SIGN_ON_PREFIX}/${path}`,
      ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      remoteAddress: ip,
    });
    return { status: response.statusCode, headers: response.headers, body: response.body ? (response.json() as Answer['body']) : {} };
  };
  return Object.assign(node, { clock, push, call });
}

/** Asserts the SignOnFailure shape and code; returns the body. */
export function assertFailure(answer: Answer, code: number, status?: number): Answer['body'] {
  const b = answer.body;
  assert.equal(b.success, false, JSON.stringify(b));
  assert.equal(b.code, code, JSON.stringify(b));
  assert.equal(b.http_code, answer.status);
  if (status !== undefined) assert.equal(answer.status, status);
  assert.equal(typeof b.message, 'string');
  assert.ok(String(b.message).length > 10, 'a developer message that says what happened');
  assert.equal(typeof b.user_message, 'string');
  assert.equal(typeof b.retryable, 'boolean');
  return b;
}

export function assertOk(answer: Answer): Record<string, unknown> {
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  assert.equal(answer.body.success, true);
  return answer.body.data!;
}

/** An app registered for `origin`, its app token for `origin`'s hostname. */
export async function siteWithToken(
  node: SignOnTestNode,
  origin = 'https://shop.example',
): Promise<{ token: string; publicId: string; appId: string; apiKey: string; secret: string }> {
  // Photos cannot answer the active liveness challenge: passive liveness for these scans.
  const created = await node.createApp({ pinPolicy: 'never', liveness: 'passive' }, [origin]);
  const answer = await node.call('POST', 'application_auth', {
    body: { api_key: created.apiKey, secret_key: created.secret, domain: new URL(origin).hostname },
  });
  const data = assertOk(answer);
  return {
    token: String(data.authenticated_token),
    publicId: created.app.publicId,
    appId: created.app.id,
    apiKey: created.apiKey,
    secret: created.secret,
  };
}

/** Creates a user linked to `facialId` and registers one phone (`sub`) through the registration token. */
export async function userWithPhone(node: SignOnTestNode, token: string, uid: string, facialId: string, sub = subscription(uid)): Promise<void> {
  const created = assertOk(await node.call('POST', 'users', { token, body: { uid, email: `${uid}@example.com`, facial_id: facialId } }));
  assertOk(await node.call('POST', 'devices', { body: { registration_token: created.registration_token, subscription: sub } }));
}

/** A facial ID row for API tests that run no scan (no templates: nothing could match it). */
export async function fakeFacialId(env: BackendEnv, appId: string): Promise<string> {
  const facialId = randomUUID();
  await insertEnrollment(env.db, { appId, facialId, payload: null, pinHash: null, pinDigest: null, gender: 'female', age: 30, templates: [] });
  return facialId;
}
