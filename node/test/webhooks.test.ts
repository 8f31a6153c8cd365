import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, afterEach, before, describe, it } from 'node:test';
import type { Clock } from '../src/bus/bus.js';
import type { Db, Queryable } from '../src/store/db.js';
import { listDeliveries, redeliver } from '../src/webhooks/deliveries.js';
import {
  WebhookDispatcher,
  WebhookPayloadError,
  enqueueWebhook,
  exponentialBackoff,
  type WebhookDispatcherOptions,
} from '../src/webhooks/queue.js';
import { verifyWebhook } from '../src/webhooks/signature.js';
import { backends, type BackendEnv } from './helpers/backends.js';

const START = Date.UTC(2030, 0, 1);
const SECRET = 'whsec_receiver-test-secret';

class TestClock implements Clock {
  t = START;
  now(): number {
    return this.t;
  }
  advanceTo(date: Date): void {
    this.t = Math.max(this.t, date.getTime());
  }
}

interface Received {
  headers: IncomingHttpHeaders;
  raw: Buffer;
}

/** A real HTTP receiver on 127.0.0.1:0; `reply` answers the n-th request (0-based) or leaves it hanging. */
async function receiver(reply: (res: ServerResponse, n: number, req: Received) => void) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = { headers: req.headers, raw: Buffer.concat(chunks) };
      received.push(r);
      reply(res, received.length - 1, r);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const status = (code: number) => (res: ServerResponse) => res.writeHead(code).end();

