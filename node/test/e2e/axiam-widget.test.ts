// Axiam's embedded widget, the seed's snippet unchanged but for the script's host: a Rails-style
// login page with <div id="axiam-facial-login">, /widget/facial-login.js and
// AxiamFacialLogin.init({ authToken, formAction, csrfToken, callbacks }). The user types their
// e-mail, the node pushes to their phone (a real encrypted Web Push to a local push endpoint), the
// phone checks the face, the widget posts to formAction and the site's backend verifies the proof.
// Screenshots of the button and the dialog at 1280 and 390 px, in English and Arabic, are checked.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { SignOnPush } from '../../src/sign-on/contract.js';
import { createPushSender } from '../../src/sign-on/web-push.js';
import { backends, type BackendEnv } from '../helpers/backends.js';
import { launchChromium, openPage } from '../../../test/helpers/browser.js';
import { dataPath } from '../../../test/helpers/data.js';
import { startTestNode, type TestNodeServer } from '../helpers/node.js';
import { startPushEndpoint, type PushEndpoint, type TestSubscriber } from '../helpers/push-endpoint.js';
import { frameOf, runSession } from '../helpers/scan-client.js';
import { assertInViewport, shoot, VIEWPORTS } from '../helpers/screenshots.js';
import { SDK_DIR, videoFrames, y4mOf } from '../helpers/widget-page.js';

const [BACKEND] = backends();
const API = '/api/v1/facial_sign_on';

/** The seed's page: Axiam's snippet as a Rails view renders it; only the widget's host is ours. */
const seedPage = (axiamBase: string, authToken: string, lang: string) => `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="csrf-abc123"><title>Sign in</title></head>
<body style="font-family: system-ui; margin: 2rem">
<h1>Sign in</h1>
<form action="/users/sign_in" method="post"><label>Email <input name="email"></label> <label>Password <input name="password" type="password"></label> <button>Sign in</button></form>
<div class="text-center my-3"><span>or</span></div>

<!-- Widget container -->
<div id="axiam-facial-login"></div>

<!-- Widget scripts load from the Axiam server -->
<script src="${axiamBase}/widget/facial-login.js"></script>
<link rel="stylesheet" href="${axiamBase}/widget/facial-login.css">

<script>
window.calls = [];
AxiamFacialLogin.init({
  authToken: '${authToken}',
  formAction: '/facial_sign_on/verified_login',
  csrfToken: document.querySelector('meta[name="csrf-token"]')?.content,
  primaryColor: '#0b7a4b',
  onReady: function () { calls.push('ready'); },
  onSubmit: function (data) { calls.push('submit:' + data.email); },
  onPending: function (data) { calls.push('pending:' + data.device); },
  onVerified: function (data) { calls.push('verified:' + data.client_id); },
  onSuccess: function (data) { calls.push('success'); },
  onRejected: function (error) { calls.push('rejected:' + error.code); },
  onTimeout: function () { calls.push('timeout'); },
  onError: function (error, context) { calls.push('error:' + error.code + ':' + context); }
});
</script>
</body></html>`;

