// Finding 5 (low), /cable: one address could open any number of connections, and a burst of
// subscribes spread over connections was not limited. Both are capped now, on the real node with
// its real subscription authority (the sign-on store).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { CABLE_LIMITS } from '../../src/sign-on/cable.js';
import { SIGN_ON_CHANNEL } from '../../src/sign-on/contract.js';
import { backends, type BackendEnv } from '../helpers/backends.js';
import { assertOk, fakeFacialId, siteWithToken, startSignOnNode, userWithPhone, type SignOnTestNode } from '../sign-on/helpers.js';

const BACKEND = backends()[0]!;

/** A raw ActionCable client: resolves once the server said welcome (or closed first). */
function connect(url: string): Promise<{ ws: WebSocket; messages: Record<string, unknown>[]; closed: Promise<number> }> {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/cable`, ['actioncable-v1-json']);
  const messages: Record<string, unknown>[] = [];
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  return new Promise((resolve) => {
    ws.on('message', (data: Buffer) => {
      const m = JSON.parse(data.toString()) as Record<string, unknown>;
      messages.push(m);
      if (m.type === 'welcome' || m.type === 'disconnect') resolve({ ws, messages, closed });
    });
    void closed.then(() => resolve({ ws, messages, closed }));
  });
}

const identifier = (token: string, secret: string) =>
  JSON.stringify({ channel: SIGN_ON_CHANNEL, verification_token: token, subscription_secret: secret });

/** Sends a subscribe and resolves to the server's answer type for it. */
function subscribe(ws: WebSocket, messages: Record<string, unknown>[], id: string): Promise<string> {
  ws.send(JSON.stringify({ command: 'subscribe', identifier: id }));
  return new Promise((resolve) => {
    const check = () => {
      const answer = messages.find((m) => m.identifier === id && typeof m.type === 'string');
      if (answer) return resolve(String(answer.type));
      setTimeout(check, 10);
    };
    check();
  });
}

describe('/cable limits per address', () => {
  let env: BackendEnv;
  let node: SignOnTestNode;

  before(async () => {
    env = await BACKEND.open();
    node = await startSignOnNode(env, { listen: true });
  });
  after(async () => {
    await node?.close();
    await env?.close();
  });

  it(`caps the connections one address holds at ${CABLE_LIMITS.maxConnectionsPerAddress}`, async () => {
    const open = [];
    for (let i = 0; i < CABLE_LIMITS.maxConnectionsPerAddress; i++) open.push(await connect(node.url));
    assert.ok(open.every((c) => c.messages[0]?.type === 'welcome'));
    const extra = await connect(node.url);
    assert.deepEqual(extra.messages[0], { type: 'disconnect', reason: 'invalid_request', reconnect: false });
    assert.equal(await extra.closed, 1013);
    open.pop()!.ws.close();
    await new Promise((r) => setTimeout(r, 100));
    const again = await connect(node.url);
    assert.equal(again.messages[0]?.type, 'welcome', 'a slot freed by a closed connection can be used');
    for (const c of [...open, again]) c.ws.close();
    await Promise.all([...open, again].map((c) => c.closed));
  });

  it(`limits subscribe attempts per address to ${CABLE_LIMITS.claimsPerAddressPerMinute} a minute, over all its connections`, async () => {
    const site = await siteWithToken(node);
    await userWithPhone(node, site.token, 'ada', await fakeFacialId(env, site.appId));
    const started = assertOk(await node.call('POST', 'login/push_notification', { token: site.token, body: { id: 'ada' } }));
    const burst = [];
    for (let c = 0; c < 4; c++) {
      const conn = await connect(node.url);
      burst.push(conn);
      for (let i = 0; i < CABLE_LIMITS.maxClaims && c * CABLE_LIMITS.maxClaims + i < CABLE_LIMITS.claimsPerAddressPerMinute; i++) {
        assert.equal(await subscribe(conn.ws, conn.messages, identifier(`vt_guess_${c}_${i}`, 'wrong')), 'reject_subscription');
      }
    }
    const last = await connect(node.url);
    const answer = await subscribe(last.ws, last.messages, identifier(String(started.verification_token), String(started.subscription_secret)));
    assert.equal(answer, 'reject_subscription', 'past the budget even the right secret waits');
    for (const c of [...burst, last]) c.ws.close();
  });
});