// Both back ends: PGlite (the default single node) and a real PostgreSQL server, where the second
// "node" has its own connections — the case FOR UPDATE SKIP LOCKED exists for.
for (const backend of backends())
  describe(`webhooks (${backend.name})`, () => {
    let env: BackendEnv;
    let db: Db;
    let db2: Queryable;
    let appId: string;
    const closers: (() => Promise<void>)[] = [];

    before(async () => {
      env = await backend.open();
      db = env.db;
      db2 = (await env.secondNode()).db;
      appId = await insertApp();
    });
    after(() => env.close());
    afterEach(async () => {
      while (closers.length) await closers.pop()!();
      // One database per back end for the file; each test starts with an empty outbox.
      await db.query('DELETE FROM webhook_deliveries');
    });

    async function insertApp(): Promise<string> {
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO apps (public_id, name, api_key_hash, secret_hash, settings, pin_pepper) VALUES ($1, 'Test', $2, $3, $4::jsonb, $5) RETURNING id`,
        [`ofio_${randomUUID()}`, randomUUID(), randomUUID(), JSON.stringify({ webhookSecret: SECRET }), randomBytes(32)],
      );
      return rows[0]!.id;
    }

    async function listen(reply: Parameters<typeof receiver>[0]) {
      const r = await receiver(reply);
      closers.push(r.close);
      return r;
    }

    function dispatcher(clock: Clock, options: Partial<WebhookDispatcherOptions> = {}) {
      // The receivers are on loopback, which deliveries refuse unless the operator allows it (security/webhook-ssrf.test.ts).
      const d = new WebhookDispatcher({
        db,
        clock,
        allowedNetworks: ['127.0.0.0/8'],
        secretFor: async (id) => (id === appId ? SECRET : null),
        ...options,
      });
      closers.push(() => d.stop());
      return d;
    }

    const row = async (id: string) =>
      (
        await db.query<{
          status: string;
          attempts: number;
          next_attempt_at: Date;
          last_status: number | null;
          last_error: string | null;
          delivered_at: Date | null;
        }>('SELECT * FROM webhook_deliveries WHERE id = $1', [id])
      ).rows[0]!;

    it('POSTs the event as signed JSON that verifyWebhook accepts', async () => {
      const clock = new TestClock();
      const r = await listen(status(200));
      const { id, idempotencyKey } = await enqueueWebhook(db, {
        appId,
        url: r.url,
        event: 'enroll',
        data: { facialId: 'fid_1', payload: { user: 42 } },
        now: clock.now(),
      });

      assert.equal(await dispatcher(clock).runOnce(), 1);

      assert.equal(r.received.length, 1);
      const { headers, raw } = r.received[0]!;
      assert.equal(headers['content-type'], 'application/json');
      assert.equal(headers['openfaceio-event'], 'enroll');
      assert.equal(headers['openfaceio-idempotency-key'], idempotencyKey);
      assert.equal(headers['openfaceio-timestamp'], String(START / 1000));
      assert.deepEqual(JSON.parse(raw.toString()), {
        id,
        event: 'enroll',
        created: START / 1000,
        data: { facialId: 'fid_1', payload: { user: 42 } },
      });

      const header = headers['openfaceio-signature'];
      assert.deepEqual(verifyWebhook(SECRET, raw, header, { now: clock.now() }), { ok: true, timestamp: START / 1000 });
      // What a receiver must refuse: a changed body, another app's secret, a replay ten minutes later.
      const tampered = Buffer.from(raw.toString().replace('fid_1', 'fid_2'));
      assert.deepEqual(verifyWebhook(SECRET, tampered, header, { now: clock.now() }), { ok: false, reason: 'signature-mismatch' });
      assert.deepEqual(verifyWebhook('whsec_wrong', raw, header, { now: clock.now() }), { ok: false, reason: 'signature-mismatch' });
      assert.deepEqual(verifyWebhook(SECRET, raw, header, { now: clock.now() + 600_000 }), { ok: false, reason: 'stale-timestamp' });

      const stored = await row(id);
      assert.equal(stored.status, 'delivered');
      assert.equal(stored.attempts, 1);
      assert.equal(stored.last_status, 200);
      assert.equal(stored.delivered_at?.getTime(), START);
    });

    it('retries 500, 500, then 200 with back-off, one idempotency key throughout', async () => {
      const clock = new TestClock();
      const r = await listen((res, n) => res.writeHead(n < 2 ? 500 : 200).end());
      const { id, idempotencyKey } = await enqueueWebhook(db, {
        appId,
        url: r.url,
        event: 'authenticate',
        data: { facialId: 'fid_1' },
        now: clock.now(),
      });
      const d = dispatcher(clock);

      assert.equal(await d.runOnce(), 1);
      let s = await row(id);
      assert.equal(s.status, 'pending');
      assert.equal(s.attempts, 1);
      assert.equal(s.last_status, 500);
      assert.match(s.last_error ?? '', /^HTTP_STATUS: 500/);
      // Default back-off after one failure: 2 s with equal jitter, i.e. within [1 s, 2 s].
      let wait = s.next_attempt_at.getTime() - clock.now();
      assert.ok(wait >= 1000 && wait <= 2000, `first back-off ${wait} ms`);
      assert.equal(await d.runOnce(), 0, 'not due before its back-off');

      clock.advanceTo(s.next_attempt_at);
      assert.equal(await d.runOnce(), 1);
      s = await row(id);
      assert.equal(s.attempts, 2);
      wait = s.next_attempt_at.getTime() - clock.now();
      assert.ok(wait >= 2000 && wait <= 4000, `second back-off ${wait} ms`);

      clock.advanceTo(s.next_attempt_at);
      assert.equal(await d.runOnce(), 1);
      s = await row(id);
      assert.equal(s.status, 'delivered');
      assert.equal(s.attempts, 3);
      assert.equal(s.last_status, 200);
      assert.equal(s.last_error, null);

      assert.equal(r.received.length, 3);
      assert.deepEqual(
        r.received.map((x) => x.headers['openfaceio-idempotency-key']),
        [idempotencyKey, idempotencyKey, idempotencyKey],
      );
      // Each retry is signed afresh with its own timestamp, over the same body.
      assert.equal(new Set(r.received.map((x) => x.raw.toString())).size, 1);
      assert.equal(new Set(r.received.map((x) => x.headers['openfaceio-timestamp'])).size, 3);
      const last = r.received[2]!;
      assert.equal(verifyWebhook(SECRET, last.raw, last.headers['openfaceio-signature'], { now: clock.now() }).ok, true);
    });

    it('records a timeout when the receiver never answers', async () => {
      const clock = new TestClock();
      const r = await listen(() => undefined);
      const { id } = await enqueueWebhook(db, { appId, url: r.url, event: 'enroll', data: {}, now: clock.now() });

      assert.equal(await dispatcher(clock, { timeoutMs: 200 }).runOnce(), 1);
      const s = await row(id);
      assert.equal(r.received.length, 1);
      assert.equal(s.status, 'pending');
      assert.equal(s.attempts, 1);
      assert.equal(s.last_status, null);
      assert.match(s.last_error ?? '', /^TIMEOUT/);
    });

    it('records network errors and missing secrets as failed attempts', async () => {
      const clock = new TestClock();
      const closed = await receiver(status(200));
      await closed.close();
      const refused = await enqueueWebhook(db, { appId, url: closed.url, event: 'deletion', data: {}, now: clock.now() });
      const r = await listen(status(200));
      const noSecret = await enqueueWebhook(db, { appId: await insertApp(), url: r.url, event: 'deletion', data: {}, now: clock.now() });

      assert.equal(await dispatcher(clock).runOnce(), 2);
      assert.match((await row(refused.id)).last_error ?? '', /^NETWORK_ERROR: no HTTP response/);
      assert.match((await row(noSecret.id)).last_error ?? '', /^NO_SECRET/);
      assert.equal(r.received.length, 0, 'never sent unsigned');
    });

    it('does not follow redirects', async () => {
      const clock = new TestClock();
      const target = await listen(status(200));
      const r = await listen((res) => res.writeHead(307, { location: target.url }).end());
      const { id } = await enqueueWebhook(db, { appId, url: r.url, event: 'enroll', data: {}, now: clock.now() });

      await dispatcher(clock).runOnce();
      assert.equal((await row(id)).last_status, 307);
      assert.equal(target.received.length, 0);
    });

    it('marks a delivery failed after maxAttempts', async () => {
      const clock = new TestClock();
      const r = await listen(status(503));
      const { id } = await enqueueWebhook(db, { appId, url: r.url, event: 'failure', data: { code: 'PAD_ATTACK' }, now: clock.now() });
      const d = dispatcher(clock, { maxAttempts: 3, backoff: () => 60_000 });

      for (let i = 0; i < 3; i++) {
        assert.equal(await d.runOnce(), 1);
        clock.t += 60_000;
      }
      const s = await row(id);
      assert.equal(s.status, 'failed');
      assert.equal(s.attempts, 3);
      assert.equal(s.last_status, 503);
      clock.t += 86_400_000;
      assert.equal(await d.runOnce(), 0, 'a failed delivery is not retried');
      assert.equal(r.received.length, 3);
    });

    it('never sends the same delivery twice when two dispatchers share the database', async () => {
      const clock = new TestClock();
      // A slow receiver, so that one dispatcher claims while the other's sends are still in flight.
      const r = await listen((res) => setTimeout(() => res.writeHead(200).end(), 20));
      const keys: string[] = [];
      for (let i = 0; i < 25; i++)
        keys.push((await enqueueWebhook(db, { appId, url: r.url, event: 'enroll', data: { n: i }, now: clock.now() })).idempotencyKey);
      const a = dispatcher(clock, { batchSize: 4 });
      const b = dispatcher(clock, { batchSize: 4, db: db2 });

      const drain = async (d: WebhookDispatcher) => {
        let total = 0;
        for (let n = await d.runOnce(); n > 0; n = await d.runOnce()) total += n;
        return total;
      };
      const [byA, byB] = await Promise.all([drain(a), drain(b)]);

      assert.equal(byA + byB, 25);
      assert.ok(byA > 0 && byB > 0, `both dispatchers worked (${byA} + ${byB})`);
      const sent = r.received.map((x) => x.headers['openfaceio-idempotency-key'] as string);
      assert.equal(sent.length, 25);
      assert.deepEqual([...sent].sort(), [...keys].sort());
      const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'delivered' AND attempts = 1");
      assert.equal(rows[0]!.n, 25);
    });

    it('start() polls, two nodes deliver everything once, stop() waits for in-flight sends', async () => {
      const clock = new TestClock();
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let arrived!: () => void;
      const firstArrived = new Promise<void>((resolve) => (arrived = resolve));
      const r = await listen((res, n) => {
        if (n === 0) arrived();
        void gate.then(() => res.writeHead(204).end());
      });
      for (let i = 0; i < 10; i++) await enqueueWebhook(db, { appId, url: r.url, event: 'authenticate', data: { n: i }, now: clock.now() });
      const a = dispatcher(clock, { batchSize: 3 });
      const b = dispatcher(clock, { batchSize: 3, db: db2 });
      a.start(5);
      b.start(5);
      await firstArrived;

      let stopped = false;
      const stopping = Promise.all([a.stop(), b.stop()]).then(() => (stopped = true));
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(stopped, false, 'stop() waits while a send is in flight');
      release();
      await stopping;

      const { rows } = await db.query<{ status: string; attempts: number }>('SELECT status, attempts FROM webhook_deliveries');
      const delivered = rows.filter((x) => x.status === 'delivered');
      assert.equal(delivered.length, r.received.length, 'every request that was sent is recorded');
      assert.ok(delivered.every((x) => x.attempts === 1));
      assert.equal(new Set(r.received.map((x) => x.headers['openfaceio-idempotency-key'])).size, r.received.length);
      // Whatever was left when they stopped is still pending, unclaimed, for the next start.
      assert.ok(rows.filter((x) => x.status === 'pending').every((x) => x.attempts === 0));
    });

    it('sends nothing for an enqueue inside a rolled-back transaction', async () => {
      const clock = new TestClock();
      const r = await listen(status(200));
      await assert.rejects(
        db.transaction(async (tx) => {
          await enqueueWebhook(tx, { appId, url: r.url, event: 'enroll', data: { facialId: 'fid_1' }, now: clock.now() });
          throw new Error('enrollment failed');
        }),
        /enrollment failed/,
      );
      assert.equal(await dispatcher(clock).runOnce(), 0);
      assert.equal(r.received.length, 0);
      assert.deepEqual(await listDeliveries(db, appId), []);

      await db.transaction((tx) => enqueueWebhook(tx, { appId, url: r.url, event: 'enroll', data: {}, now: clock.now() }));
      assert.equal(await dispatcher(clock).runOnce(), 1);
    });

    it('refuses biometric data in the webhook body', async () => {
      const base = { appId, url: 'http://127.0.0.1:9/', event: 'enroll' as const };
      await assert.rejects(enqueueWebhook(db, { ...base, data: { embedding: [0.1, 0.2] } }), WebhookPayloadError);
      await assert.rejects(enqueueWebhook(db, { ...base, data: { facialId: 'f', extra: { v: new Float32Array(4) } } }), WebhookPayloadError);
      assert.deepEqual(await listDeliveries(db, appId), []);
    });

    it('lists the delivery log newest first, pages with before, and redelivers', async () => {
      const clock = new TestClock();
      const r = await listen(status(200));
      const ids: string[] = [];
      for (let i = 0; i < 5; i++)
        ids.push((await enqueueWebhook(db, { appId, url: r.url, event: 'enroll', data: { n: i }, now: START + i * 1000 })).id);
      const other = await insertApp();
      await enqueueWebhook(db, { appId: other, url: r.url, event: 'enroll', data: {}, now: START });

      const page1 = await listDeliveries(db, appId, { limit: 2 });
      assert.deepEqual(
        page1.map((d) => d.id),
        [ids[4], ids[3]],
      );
      const page2 = await listDeliveries(db, appId, { limit: 10, before: page1[1]!.id });
      assert.deepEqual(
        page2.map((d) => d.id),
        [ids[2], ids[1], ids[0]],
      );
      assert.equal(page2[0]!.status, 'pending');
      assert.equal(page2[0]!.createdAt, new Date(START + 2000).toISOString());
      assert.deepEqual(page2[0]!.body.data, { n: 2 });

      clock.t = START + 10_000;
      await dispatcher(clock).runOnce();
      const [delivered] = await listDeliveries(db, appId, { limit: 1 });
      assert.equal(delivered!.status, 'delivered');
      assert.equal(delivered!.deliveredAt, new Date(START + 10_000).toISOString());

      assert.equal(await redeliver(db, other, delivered!.id), null, "another app's delivery");
      assert.equal(await redeliver(db, appId, randomUUID()), null);
      assert.equal(await redeliver(db, appId, 'not-a-uuid'), null);

      clock.t = START + 20_000;
      const again = await redeliver(db, appId, delivered!.id, clock.now());
      assert.equal(again?.status, 'pending');
      assert.equal(again?.deliveredAt, null);
      await dispatcher(clock).runOnce();
      const resent = r.received.filter((x) => x.headers['openfaceio-idempotency-key'] === delivered!.idempotencyKey);
      assert.equal(resent.length, 2, 'sent again, with the same idempotency key');
    });

    it('backs off exponentially with jitter, capped at one hour', () => {
      assert.equal(
        exponentialBackoff(1, () => 0),
        1000,
      );
      assert.equal(
        exponentialBackoff(1, () => 1),
        2000,
      );
      assert.equal(
        exponentialBackoff(5, () => 1),
        32_000,
      );
      assert.equal(
        exponentialBackoff(30, () => 1),
        3_600_000,
      );
      assert.equal(
        exponentialBackoff(30, () => 0),
        1_800_000,
      );
    });
  });
