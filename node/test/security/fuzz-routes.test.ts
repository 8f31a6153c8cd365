// A bounded fuzz of every route in the OpenAPI document (issue 12, item 8): a seeded PRNG, a fixed
// number of cases per route, with and without valid credentials, on both back ends. No answer may be
// a 500, and every error answer carries a code: ours `{error: {code, name}}` or the sign-on API's
// `{success: false, code}`.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CreatedApp } from '../../src/store/apps.js';
import { backends, type BackendEnv } from '../helpers/backends.js';
import { siteWithToken, startSignOnNode, type SignOnTestNode } from '../sign-on/helpers.js';
import { basic } from './helpers.js';

const CASES_PER_ROUTE = 24;
const SEED = 0x12_2026;

/** mulberry32: a small seeded PRNG, so a failure replays exactly. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick };
}
type Rng = ReturnType<typeof prng>;

const STRINGS = [
  '',
  'a',
  '0',
  '-1',
  'null',
  'true',
  '\u0000',
  'x\u0000y',
  '\ud800',
  '\udfff\ud800',
  '😀',
  '../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '%00',
  '%E0%A4%A',
  '{{7*7}}',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  'ｆｕｌｌｗｉｄｔｈ',
  '0f8fad5b-d9cb-469f-a165-70867728950e',
  '0F8FAD5B-D9CB-469F-A165-70867728950E',
  '{0f8fad5b-d9cb-469f-a165-70867728950e}',
  'urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e',
  'ofio_aaaaaaaaaaaaaaaaaaaa',
  'vt_' + 'A'.repeat(43),
  'x'.repeat(300),
  'y'.repeat(5000),
  'https://169.254.169.254/latest/meta-data/',
  'http://127.0.0.1:22/',
  '1e309',
  '__proto__',
  'constructor',
];

function randomJson(rng: Rng, depth = 0): unknown {
  switch (rng.int(depth > 2 ? 5 : 8)) {
    case 0:
      return rng.pick(STRINGS);
    case 1:
      return rng.pick([0, -1, 1.5, 1e308, -0, 2 ** 53 + 1, 4, 16]);
    case 2:
      return rng.pick([true, false, null]);
    case 3:
      return rng.pick(['enroll', 'authenticate', 'liveness', 'age', 'never', 'always', 'on-doubt']);
    case 4:
      return 'A'.repeat(rng.int(3) * 4000);
    case 5:
      return Array.from({ length: rng.int(4) }, () => randomJson(rng, depth + 1));
    default: {
      const keys = [
        'publicId',
        'op',
        'payload',
        'facialId',
        'locale',
        'pin',
        'imageA',
        'imageB',
        'image',
        'uid',
        'email',
        'facial_id',
        'id',
        'start_token',
        'api_key',
        'secret_key',
        'domain',
        'proof',
        'registration_token',
        'subscription',
        'webhookUrl',
        'pinLength',
        '__proto__',
        'constructor',
        'matchThreshold',
        'countryAllowList',
        'signOnToken',
        rng.pick(STRINGS),
      ];
      return Object.fromEntries(Array.from({ length: rng.int(5) }, () => [rng.pick(keys), randomJson(rng, depth + 1)]));
    }
  }
}

/** A body as raw text: mostly JSON, sometimes broken JSON or the wrong type. */
function randomBody(rng: Rng): { payload?: string; contentType?: string } {
  const r = rng.int(10);
  if (r === 0) return {};
  if (r === 1) return { payload: '{"a":', contentType: 'application/json' };
  if (r === 2) return { payload: '<x/>', contentType: 'text/xml' };
  if (r === 3) return { payload: '{"payload":"\\u0000","pin":"\\ud800"}', contentType: 'application/json' };
  return { payload: JSON.stringify(randomJson(rng)) ?? 'null', contentType: 'application/json' };
}

/** encodeURIComponent, or a lone surrogate's bytes as-is (invalid UTF-8 in the URL) where it throws. */
const encode = (value: string): string => {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
};

