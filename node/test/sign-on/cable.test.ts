// WS /cable against the stock `@rails/actioncable` consumer (the npm package, unchanged) running in
// Node, a real Fastify app on a loopback port, a fake SubscriptionAuthority (the authority is the
// sign-on store's job, not this layer's) and the real buses: memory, and Redis with the verdict
// published by a second client pair ("another node").
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import type { Bus } from '../../src/bus/bus.js';
import { registerCableRoute, type CableOptions } from '../../src/sign-on/cable.js';
import {
  SIGN_ON_CHANNEL,
  SIGN_ON_CODES,
  signOnBusChannel,
  type SignOnResult,
  type SubscriptionAuthority,
  type SubscriptionCheck,
} from '../../src/sign-on/contract.js';
import { backends, type BusEnv } from '../helpers/backends.js';

import { ActionCable, type CableConsumer } from '../helpers/actioncable.js';

/** One consumer subscription's callbacks, recorded, with waiters. */
function watch(consumer: CableConsumer, params: Record<string, string>) {
  const events: string[] = [];
  const received: unknown[] = [];
  const waiters: { test: () => boolean; resolve: () => void }[] = [];
  const record = (event: string, message?: unknown) => {
    events.push(event);
    if (event === 'received') received.push(message);
    for (const w of waiters.splice(0)) (w.test() ? w.resolve : () => waiters.push(w))();
  };
  const subscription = consumer.subscriptions.create(params, {
    connected: () => record('connected'),
    disconnected: () => record('disconnected'),
    rejected: () => record('rejected'),
    received: (message) => record('received', message),
  });
  const until = (test: () => boolean, what: string, ms = 5000) =>
    test()
      ? Promise.resolve()
      : new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; events: ${events.join(', ')}`)), ms);
          waiters.push({ test, resolve: () => (clearTimeout(timer), resolve()) });
        });
  return {
    subscription,
    events,
    received,
    connected: () => until(() => events.includes('connected'), 'connected'),
    rejected: () => until(() => events.includes('rejected'), 'rejected'),
    receivedCount: (n: number) => until(() => received.length >= n, `${n} message(s)`),
  };
}

// ---- A fake authority --------------------------------------------------------------------------
interface FakeVerification {
  secret: string;
  tokenHash: string;
  result: SignOnResult | null;
  claimed: boolean;
}
class FakeAuthority implements SubscriptionAuthority {
  readonly verifications = new Map<string, FakeVerification>();
  readonly claims: string[] = [];
  readonly releases: string[] = [];
  delayMs = 0;

  add(token: string, secret: string, result: SignOnResult | null = null): FakeVerification {
    const v = { secret, tokenHash: `hash-of-${token}`, result, claimed: false };
    this.verifications.set(token, v);
    return v;
  }
  async claim(token: string, secret: string): Promise<SubscriptionCheck> {
    this.claims.push(token);
    if (this.delayMs) await sleep(this.delayMs);
    const v = this.verifications.get(token);
    if (!v) return { ok: false, code: SIGN_ON_CODES.INVALID_VERIFICATION_TOKEN, message: 'unknown token' };
    if (v.secret !== secret) return { ok: false, code: SIGN_ON_CODES.SUBSCRIPTION_REFUSED, message: 'wrong subscription secret' };
    if (v.claimed) return { ok: false, code: SIGN_ON_CODES.SUBSCRIPTION_REFUSED, message: 'already has a subscriber' };
    v.claimed = true;
    return { ok: true, tokenHash: v.tokenHash, result: v.result };
  }
  async release(token: string): Promise<void> {
    this.releases.push(token);
    const v = this.verifications.get(token);
    if (v) v.claimed = false;
  }
}

const verified = (token: string): SignOnResult => ({
  status: 'verified',
  verification_token: token,
  uid: 'user-7',
  proof: 'proof.jws',
  verified_at: '2025-01-01T00:00:00.000Z',
});
const params = (token: string, secret: string) => ({ channel: SIGN_ON_CHANNEL, verification_token: token, subscription_secret: secret });

async function startCable(
  bus: Bus,
  options: Omit<CableOptions, 'authority'> & { authority: SubscriptionAuthority },
): Promise<{ app: FastifyInstance; url: string }> {
  const app = Fastify({ logger: false });
  await app.register(fastifyWebsocket);
  registerCableRoute(app, { bus, clock: { now: () => Date.now() } }, options);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return { app, url: `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/cable` };
}

const waitFor = async (test: () => boolean, what: string, ms = 5000) => {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
};

let tokens = 0;
const newToken = () => `tok_${process.pid}_${++tokens}_${Math.random().toString(36).slice(2)}`;

// Module level: backends() registers the shared servers' shutdown as a file-level hook.
const BACKENDS = backends();

for (const backend of BACKENDS) {
  describe(`/cable with the stock @rails/actioncable consumer (${backend.name} bus)`, () => {
    let env: BusEnv;
    let otherNode: Bus;
    let authority: FakeAuthority;
    let cable: { app: FastifyInstance; url: string };
    const consumers: CableConsumer[] = [];
    const consumer = () => {
      const c = ActionCable.createConsumer(cable.url);
      consumers.push(c);
      return c;
    };

    before(async () => {
      env = await backend.openBus();
      otherNode = await env.secondBus();
      authority = new FakeAuthority();
      cable = await startCable(env.bus, { authority });
    });
    afterEach(() => {
      for (const c of consumers.splice(0)) c.disconnect();
      authority.delayMs = 0;
    });
    after(async () => {
      await cable?.app.close();
      await env?.close();
    });

    it('confirms a subscription with the right secret and relays the verdict another node publishes', async () => {
      const token = newToken();
      const v = authority.add(token, 'secret-1');
      const c = consumer();
      const sub = watch(c, params(token, 'secret-1'));
      await sub.connected();
      assert.equal(c.connection.getProtocol(), 'actioncable-v1-json');
      await otherNode.publish(signOnBusChannel(v.tokenHash), JSON.stringify(verified(token)));
      await sub.receivedCount(1);
      assert.deepEqual(sub.received[0], verified(token));
      // A verdict is final: the node stops listening, a second publication is not relayed.
      await sleep(50);
      await otherNode.publish(
        signOnBusChannel(v.tokenHash),
        JSON.stringify({ status: 'failed', verification_token: token, code: 1, message: 'x', user_message: 'x' }),
      );
      await sleep(200);
      assert.equal(sub.received.length, 1);
      assert.deepEqual(sub.events, ['connected', 'received'], 'the subscription stays confirmed after the verdict');
    });

    it('rejects a wrong secret and an unknown token, and says nothing about why', async () => {
      const token = newToken();
      authority.add(token, 'right');
      const c = consumer();
      const wrong = watch(c, params(token, 'wrong'));
      const unknown = watch(c, params(newToken(), 'whatever'));
      await Promise.all([wrong.rejected(), unknown.rejected()]);
      assert.deepEqual(wrong.events, ['rejected']);
      assert.deepEqual(unknown.events, ['rejected']);
      assert.equal(authority.verifications.get(token)!.claimed, false);
    });

    it('refuses a second subscriber to the same verification, and lets one in again once the first leaves', async () => {
      const token = newToken();
      authority.add(token, 's');
      const first = watch(consumer(), params(token, 's'));
      await first.connected();
      const second = watch(consumer(), params(token, 's'));
      await second.rejected();
      first.subscription.unsubscribe();
      await waitFor(() => authority.releases.includes(token), 'release');
      const third = watch(consumer(), params(token, 's'));
      await third.connected();
    });

    it('sends a late subscriber the verdict that is already in, right after the confirmation', async () => {
      const token = newToken();
      authority.add(token, 's', { status: 'failed', verification_token: token, code: 1012, message: 'no face', user_message: 'Try again.' });
      const sub = watch(consumer(), params(token, 's'));
      await sub.receivedCount(1);
      assert.deepEqual(sub.events, ['connected', 'received']);
      assert.equal((sub.received[0] as SignOnResult).status, 'failed');
    });

    it('claims once although the consumer resends subscribe every 500 ms while the authority is slow', async () => {
      authority.delayMs = 1300;
      const token = newToken();
      authority.add(token, 's');
      const before = authority.claims.length;
      const sub = watch(consumer(), params(token, 's'));
      await sub.connected();
      assert.equal(authority.claims.length - before, 1, 'the guarantor’s repeated subscribe commands were not claimed again');
      assert.deepEqual(sub.events, ['connected']);
    });

    it('releases the slot on unsubscribe and when the connection closes', async () => {
      const a = newToken();
      const b = newToken();
      const va = authority.add(a, 's');
      authority.add(b, 's');
      const c = consumer();
      const subA = watch(c, params(a, 's'));
      const subB = watch(c, params(b, 's'));
      await Promise.all([subA.connected(), subB.connected()]);
      subA.subscription.unsubscribe();
      await waitFor(() => authority.releases.includes(a), 'release on unsubscribe');
      assert.ok(!authority.releases.includes(b));
      // An unsubscribed verification's verdict no longer reaches this consumer.
      await otherNode.publish(signOnBusChannel(va.tokenHash), JSON.stringify(verified(a)));
      c.disconnect();
      await waitFor(() => authority.releases.includes(b), 'release on close');
      assert.equal(subA.received.length, 0);
    });

    it('rejects subscriptions past the per-connection limit and to other channels', async () => {
      const c = consumer();
      const subs = Array.from({ length: 5 }, () => {
        const t = newToken();
        authority.add(t, 's');
        return watch(c, params(t, 's'));
      });
      const other = watch(c, { channel: 'ChatChannel', room: '1' });
      await Promise.all([...subs.slice(0, 4).map((s) => s.connected()), subs[4]!.rejected(), other.rejected()]);
    });
  });
}

// ---- The wire, byte for byte (a raw `ws` client) ------------------------------------------------
describe('/cable wire protocol', () => {
  let env: BusEnv;
  let authority: FakeAuthority;
  let cable: { app: FastifyInstance; url: string };
  /** The same with a short idle timeout. */
  let impatient: { app: FastifyInstance; url: string };
  const sockets: WebSocket[] = [];

  before(async () => {
    env = await BACKENDS[0]!.openBus();
    authority = new FakeAuthority();
    cable = await startCable(env.bus, { authority, allowOrigin: (origin) => origin === undefined || origin === 'https://site.example' });
    impatient = await startCable(env.bus, { authority, limits: { idleTimeoutMs: 400 } });
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.terminate();
  });
  after(async () => {
    await cable?.app.close();
    await impatient?.app.close();
    await env?.close();
  });

  /** Opens a socket and collects every message and the close. */
  const open = (protocols: string[] = ['actioncable-v1-json', 'actioncable-unsupported'], headers: Record<string, string> = {}, url = cable.url) => {
    const socket = new WebSocket(url, protocols, { headers });
    sockets.push(socket);
    const messages: Record<string, unknown>[] = [];
    socket.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString('utf8')) as Record<string, unknown>));
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    const opened = new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    opened.catch(() => {}); // a refused or terminated socket: only the tests that await it care
    return { socket, messages, closed, opened };
  };

  it('welcomes, then pings every 3 s with the time in Unix seconds', async () => {
    const { messages, opened } = open();
    await opened;
    await waitFor(() => messages.length >= 2, 'a ping', 4000);
    assert.deepEqual(messages[0], { type: 'welcome' });
    const [, first] = messages;
    assert.equal(first!.type, 'ping');
    assert.ok(Math.abs((first!.message as number) - Date.now() / 1000) < 2);
    assert.ok(Number.isInteger(first!.message));
  });

  it('keeps the stock consumer’s connection monitor fed with pings', async () => {
    const token = newToken();
    authority.add(token, 's');
    const c = ActionCable.createConsumer(cable.url);
    try {
      const sub = watch(c, params(token, 's'));
      await sub.connected();
      const seen = c.connection.monitor.pingedAt;
      await waitFor(() => c.connection.monitor.pingedAt !== seen, 'a ping recorded by the consumer', 4000);
      assert.ok(c.connection.isOpen());
    } finally {
      c.disconnect();
    }
  });

  it('re-reads the verdict through resultOf once listening (a verdict published during the claim is not lost)', async () => {
    const token = newToken();
    const v = authority.add(token, 's');
    const asked: string[] = [];
    const withRecheck = await startCable(env.bus, { authority, resultOf: async (hash) => (asked.push(hash), verified(token)) });
    const c = ActionCable.createConsumer(withRecheck.url);
    try {
      const sub = watch(c, params(token, 's'));
      await sub.receivedCount(1);
      assert.deepEqual(sub.events, ['connected', 'received']);
      assert.deepEqual(asked, [v.tokenHash]);
    } finally {
      c.disconnect();
      await withRecheck.app.close();
    }
  });

  it('answers the consumer’s subprotocol as Rails does, and closes clients that speak none', async () => {
    const newer = open(['actioncable-v2-json', 'actioncable-v1-json', 'actioncable-unsupported']);
    await newer.opened;
    assert.equal(newer.socket.protocol, 'actioncable-v1-json');
    const unsupported = open(['actioncable-v2-json', 'actioncable-unsupported']);
    await unsupported.opened;
    assert.equal(unsupported.socket.protocol, 'actioncable-unsupported');
    const none = open([]);
    assert.equal((await none.closed).code, 1002);
    assert.equal(none.messages.length, 0);
  });

  it('confirms and relays with the identifier echoed byte for byte', async () => {
    const token = newToken();
    const v = authority.add(token, 's');
    const { socket, messages, opened } = open();
    await opened;
    // Unusual key order and spacing: the consumer matches replies by the exact string.
    const identifier = `{ "subscription_secret":"s", "verification_token":"${token}", "channel":"${SIGN_ON_CHANNEL}" }`;
    socket.send(JSON.stringify({ command: 'subscribe', identifier }));
    await waitFor(() => messages.some((m) => m.type === 'confirm_subscription'), 'confirmation');
    await env.bus.publish(signOnBusChannel(v.tokenHash), JSON.stringify(verified(token)));
    await waitFor(() => messages.some((m) => 'message' in m && m.type === undefined), 'data');
    const data = messages.filter((m) => m.type !== 'ping' && m.type !== 'welcome');
    assert.deepEqual(data, [
      { identifier, type: 'confirm_subscription' },
      { identifier, message: verified(token) },
    ]);
    socket.send(JSON.stringify({ command: 'message', identifier, data: JSON.stringify({ action: 'anything' }) }));
    socket.send('not json');
    socket.send(JSON.stringify({ command: 'unsubscribe', identifier }));
    await waitFor(() => authority.releases.includes(token), 'release');
  });

  it('closes a connection without subscriptions after the idle timeout, telling the consumer not to reconnect', async () => {
    const { messages, closed } = open(undefined, {}, impatient.url);
    const { code } = await closed;
    assert.equal(code, 1000);
    assert.deepEqual(messages.at(-1), { type: 'disconnect', reason: 'remote', reconnect: false });
  });

  it('closes on an oversized message', async () => {
    const { socket, messages, closed, opened } = open();
    await opened;
    socket.send(JSON.stringify({ command: 'subscribe', identifier: 'x'.repeat(5000) }));
    assert.equal((await closed).code, 1009);
    assert.deepEqual(messages.at(-1), { type: 'disconnect', reason: 'invalid_request', reconnect: false });
  });

  it('refuses a page from an origin the predicate does not allow, before the upgrade', async () => {
    const refused = open(undefined, { origin: 'https://evil.example' });
    const status = await new Promise<number>((resolve) => refused.socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    assert.equal(status, 403);
    const allowed = open(undefined, { origin: 'https://site.example' });
    await allowed.opened;
  });
});
