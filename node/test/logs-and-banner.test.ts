// The node's default log is for a person (issue 14): one line per session verdict and per error,
// requests at debug; LOG_FORMAT=json keeps pino's JSON. The banner sets the URLs and demo keys
// apart; /favicon.ico is a real icon.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bannerText } from '../src/banner.js';
import { loadConfig, ConfigError } from '../src/config.js';
import { humanLine, humanStream } from '../src/logging.js';
import { backends } from './helpers/backends.js';
import { startTestNode } from './helpers/node.js';

const BACKEND = backends()[0]!;

describe('logs, banner, favicon', () => {
  it('formats verdicts, requests and errors as one readable line each', () => {
    const time = Date.UTC(2030, 0, 1, 12, 4, 31);
    const verdict = humanLine({
      level: 30,
      time,
      msg: 'verdict',
      app: 'ofio_abc',
      op: 'authenticate',
      outcome: 'success',
      ms: 1250,
      reqId: 'req-1',
      pid: 1,
    });
    assert.match(verdict, /^\d\d:\d\d:\d\d verdict authenticate success 1\.25 s {2}app=ofio_abc$/);
    const pad = humanLine({
      level: 40,
      time,
      msg: 'verdict',
      app: 'ofio_abc',
      op: 'enroll',
      outcome: 'PAD_ATTACK',
      ms: 920,
      reason: 'presentation attack detected (still-image)',
    });
    assert.match(pad, /WARN verdict enroll PAD_ATTACK 920 ms {2}app=ofio_abc reason="presentation attack detected \(still-image\)"$/);
    assert.match(
      humanLine({ level: 20, time, msg: 'request', method: 'GET', url: '/sdk/openfaceio.js', status: 200, ms: 3 }),
      /GET \/sdk\/openfaceio\.js 200 3 ms$/,
    );
    assert.match(humanLine({ level: 50, time, msg: 'unhandled error', err: { message: 'boom', stack: '…' } }), /ERROR unhandled error {2}err=boom$/);
    let written = '';
    humanStream({ write: (s: string) => void (written += s) } as unknown as NodeJS.WritableStream).write(
      `${JSON.stringify({ level: 30, time, msg: 'shutting down', signal: 'SIGTERM' })}\nnot json\n`,
    );
    assert.match(written, /shutting down {2}signal=SIGTERM\nnot json\n$/);
  });

  it('LOG_FORMAT is human or json; the operator key is long enough', () => {
    assert.equal(loadConfig([], {}).logFormat, 'human');
    assert.equal(loadConfig([], { LOG_FORMAT: 'JSON' }).logFormat, 'json');
    assert.throws(() => loadConfig([], { LOG_FORMAT: 'xml' }), ConfigError);
    assert.throws(() => loadConfig([], { OPENFACEIO_OPERATOR_KEY: 'short' }), /at least 24/);
    assert.equal(loadConfig([], { OPENFACEIO_OPERATOR_KEY: 'x'.repeat(32) }).operatorKey, 'x'.repeat(32));
  });

  it('the banner shows the URL, the console and the demo keys, set apart; never the operator key', () => {
    const text = bannerText({
      version: '1.2.3',
      url: 'http://localhost:8080',
      store: 'pglite',
      bus: 'memory',
      operator: true,
      demo: { publicId: 'ofio_demo', origins: ['http://localhost:8080', 'http://localhost:5173'], apiKey: 'ofk_key', secret: 'ofs_secret' },
    });
    assert.match(text, /^\n─+\n/);
    assert.match(text, /Demo page {3}http:\/\/localhost:8080\//);
    assert.match(text, /Console {5}http:\/\/localhost:8080\/console/);
    assert.match(text, /origins {3}http:\/\/localhost:8080, http:\/\/localhost:5173\n/);
    assert.match(text, /API key {3}ofk_key\n {4}secret {4}ofs_secret/);
    assert.match(text, /OPENFACEIO_OPERATOR_KEY is set/);
    assert.match(text, /─+\n$/);
  });

  it('answers /favicon.ico with a 32×32 PNG icon and /favicon.svg with the SVG', async () => {
    const env = await BACKEND.open();
    const node = await startTestNode(env, { listen: false });
    try {
      const ico = await node.app.inject({ method: 'GET', url: '/favicon.ico' });
      assert.equal(ico.statusCode, 200);
      assert.equal(ico.headers['content-type'], 'image/x-icon');
      const bytes = ico.rawPayload;
      assert.deepEqual([...bytes.subarray(0, 8)], [0, 0, 1, 0, 1, 0, 32, 32]);
      assert.deepEqual([...bytes.subarray(22, 26)], [0x89, 0x50, 0x4e, 0x47], 'a PNG inside');
      const svg = await node.app.inject({ method: 'GET', url: '/favicon.svg' });
      assert.match(svg.body, /^<svg/);
    } finally {
      await node.close();
      await env.close();
    }
  });
});
