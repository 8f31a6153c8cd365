// Cross-device sign-on end to end: a desktop page with <faceio-sign-on> on the site's origin, a phone
// (a second headless Chromium, fake camera) that gets a real Web Push — sent by the node with its
// VAPID keys to a local push endpoint that verifies and decrypts it — and opens the verification
// page the push names; the node decides; the desktop posts the proof; the site's backend verifies it.
// Also the Axiam way: the site's backend calls push_notification and the stock @rails/actioncable
// consumer hears the result.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { SIGN_ON_CHANNEL, type SignOnPush } from '../../src/sign-on/contract.js';
import { createPushSender } from '../../src/sign-on/web-push.js';
import { ActionCable } from '../helpers/actioncable.js';
import { backends, type BackendEnv } from '../helpers/backends.js';
import { launchChromium, openPage } from '../../../test/helpers/browser.js';
import { dataPath } from '../../../test/helpers/data.js';
import { startTestNode, type TestNodeServer } from '../helpers/node.js';
import { startPushEndpoint, type PushEndpoint, type TestSubscriber } from '../helpers/push-endpoint.js';
import { frameOf, runSession } from '../helpers/scan-client.js';
import { SDK_DIR, videoFrames, y4mOf } from '../helpers/widget-page.js';

const [BACKEND] = backends();
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe (WCAG 2.0–2.2 A/AA) on the <faceio-sign-on> element: the violations' ids. */
const axeViolations = (page: Page): Promise<string[]> =>
  page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(e: Element, o: object): Promise<{ violations: { id: string }[] }> } }).axe;
    const result = await axe.run(document.querySelector('faceio-sign-on')!, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => v.id);
  });
const API = '/api/v1/facial_sign_on';

