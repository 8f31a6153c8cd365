import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import WebSocket from 'ws';
import { dataPath } from '../../test/helpers/data.js';
import { frameOf, runSession } from './helpers/scan-client.js';

const BIN = new URL('../src/cli/bin.mjs', import.meta.url).pathname;

interface Child {
  process: ChildProcess;
  url: string;
  stdout: string;
  /** The demo application in the banner (its keys are new at every start of a local node). */
  demo: { publicId: string; apiKey: string; secret: string };
}

/** Starts `openfaceio serve` on a free port with its own PGlite data directory. */
async function serve(dataDir: string): Promise<Child> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir, '--log-level', 'warn'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (d) => (stderr += d));
    child.stdout!.on('data', () => {
      // The banner, once listening: the URL and the demo app's keys.
      const url = /Demo page\s+(http:\/\/\S+?)\/?\n/.exec(stdout)?.[1];
      const [publicId, apiKey, secret] = [/Demo app\s+(ofio_\w+)/, /API key\s+(ofk_\S+)/, /secret\s+(ofs_\S+)/].map((re) => re.exec(stdout)?.[1]);
      if (url && publicId && apiKey && secret)
        resolve({ process: child, url: url.replace('localhost', '127.0.0.1'), stdout, demo: { publicId, apiKey, secret } });
    });
    child.on('exit', (code) => reject(new Error(`node exited (${code}) before listening:\n${stderr}`)));
  });
}

const kill = (child: Child) =>
  new Promise<void>((resolve) => {
    child.process.removeAllListeners('exit');
    child.process.once('exit', () => resolve());
    child.process.kill('SIGKILL');
  });

describe('a node killed mid-enrollment', { timeout: 180_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'openfaceio-restart-'));
  const children: Child[] = [];
  after(async () => {
    for (const c of children) if (c.process.exitCode === null && c.process.signalCode === null) await kill(c);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('restarts with nothing half-written and its index reloaded', async () => {
    const first = await serve(dataDir);
    children.push(first);
    // The demo app npm start creates on an empty store, in the banner on stdout.
    const demo = first.demo;
    const origin = new URL(first.url).origin.replace('127.0.0.1', 'localhost');
    const person = (id: string, ...f: string[]) => Promise.all(f.map((x) => frameOf(dataPath('faces', id, x))));
    // Photos cannot answer the active liveness challenge: the demo app's liveness is set passive here.
    const patched = await fetch(`${first.url}/v1/admin/settings`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${demo.apiKey}:${demo.secret}`).toString('base64')}` },
      body: JSON.stringify({ liveness: 'passive' }),
    });
    assert.equal(patched.status, 200);

    const enrolled = await runSession(
      first.url,
      { publicId: demo.publicId, op: 'enroll', payload: { n: 1 } },
      await person('deepface_id01', 'img1.jpg', 'img10.jpg', 'img11.jpg'),
      { origin, pins: ['9137'] },
    );
    assert.ok(enrolled.verdict?.ok, JSON.stringify(enrolled.verdict));
    const facialId = (enrolled.verdict as { result: { facialId: string } }).result.facialId;

    // A second enrollment reaches the PIN step, then the node dies.
    const response = await fetch(`${first.url}/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ publicId: demo.publicId, op: 'enroll' }),
    });
    const token = ((await response.json()) as { sessionToken: string }).sessionToken;
    const frames = await person('deepface_id03', 'img47.jpg', 'img48.jpg', 'img49.jpg');
    const ws = new WebSocket(`${first.url.replace('http', 'ws')}/v1/sessions/stream?token=${token}`, { origin });
    await new Promise<void>((resolve, reject) => {
      ws.on('open', () => ws.send(frames.shift()!));
      ws.on('message', (data: Buffer) => {
        const msg = JSON.parse(String(data)) as { type: string };
        if (msg.type === 'verdict') reject(new Error(`unexpected verdict before the PIN: ${String(data)}`));
        if (msg.type === 'progress' && frames.length) ws.send(frames.shift()!);
        if (msg.type === 'pin-required') {
          ws.send(JSON.stringify({ type: 'pin', pin: '5820', confirm: '5820' }));
          resolve();
        }
      });
      ws.on('error', reject);
    });
    await kill(first); // right after the PIN: the commit is either whole or absent
    ws.terminate();

    const second = await serve(dataDir);
    children.push(second);
    assert.equal(second.demo.publicId, demo.publicId, 'the same demo app');
    assert.notEqual(second.demo.apiKey, demo.apiKey, 'with new keys in the banner');
    const admin = { authorization: `Basic ${Buffer.from(`${second.demo.apiKey}:${second.demo.secret}`).toString('base64')}` };
    const list = (await (await fetch(`${second.url}/v1/admin/facial-ids`, { headers: admin })).json()) as {
      items: { facialId: string; templates: number; hasPin: boolean }[];
    };
    assert.ok(list.items.length === 1 || list.items.length === 2, `facial IDs after restart: ${list.items.length}`);
    for (const item of list.items) {
      assert.ok(item.templates >= 1, 'no facial ID without templates');
      assert.equal(item.hasPin, true, 'no facial ID without its PIN');
    }
    assert.ok(list.items.some((i) => i.facialId === facialId));

    const auth = await runSession(
      second.url,
      { publicId: demo.publicId, op: 'authenticate' },
      await person('deepface_id01', 'img2.jpg', 'img4.jpg'),
      { origin, pins: ['9137'] },
    );
    assert.deepEqual((auth.verdict as { result: unknown }).result, { facialId, payload: { n: 1 } }, 'the index was reloaded from the store');
  });
});