/** The site: the login page (a new start token per view, as a backend calling login/start would), and /facial_sign_on/verified_login. */
async function startSite(axiamBase: string, mintToken: () => Promise<string>) {
  const posted: URLSearchParams[] = [];
  let override: string | null = null;
  const server: Server = createServer((request, response) => {
    if (request.method === 'POST' && request.url === '/facial_sign_on/verified_login') {
      let body = '';
      request.on('data', (c: Buffer) => (body += c.toString()));
      request.on('end', () => {
        posted.push(new URLSearchParams(body));
        response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>in</title><h1>Welcome</h1>');
      });
      return;
    }
    if (request.url === '/favicon.ico') return void response.writeHead(204).end();
    const lang = new URL(request.url ?? '/', 'http://x').searchParams.get('lang') ?? 'en';
    void (async () => {
      const token = override ?? (await mintToken());
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(seedPage(axiamBase, token, lang));
    })();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    posted,
    /** The next pages get this authToken instead of a fresh start token. */
    useToken: (token: string | null) => void (override = token),
    close: () => new Promise<void>((done) => (server.closeAllConnections(), server.close(() => done()))),
  };
}

const calls = (page: Page) => page.evaluate(() => (window as unknown as { calls: string[] }).calls);

describe("Axiam's embedded widget: the seed's snippet against the node's /widget/facial-login.js", () => {
  let env: BackendEnv;
  let node: TestNodeServer;
  let push: PushEndpoint;
  let site: Awaited<ReturnType<typeof startSite>>;
  let jwt = '';
  let phone: TestSubscriber;
  const browsers: Browser[] = [];

  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${node.url}${API}/${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), authorization: `Bearer ${jwt}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return (await response.json()) as { success: boolean; data: Record<string, unknown> };
  };
  const desktop = async (viewport: { width: number; height: number } = VIEWPORTS.desktop, lang = 'en') => {
    const browser = await launchChromium();
    browsers.push(browser);
    const opened = await openPage(browser, `${site.origin}/?lang=${lang}`);
    await opened.page.setViewportSize(viewport);
    return opened;
  };

  before(async () => {
    env = await BACKEND!.open();
    push = await startPushEndpoint();
    node = await startTestNode(env, { sdkDir: SDK_DIR });
    node.deps.pushSender = await createPushSender(env.db, { agent: push.agent });
    site = await startSite(node.url, async () => String((await api('POST', 'login/start', {})).data.start_token));
    // Enrolled over the protocol from a fixed clip, which cannot answer the active liveness challenge: passive liveness here.
    const created = await node.createApp({ pad: true, liveness: 'passive', pinPolicy: 'never', preventDuplicates: false }, [site.origin]);
    jwt = String(
      (
        (await (
          await fetch(`${node.url}${API}/application_auth`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ api_key: created.apiKey, secret_key: created.secret, domain: '127.0.0.1' }),
          })
        ).json()) as { data: { authenticated_token: string } }
      ).data.authenticated_token,
    );
    const frames = await Promise.all(videoFrames(dataPath('video/person-lmm-webcam.mp4'), 8).map((file) => frameOf(file)));
    const enrolled = await runSession(node.url, { publicId: created.app.publicId, op: 'enroll' }, frames, { origin: site.origin });
    assert.equal(enrolled.verdict?.ok, true, JSON.stringify(enrolled.verdict));
    const facialId = (enrolled.verdict as { result: { facialId: string } }).result.facialId;
    const user = await api('POST', 'users', { uid: 'lmm', email: 'lmm@example.com', facial_id: facialId });
    phone = push.subscriber(String((await api('GET', 'vapid_public_key')).data.public_key));
    assert.equal(
      (await api('POST', 'devices', { registration_token: user.data.registration_token, subscription: phone.subscription })).success,
      true,
    );
  });
  after(async () => {
    for (const browser of browsers) await browser.close().catch(() => undefined);
    await site?.close();
    await node?.close();
    await push?.close();
    await env?.close();
  });

  test('the snippet works unchanged: e-mail → push to the phone → face check → POST to formAction with the proof, Axiam’s fields and the CSRF token', async () => {
    const { page, logs } = await desktop();
    const open = page.getByRole('button', { name: 'Sign in with your face' });
    await page.waitForFunction(() => (window as unknown as { calls: string[] }).calls.includes('ready'), null, { timeout: 20_000 });
    assert.equal(await open.evaluate((b) => getComputedStyle(b).backgroundColor), 'rgb(11, 122, 75)', 'primaryColor themes the button');
    await assertInViewport(page, { button: open });
    await shoot(page, 'axiam-widget-desktop-en-button');
    await open.click();
    const dialog = page.getByRole('dialog', { name: 'Sign in with your face' });
    await dialog.getByLabel('Email address').fill('lmm@example.com');
    await assertInViewport(page, { dialog, field: dialog.getByLabel('Email address'), close: dialog.getByRole('button', { name: 'Close' }) });
    await shoot(page, 'axiam-widget-desktop-en-dialog');
    await dialog.getByRole('button', { name: 'Send the sign-in request' }).click();
    await dialog.locator('[part~="status"]').filter({ hasText: 'We sent a notification to your phone' }).waitFor({ timeout: 20_000 });
    await shoot(page, 'axiam-widget-desktop-en-pending');

    const received = await push.next(phone, 20_000);
    const message = JSON.parse(received.payload!.toString('utf8')) as SignOnPush;
    const phoneBrowser = await launchChromium({ fakeVideo: y4mOf(dataPath('video/person-lmm-webcam.mp4')) });
    browsers.push(phoneBrowser);
    const onPhone = await openPage(phoneBrowser, message.url);
    await onPhone.page.locator('faceio-authenticate').getByRole('button', { name: 'Sign in with your face' }).click({ timeout: 30_000 });

    await page.waitForURL(`${site.origin}/facial_sign_on/verified_login`, { timeout: 90_000 });
    const form = site.posted.at(-1)!;
    assert.equal(form.get('email'), 'lmm@example.com');
    assert.equal(form.get('client_id'), 'lmm');
    assert.equal(form.get('verified'), 'true');
    assert.equal(form.get('authenticity_token'), 'csrf-abc123');
    assert.equal(form.get('signature'), form.get('faceio_proof'));
    assert.match(String(form.get('timestamp')), /^\d{10}$/);
    // The site's backend trusts nothing but the proof.
    const checked = await api('POST', 'verify_proof', { proof: form.get('faceio_proof') });
    assert.equal(checked.success, true, JSON.stringify(checked));
    assert.equal(checked.data['uid'], 'lmm');
    assert.deepEqual(
      logs.filter((l) => l.startsWith('[error]') || l.startsWith('[pageerror]')),
      [],
    );
  });

  test('callbacks and axiam:* events in order; an unknown account is an error with its code and context', async () => {
    const { page } = await desktop(VIEWPORTS.phone);
    await page.evaluate(() => {
      (window as unknown as { events: string[] }).events = [];
      for (const name of ['ready', 'submit', 'pending', 'error', 'cancel'])
        document.addEventListener(`axiam:${name}`, () => (window as unknown as { events: string[] }).events.push(name));
    });
    const open = page.getByRole('button', { name: 'Sign in with your face' });
    await open.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Email address').fill('nobody@example.com');
    await assertInViewport(page, {
      dialog,
      field: dialog.getByLabel('Email address'),
      submit: dialog.getByRole('button', { name: 'Send the sign-in request' }),
    });
    await shoot(page, 'axiam-widget-phone-en-dialog');
    await dialog.getByRole('button', { name: 'Send the sign-in request' }).click();
    await dialog.getByRole('alert').waitFor();
    assert.match(await dialog.getByRole('alert').innerText(), /could not find that account/);
    await assertInViewport(page, { alert: dialog.getByRole('alert') });
    await shoot(page, 'axiam-widget-phone-en-error');
    assert.deepEqual(await calls(page), ['ready', 'submit:nobody@example.com', 'error:1007:push_notification']);
    const events = await page.evaluate(() => (window as unknown as { events: string[] }).events);
    assert.deepEqual(
      events.filter((e) => e !== 'ready'),
      ['submit', 'error'],
    );
    await dialog.getByRole('button', { name: 'Close' }).click();
    assert.equal(await dialog.isVisible(), false);
  });

  test('Arabic, right to left, at 390 and 1280 px', async () => {
    for (const [name, viewport] of Object.entries(VIEWPORTS)) {
      const { page } = await desktop(viewport, 'ar');
      const open = page.getByRole('button', { name: 'تسجيل الدخول باستخدام وجهك' });
      await open.click();
      const dialog = page.getByRole('dialog');
      const field = dialog.getByLabel('عنوان البريد الإلكتروني');
      await field.waitFor();
      assert.equal(await dialog.locator('faceio-sign-on').evaluate((e) => e.shadowRoot!.querySelector('.base')!.getAttribute('dir')), 'rtl');
      await assertInViewport(page, { dialog, field, close: dialog.getByRole('button', { name: 'إغلاق' }) });
      await shoot(page, `axiam-widget-${name}-ar-dialog`);
    }
  });

  test("the site's app token (a JWT) in the page is refused: nothing is sent, the error names the fix", async () => {
    site.useToken(jwt);
    try {
      const { page, logs } = await desktop();
      await page.getByRole('button', { name: 'Sign in with your face' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Email address').fill('lmm@example.com');
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await dialog.getByRole('button', { name: 'Send the sign-in request' }).click();
      await dialog.getByRole('alert').waitFor();
      assert.deepEqual(await calls(page), ['ready', 'submit:lmm@example.com', 'error:1042:config']);
      assert.ok(!requests.some((u) => u.includes('/widget/login')), 'the JWT never left the page');
      assert.ok(
        logs.some((l) => l.includes('Never put it in a page')),
        'the console says why',
      );
    } finally {
      site.useToken(null);
    }
  });
});
