// Finding 4 (medium): a webhook URL could point at loopback or private ranges, and the delivery log
// told a probe which ports answered. Deliveries now go to public addresses only (checked after DNS
// resolution, on each attempt; redirects not followed) unless the operator allows a network, and
// the log's connection errors are generic.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { Db } from '../../src/store/db.js';
import { createApp } from '../../src/store/apps.js';
import { isDeliverable } from '../../src/webhooks/destination.js';
import { enqueueWebhook, WebhookDispatcher } from '../../src/webhooks/queue.js';
import { backends, type BackendEnv } from '../helpers/backends.js';

const BACKEND = backends()[0]!;

async function receiver(answer: (path: string) => [number, Record<string, string>?]): Promise<{ url: string; hits: string[]; server: Server }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    req.resume();
    const [status, headers] = answer(req.url ?? '');
    res.writeHead(status, headers).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, hits, server };
}

describe('webhook destinations (SSRF)', () => {
  let env: BackendEnv;
  let db: Db;
  let appId: string;
  const servers: Server[] = [];
  const clock = { now: () => Date.now() };

  const deliver = async (url: string, allowedNetworks?: string[]) => {
    const { id } = await enqueueWebhook(db, { appId, url, event: 'deletion', data: { facialId: 'x' } });
    const dispatcher = new WebhookDispatcher({
      db,
      clock,
      secretFor: async () => 'whsec_test',
      timeoutMs: 2000,
      ...(allowedNetworks ? { allowedNetworks } : {}),
    });
    await dispatcher.runOnce();
    const { rows } = await db.query<{ last_error: string | null; last_status: number | null; status: string }>(
      'SELECT last_error, last_status, status FROM webhook_deliveries WHERE id = $1',
      [id],
    );
    return rows[0]!;
  };

  before(async () => {
    env = await BACKEND.open();
    db = env.db;
    appId = (await createApp(db, 'ssrf', [])).app.id;
  });
  after(async () => {
    for (const s of servers) s.close();
    await env?.close();
  });

  it('classifies loopback, private, link-local, metadata, NAT64 and mapped addresses as not deliverable', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.100.100.200',
      '192.0.0.192',
      '0.0.0.0',
      '::1',
      '::',
      'fd00:ec2::254',
      'fe80::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      '64:ff9b::a9fe:a9fe',
    ])
      assert.equal(isDeliverable(address), false, address);
    for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700::1111']) assert.equal(isDeliverable(address), true, address);
  });

  it('refuses a loopback receiver (by address and by name) without sending anything', async () => {
    const r = await receiver(() => [200]);
    servers.push(r.server);
    for (const url of [
      `${r.url}/hook`,
      r.url.replace('127.0.0.1', 'localhost') + '/hook',
      r.url.replace('127.0.0.1', '[::ffff:127.0.0.1]') + '/hook',
    ]) {
      const d = await deliver(url);
      assert.match(d.last_error ?? '', /^DESTINATION_REFUSED/, url);
    }
    assert.deepEqual(r.hits, [], 'the loopback receiver was never reached');
  });

  it('refuses metadata and private addresses, and says nothing about their ports', async () => {
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://10.255.255.1:6379/', 'http://[fd00:ec2::254]/', 'http://0.0.0.0:22/']) {
      const d = await deliver(url);
      assert.match(d.last_error ?? '', /^DESTINATION_REFUSED/, url);
      assert.equal(d.last_status, null);
    }
  });

  it('delivers to a network the operator allowed, does not follow redirects, and keeps connection errors generic', async () => {
    const target = await receiver(() => [200]);
    const redirecting = await receiver(() => [302, { location: `${target.url}/elsewhere` }]);
    servers.push(target.server, redirecting.server);
    assert.equal((await deliver(`${target.url}/hook`, ['127.0.0.0/8'])).status, 'delivered');
    const redirected = await deliver(`${redirecting.url}/hook`, ['127.0.0.0/8']);
    assert.equal(redirected.last_error, 'HTTP_STATUS: 302');
    assert.deepEqual(target.hits, ['/hook'], 'the redirect was not followed');
    const closed = await receiver(() => [200]);
    await new Promise((resolve) => closed.server.close(resolve));
    const refused = await deliver(`${closed.url}/hook`, ['127.0.0.0/8']);
    assert.equal(refused.last_error, 'NETWORK_ERROR: no HTTP response from the webhook URL', 'no ECONNREFUSED / bad port detail for the app');
  });
});