/** Fills `{param}` with junk (URL-encoded or raw percent sequences). */
const fillPath = (rng: Rng, path: string) =>
  path.replace(/\{[^}]+\}/g, () => {
    const value = rng.pick(STRINGS);
    return rng.int(3) === 0 ? value.replace(/[?#\s]/g, '') : encode(value);
  });

/** Our error shape or the sign-on one: a code is there. */
function assertCoded(body: string, what: string): void {
  type Coded = { error?: { code?: unknown }; code?: unknown; success?: unknown } | null;
  const parse = (): Coded => {
    try {
      return JSON.parse(body) as Coded;
    } catch {
      return assert.fail(`${what}: the error body is not JSON: ${body.slice(0, 200)}`);
    }
  };
  const parsed = parse();
  const code = parsed?.error?.code ?? (parsed?.success === false ? parsed.code : undefined);
  assert.equal(typeof code, 'number', `${what}: an error answer without a code: ${body.slice(0, 300)}`);
}

for (const BACKEND of backends())
  describe(`fuzz of every OpenAPI route (${BACKEND.name})`, () => {
    let env: BackendEnv;
    let node: SignOnTestNode;
    let app: CreatedApp;
    let site: Awaited<ReturnType<typeof siteWithToken>>;

    before(async () => {
      env = await BACKEND.open();
      node = await startSignOnNode(env, { listen: false });
      app = await node.createApp({}, ['https://shop.example']);
      site = await siteWithToken(node);
    });
    after(async () => {
      await node?.close();
      await env?.close();
    });

    it(`${CASES_PER_ROUTE} seeded cases per route: never a 500, every error with a code`, async () => {
      const doc = (await node.app.inject({ method: 'GET', url: '/v1/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
      const routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
        Object.keys(methods).map((method) => ({ path, method: method.toUpperCase() })),
      );
      assert.ok(routes.length >= 25, `the document lists the routes (${routes.length})`);
      const rng = prng(SEED);
      let sent = 0;
      for (const { path, method } of routes) {
        for (let i = 0; i < CASES_PER_ROUTE; i++) {
          const url =
            fillPath(rng, path) +
            (rng.int(4) === 0 ? `?limit=${encode(rng.pick(STRINGS))}&after=${encode(rng.pick(STRINGS))}` : '');
          const { payload, contentType } = method === 'GET' || method === 'DELETE' ? {} : randomBody(rng);
          const auth = rng.pick(['none', 'admin', 'bearer', 'junk'] as const);
          const headers: Record<string, string> = {
            origin: rng.pick(['https://shop.example', 'null', 'https://evil.example', '']),
            ...(contentType ? { 'content-type': contentType } : {}),
            ...(auth === 'admin' ? { authorization: basic(app) } : {}),
            ...(auth === 'bearer' ? { authorization: `Bearer ${site.token}` } : {}),
            ...(auth === 'junk'
              ? { authorization: rng.pick(['Basic', 'Basic ###', 'Bearer', 'Bearer a.b.c', `Basic ${Buffer.from(':').toString('base64')}`]) }
              : {}),
          };
          if (!headers.origin) delete headers.origin;
          const response = await node.app.inject({
            method: method as 'GET',
            url,
            headers,
            ...(payload === undefined ? {} : { payload }),
            remoteAddress: `10.77.${rng.int(250)}.${rng.int(250)}`,
          });
          sent++;
          const what = `${method} ${url.slice(0, 120)} (${auth}) → ${response.statusCode}`;
          assert.notEqual(response.statusCode, 500, `${what}: ${response.body.slice(0, 300)}`);
          if (response.statusCode >= 400) assertCoded(response.body, what);
        }
      }
      assert.equal(sent, routes.length * CASES_PER_ROUTE);
      assert.equal((await node.app.inject({ method: 'GET', url: '/v1/status' })).statusCode, 200, 'the node still answers');
    });
  });
