// Finding 5 (low): the admin lockout counted failures per address only, so anyone behind the same
// NAT could lock a correct admin key out. It is keyed by API key and address now; a locked pair is
// refused before its secret is checked (no oracle while locked).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN_FAILURES_PER_IP } from '../../src/routes/admin-auth.js';
import type { CreatedApp } from '../../src/store/apps.js';
import { backends, type BackendEnv } from '../helpers/backends.js';
import { startTestNode, type TestNodeServer } from '../helpers/node.js';
import { assertFioError, basic } from './helpers.js';

const NAT = '198.51.100.7';

for (const BACKEND of backends())
  describe(`admin lockout by credential and address (${BACKEND.name})`, () => {
    let env: BackendEnv;
    let node: TestNodeServer;
    let admin: CreatedApp;
    let victim: CreatedApp;

    const statistics = (authorization: string) =>
      node.app.inject({ method: 'GET', url: '/v1/admin/statistics', headers: { authorization }, remoteAddress: NAT });

    before(async () => {
      env = await BACKEND.open();
      node = await startTestNode(env, { listen: false });
      admin = await node.createApp();
      victim = await node.createApp();
    });
    after(async () => {
      await node?.close();
      await env?.close();
    });

    it('others’ bad attempts from the same address do not lock a correct admin key out', async () => {
      for (let i = 0; i < ADMIN_FAILURES_PER_IP + 5; i++) {
        const guess = await statistics(`Basic ${Buffer.from(`ofk_random${i}:ofs_guess`).toString('base64')}`);
        assert.ok([401, 429].includes(guess.statusCode));
      }
      for (let i = 0; i < ADMIN_FAILURES_PER_IP + 2; i++) await statistics(basic(victim, `ofs_guess${i}`));
      assert.equal((await statistics(basic(admin))).statusCode, 200, 'the admin behind the same NAT still gets in');
    });

    it('a key guessed at from one address is locked there, even for the right secret, and not elsewhere', async () => {
      assertFioError(await statistics(basic(victim)), 429, 'TOO_MANY_REQUESTS');
      const elsewhere = await node.app.inject({
        method: 'GET',
        url: '/v1/admin/statistics',
        headers: { authorization: basic(victim) },
        remoteAddress: '203.0.113.9',
      });
      assert.equal(elsewhere.statusCode, 200);
    });
  });