/** The site: a login page with <faceio-sign-on>, and the form target that records what was posted. */
async function startSite(nodeUrl: string): Promise<{ origin: string; posted: string[]; setStartToken(token: string): void; close(): Promise<void> }> {
  const posted: string[] = [];
  let startToken = '';
  const server: Server = createServer((request, response) => {
    if (request.method === 'POST' && request.url === '/signed-in') {
      let body = '';
      request.on('data', (c: Buffer) => (body += c.toString()));
      request.on('end', () => {
        posted.push(body);
        response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>in</title><h1>Signed in</h1>');
      });
      return;
    }
    if (request.url === '/favicon.ico') return void response.writeHead(204).end();
    if (request.url === '/axe.min.js') return void response.writeHead(200, { 'content-type': 'text/javascript' }).end(AXE);
    response.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><html lang="en"><title>Shop login</title>
<faceio-sign-on node="${nodeUrl}" start-token="${startToken}" form-action="/signed-in" lookup="uid" csrf-field="authenticity_token" csrf-token="rails-tok-1"
  ><input type="hidden" slot="csrf" name="csrfmiddlewaretoken" value="django-tok-2"
/></faceio-sign-on>
<script src="/axe.min.js"></script>
<script type="module">
  import '${nodeUrl}/sdk/openfaceio.js';
  window.states = [];
  document.addEventListener('faceio-sign-on-state-change', (e) => window.states.push(e.detail.state));
  document.addEventListener('faceio-sign-on-error', (e) => (window.signOnError = e.detail));
  // A host that posts the proof itself cancels faceio-sign-on-verified (issue 12).
  document.addEventListener('faceio-sign-on-verified', (e) => {
    if (!window.hostPostsItself) return;
    e.preventDefault();
    window.completed = e.detail;
  });
</script></html>`);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    posted,
    setStartToken: (token) => void (startToken = token),
    close: () => new Promise<void>((done) => (server.closeAllConnections(), server.close(() => done()))),
  };
}

describe('cross-device sign-on end to end (two headless Chromium pages, real Web Push, real node)', () => {
  let env: BackendEnv;
  let node: TestNodeServer;
  let push: PushEndpoint;
  let site: Awaited<ReturnType<typeof startSite>>;
  let jwt = '';
  let phoneOfLmm: TestSubscriber;
  const browsers: Browser[] = [];

  const api = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${node.url}${API}/${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(jwt ? { authorization: `Bearer ${jwt}` } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return (await response.json()) as { success: boolean; data: Record<string, unknown>; code?: number };
  };

  /** The phone: opens the page the push names (what tapping the notification does) and scans `face`. */
  async function phoneScans(url: string, face: string): Promise<void> {
    const browser = await launchChromium({ fakeVideo: y4mOf(face) });
    browsers.push(browser);
    const phone = await openPage(browser, url);
    await phone.page.locator('faceio-authenticate').getByRole('button', { name: 'Sign in with your face' }).click({ timeout: 30_000 });
    phones.push(phone.logs);
  }
  /** The phone pages' logs: the live tracking and quality worker must run there too (the page's CSP allows them). */
  const phones: string[][] = [];

  const nextPushUrl = async (subscriber: TestSubscriber): Promise<string> => {
    const received = await push.next(subscriber, 20_000);
    assert.equal(received.status, 201, received.error ?? '');
    const message = JSON.parse(received.payload!.toString('utf8')) as SignOnPush;
    assert.equal(message.type, 'sign-on');
    assert.equal(message.site, '127.0.0.1');
    return message.url;
  };

  before(async () => {
    env = await BACKEND!.open();
    push = await startPushEndpoint();
    node = await startTestNode(env, { sdkDir: SDK_DIR });
    node.deps.pushSender = await createPushSender(env.db, { agent: push.agent });
    site = await startSite(node.url);
    // Enrolled over the protocol from a fixed clip, which cannot answer the active liveness challenge: passive liveness here.
    const created = await node.createApp({ pad: true, liveness: 'passive', pinPolicy: 'never', preventDuplicates: false }, [site.origin]);
    jwt = String(
      (await api('POST', 'application_auth', { api_key: created.apiKey, secret_key: created.secret, domain: '127.0.0.1' })).data.authenticated_token,
    );
    // Lin-Manuel Miranda enrolled (bona fide video frames), registered as site user "lmm" with one phone.
    const frames = await Promise.all(videoFrames(dataPath('video/person-lmm-webcam.mp4'), 8).map((file) => frameOf(file)));
    const enrolled = await runSession(node.url, { publicId: created.app.publicId, op: 'enroll' }, frames, {
      origin: site.origin,
      pins: [{ pin: '4831', confirm: '4831' }],
    });
    assert.equal(enrolled.verdict?.ok, true, JSON.stringify(enrolled.verdict));
    const facialId = (enrolled.verdict as { result: { facialId: string } }).result.facialId;
    const user = await api('POST', 'users', { uid: 'lmm', email: 'lmm@example.com', facial_id: facialId });
    const vapid = String((await api('GET', 'vapid_public_key')).data.public_key);
    phoneOfLmm = push.subscriber(vapid);
    const device = await api('POST', 'devices', { registration_token: user.data.registration_token, subscription: phoneOfLmm.subscription });
    assert.equal(device.success, true, JSON.stringify(device));
  });
  after(async () => {
    for (const browser of browsers) await browser.close().catch(() => undefined);
    await site?.close();
    await node?.close();
    await push?.close();
    await env?.close();
  });

  test('verified: desktop asks, the phone gets the push and checks the face, the desktop posts a single-use proof', async () => {
    site.setStartToken(String((await api('POST', 'login/start', {})).data.start_token));
    const desktopBrowser = await launchChromium();
    browsers.push(desktopBrowser);
    const desktop = await openPage(desktopBrowser, `${site.origin}/`);
    const widget = desktop.page.locator('faceio-sign-on');
    assert.deepEqual(await axeViolations(desktop.page), [], 'axe: idle');
    await widget.getByLabel('User ID').fill('lmm');
    await widget.getByRole('button', { name: 'Send the sign-in request' }).click();
    await widget.locator('[part=status]').getByText('We sent a notification to your phone').waitFor({ timeout: 20_000 });
    assert.deepEqual(await axeViolations(desktop.page), [], 'axe: notification sent');

    await phoneScans(await nextPushUrl(phoneOfLmm), dataPath('video/person-lmm-webcam.mp4'));
    await desktop.page.waitForURL(`${site.origin}/signed-in`, { timeout: 90_000 });
    assert.equal(site.posted.length, 1);
    const form = new URLSearchParams(site.posted[0]);
    const proof = form.get('faceio_proof') ?? '';
    assert.match(proof, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    assert.equal(form.get('authenticity_token'), 'rails-tok-1', 'the csrf-field / csrf-token pair is posted (issue 12)');
    assert.equal(form.get('csrfmiddlewaretoken'), 'django-tok-2', 'the slotted hidden input is posted');

    const checked = await api('POST', 'verify_proof', { proof });
    assert.equal(checked.success, true, JSON.stringify(checked));
    assert.equal(checked.data.uid, 'lmm');
    const replayed = await api('POST', 'verify_proof', { proof });
    assert.equal(replayed.code, 1031, 'a proof is single use');
    const degraded = phones.flat().filter((line) => /openfaceio: .* off|Content Security Policy/.test(line));
    assert.deepEqual(degraded, [], 'the phone page runs the tracker and the quality worker');
  });

  test('failed: another face on the phone; the desktop shows the failure and posts nothing', async () => {
    site.setStartToken(String((await api('POST', 'login/start', {})).data.start_token));
    const postedBefore = site.posted.length;
    const desktopBrowser = await launchChromium();
    browsers.push(desktopBrowser);
    const desktop = await openPage(desktopBrowser, `${site.origin}/`);
    const widget = desktop.page.locator('faceio-sign-on');
    await widget.getByLabel('User ID').fill('lmm');
    await widget.getByRole('button', { name: 'Send the sign-in request' }).click();
    await phoneScans(await nextPushUrl(phoneOfLmm), dataPath('faces/fr_biden/biden_2.jpg'));
    await widget.getByRole('alert').waitFor({ timeout: 90_000 });
    assert.deepEqual(await axeViolations(desktop.page), [], 'axe: failed');
    const states = await desktop.page.evaluate(() => (window as unknown as { states: string[] }).states);
    assert.deepEqual(states, ['looking-up', 'notification-sent', 'failed']);
    const error = await desktop.page.evaluate(() => (window as unknown as { signOnError: Record<string, unknown> }).signOnError);
    assert.equal(error['code'], 1043, JSON.stringify(error));
    assert.equal(error['name'], 'FACE_CHECK_FAILED');
    assert.equal(error['message'], 'The face check on your phone did not succeed.');
    assert.ok(typeof error['faceCode'] === 'number' && [3, 5, 6].includes(error['faceCode']), 'the phone’s fio.js code');
    assert.equal(site.posted.length, postedBefore, 'nothing is posted without a verified result');
  });

  test('no phone registered: the desktop shows a QR code; any phone that opens it completes the sign-in', async () => {
    const lmm = await api('POST', 'users', { uid: 'lmm' });
    assert.equal((await api('POST', 'users', { uid: 'lmm-no-phone', facial_id: lmm.data.facial_id })).success, true);
    site.setStartToken(String((await api('POST', 'login/start', {})).data.start_token));
    const desktopBrowser = await launchChromium();
    browsers.push(desktopBrowser);
    const desktop = await openPage(desktopBrowser, `${site.origin}/`);
    const widget = desktop.page.locator('faceio-sign-on');
    await widget.getByLabel('User ID').fill('lmm-no-phone');
    const login = desktop.page.waitForResponse((r) => r.url().endsWith('/widget/login'));
    await widget.getByRole('button', { name: 'Send the sign-in request' }).click();
    const { data } = (await (await login).json()) as { data: { device: boolean; verify_url: string } };
    assert.equal(data.device, false);
    await widget.getByRole('img', { name: /QR code/ }).waitFor({ timeout: 10_000 });
    assert.deepEqual(await axeViolations(desktop.page), [], 'axe: QR code');
    // This host posts the proof itself: it cancels faceio-complete, and the element posts nothing (issue 12).
    await desktop.page.evaluate(() => ((window as unknown as { hostPostsItself: boolean }).hostPostsItself = true));
    const postedBefore = site.posted.length;
    await phoneScans(data.verify_url, dataPath('video/person-lmm-webcam.mp4'));
    await desktop.page.waitForFunction(() => (window as unknown as { completed?: unknown }).completed !== undefined, undefined, { timeout: 90_000 });
    const completed = await desktop.page.evaluate(() => (window as unknown as { completed: { uid: string; proof: string } }).completed);
    assert.equal(completed.uid, 'lmm-no-phone');
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(site.posted.length, postedBefore, 'a cancelled faceio-complete posts nothing');
    assert.equal(desktop.page.url(), `${site.origin}/`);
  });

  test("a new user's phone registers once: it enrolls the face on the registration page and allows notifications; sign-ins then reach it", async () => {
    const user = await api('POST', 'users', { uid: 'newbie' });
    const vapid = String((await api('GET', 'vapid_public_key')).data.public_key);
    const newPhone = push.subscriber(vapid);
    const browser = await launchChromium({ fakeVideo: y4mOf(dataPath('video/person-lmm-webcam.mp4')) });
    browsers.push(browser);
    const context = await browser.newContext();
    await context.grantPermissions(['notifications']);
    // The one fake: headless Chromium cannot subscribe to a push service we run (it only speaks FCM),
    // so PushManager.subscribe answers with the test endpoint's subscription (made for the node's VAPID key).
    // (A string, not a function: the test runner's transpiler would add helpers the page does not have.)
    await context.addInitScript(`PushManager.prototype.subscribe = async function (options) {
      if (!options || !options.applicationServerKey) throw new Error('no applicationServerKey');
      return { toJSON: () => (${JSON.stringify(newPhone.subscription)}) };
    };`);
    const phone = await context.newPage();
    await phone.goto(String(user.data.registration_url));
    const enroll = phone.locator('faceio-enroll');
    await enroll.getByRole('button', { name: 'Enroll with your face' }).click({ timeout: 30_000 });
    await enroll.getByRole('button', { name: 'I agree' }).click();
    await enroll.getByRole('button', { name: 'Start the scan' }).click();
    await phone.getByText('This phone is registered').waitFor({ timeout: 90_000 });
    // The node now knows the phone and the face: a sign-in request reaches it.
    const pushed = await api('POST', 'login/push_notification', { id: 'newbie' });
    assert.equal(pushed.success, true, JSON.stringify(pushed));
    assert.match(await nextPushUrl(newPhone), /\/sign-on\/verify#t=vt_/);
  });

  test('the Axiam way: push_notification from the backend, the stock @rails/actioncable consumer hears "verified"', async () => {
    const pushed = await api('POST', 'login/push_notification', { id: 'lmm' });
    assert.equal(pushed.success, true, JSON.stringify(pushed));
    const { verification_token, subscription_secret } = pushed.data as { verification_token: string; subscription_secret: string };
    const consumer = ActionCable.createConsumer(`${node.url.replace('http', 'ws')}/cable`);
    const received = new Promise<Record<string, unknown>>((resolve, reject) => {
      consumer.subscriptions.create(
        { channel: SIGN_ON_CHANNEL, verification_token, subscription_secret },
        { received: (m) => resolve(m as Record<string, unknown>), rejected: () => reject(new Error('rejected')) },
      );
    });
    // Holding only the token is not enough: a second subscriber without the secret is refused.
    const intruder = ActionCable.createConsumer(`${node.url.replace('http', 'ws')}/cable`);
    const refused = new Promise<string>((resolve) => {
      intruder.subscriptions.create(
        { channel: SIGN_ON_CHANNEL, verification_token, subscription_secret: 'guess' },
        { rejected: () => resolve('rejected'), received: () => resolve('received') },
      );
    });
    try {
      assert.equal(await refused, 'rejected');
      await phoneScans(await nextPushUrl(phoneOfLmm), dataPath('video/person-lmm-webcam.mp4'));
      const result = await received;
      assert.equal(result['status'], 'verified');
      assert.equal(result['uid'], 'lmm');
      assert.equal((await api('POST', 'verify_proof', { proof: result['proof'] })).success, true);
    } finally {
      consumer.disconnect();
      intruder.disconnect();
    }
  });

  test('nobody answers on the phone: after 10 minutes the desktop shows "expired" and offers to start again', async () => {
    site.setStartToken(String((await api('POST', 'login/start', {})).data.start_token));
    const desktopBrowser = await launchChromium();
    browsers.push(desktopBrowser);
    const context = await desktopBrowser.newContext();
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(`${site.origin}/`);
    const widget = page.locator('faceio-sign-on');
    await widget.getByLabel('User ID').fill('lmm');
    await widget.getByRole('button', { name: 'Send the sign-in request' }).click();
    await widget.locator('[part=status]').getByText('We sent a notification to your phone').waitFor({ timeout: 20_000 });
    await nextPushUrl(phoneOfLmm); // delivered; the phone never opens it
    await page.clock.fastForward('10:01');
    await widget.locator('[part=status]').getByText('The sign-in request expired').waitFor({ timeout: 10_000 });
    await widget.getByRole('button', { name: 'Start again' }).waitFor();
    assert.deepEqual(await page.evaluate(() => (window as unknown as { states: string[] }).states), ['looking-up', 'notification-sent', 'expired']);
  });
});
