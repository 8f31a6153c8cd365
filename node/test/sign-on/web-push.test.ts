// The sign-on push through `web-push` to a local push service (test/helpers/push-endpoint.ts) that
// checks VAPID and decrypts the RFC 8291 body with node:crypto alone.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SignOnPush } from '../../src/sign-on/contract.js';
import { createPushSender, DEFAULT_VAPID_SUBJECT, PushSendError } from '../../src/sign-on/web-push.js';
import { backends, type BackendEnv } from '../helpers/backends.js';
import { createSubscriber, startPushEndpoint, type PushEndpoint } from '../helpers/push-endpoint.js';

// Module level: backends() registers the shared servers' shutdown as a file-level hook.
const BACKEND = backends()[0]!;

describe('Web Push sender', () => {
  let env: BackendEnv;
  let push: PushEndpoint;
  const now = Date.parse('2025-06-01T12:00:00.000Z');
  const clock = { now: () => now };
  const payload = (expiresInMs = 10 * 60_000): SignOnPush => ({
    type: 'sign-on',
    url: 'https://node.example/sign-on/verify#t=tok_abc',
    site: 'shop.example',
    expiresAt: new Date(now + expiresInMs).toISOString(),
  });

  before(async () => {
    env = await BACKEND.open();
    push = await startPushEndpoint();
  });
  after(async () => {
    await push?.close();
    await env?.close();
  });

  it('delivers an encrypted push with a VAPID JWT that verifies; the decrypted JSON is the payload', async () => {
    const sender = await createPushSender(env.db, { agent: push.agent, clock });
    assert.match(sender.publicKey, /^[\w-]{87}$/, 'a base64url uncompressed P-256 point (65 bytes)');
    const phone = push.subscriber(sender.publicKey);
    await sender.send(phone.subscription, payload());
    const received = await push.next(phone);
    assert.equal(received.error, null);
    assert.equal(received.status, 201);
    assert.deepEqual(JSON.parse(received.payload!.toString('utf8')), payload());
    assert.equal(received.vapid!.aud, push.origin);
    assert.equal(received.vapid!.sub, DEFAULT_VAPID_SUBJECT);
    assert.equal(received.vapid!.publicKey, sender.publicKey);
    assert.equal(received.contentEncoding, 'aes128gcm');
    assert.equal(received.urgency, 'high');
    assert.equal(received.ttl, 600, 'TTL is the verification’s remaining time');
  });

  it('surfaces a 410 Gone from the push service as a rejection with statusCode 410', async () => {
    const sender = await createPushSender(env.db, { agent: push.agent, clock });
    const phone = push.subscriber(sender.publicKey);
    push.respond(phone, 410);
    await assert.rejects(sender.send(phone.subscription, payload()), (error: unknown) => {
      assert.ok(error instanceof PushSendError);
      assert.equal(error.statusCode, 410);
      assert.ok(!error.message.includes(phone.subscription.endpoint), 'the endpoint (a capability URL) is not in the message');
      return true;
    });
    assert.ok((await push.next(phone)).payload, 'it was delivered and decrypted, then answered 410');
  });

  it('keeps the VAPID keys in the store: a second sender (another node, a restart) signs with the same key', async () => {
    const first = await createPushSender(env.db, { agent: push.agent, clock });
    const second = await createPushSender(env.db, { agent: push.agent, clock, subject: 'https://ops.example/contact' });
    assert.equal(second.publicKey, first.publicKey);
    const phone = push.subscriber(first.publicKey);
    await second.send(phone.subscription, payload(90_000));
    const received = await push.next(phone);
    assert.equal(received.error, null);
    assert.equal(received.vapid!.sub, 'https://ops.example/contact');
    assert.equal(received.ttl, 90);
  });

  it('is refused by a push service when the subscription was made for another VAPID key', async () => {
    const sender = await createPushSender(env.db, { agent: push.agent, clock });
    const otherStore = await BACKEND.open();
    const other = await createPushSender(otherStore.db, { agent: push.agent, clock });
    await otherStore.close();
    assert.notEqual(other.publicKey, sender.publicKey);
    const phone = push.subscriber(other.publicKey);
    await assert.rejects(sender.send(phone.subscription, payload()), { statusCode: 403 });
    assert.match((await push.next(phone)).error!, /applicationServerKey/);
  });

  it('sends nothing for a verification that has already expired', async () => {
    const sender = await createPushSender(env.db, { agent: push.agent, clock });
    const phone = push.subscriber(sender.publicKey);
    await assert.rejects(sender.send(phone.subscription, payload(-1)), /expired/);
    await assert.rejects(push.next(phone, 200), /no push arrived/);
  });

  it('refuses a VAPID subject that is neither mailto: nor https:', async () => {
    await assert.rejects(createPushSender(env.db, { subject: 'ops@example.com' }), /mailto: or https:/);
  });
});

describe('push endpoint helper', () => {
  it('cannot decrypt a message encrypted for other keys (the GCM tag is checked)', async () => {
    const push = await startPushEndpoint();
    const env = await BACKEND.open();
    try {
      const sender = await createPushSender(env.db, { agent: push.agent });
      const phone = push.subscriber(sender.publicKey);
      const stranger = createSubscriber(phone.subscription.endpoint, sender.publicKey);
      await sender.send(phone.subscription, {
        type: 'sign-on',
        url: 'https://n.example/',
        site: 's.example',
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
      });
      assert.ok((await push.next(phone)).payload);
      // Encrypted for other keys at the same endpoint: the phone's keys cannot open it.
      await assert.rejects(
        sender.send(stranger.subscription, {
          type: 'sign-on',
          url: 'https://n.example/',
          site: 's.example',
          expiresAt: new Date(Date.now() + 60_000).toISOString(),
        }),
        { statusCode: 400 },
      );
      const received = await push.next(phone);
      assert.equal(received.status, 400);
      assert.match(received.error!, /unable to authenticate/i);
    } finally {
      await push.close();
      await env.close();
    }
  });
});
