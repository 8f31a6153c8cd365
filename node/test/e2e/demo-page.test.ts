// The page `npm start` shows at /: served by the node with the demo application's public ID, and
// a person can enroll and then sign in on it (headless Chromium, fake camera, real node).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_APP_NAME } from '../../src/routes/public.js';
import { createApp, updateSettings } from '../../src/store/apps.js';
import { backends, type BackendEnv } from '../helpers/backends.js';
import { closeAll, launchChromium, openPage } from '../../../test/helpers/browser.js';
import { dataPath } from '../../../test/helpers/data.js';
import { startTestNode, type TestNodeServer } from '../helpers/node.js';
import { assertInViewport, shoot, VIEWPORTS } from '../helpers/screenshots.js';
import { SDK_DIR, typePin, y4mOf } from '../helpers/widget-page.js';

const [BACKEND] = backends();

describe('the demo page at /', () => {
  let env: BackendEnv;
  let node: TestNodeServer;

  before(async () => {
    env = await BACKEND!.open();
    node = await startTestNode(env, { sdkDir: SDK_DIR });
  });
  after(async () => {
    await node?.close();
    await env?.close();
  });

  test('without a demo application it asks for a public ID; the SDK is served with CORS for other origins', async () => {
    const page = await fetch(`${node.url}/`);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /__NO_DEMO_APP__/);
    assert.match(html, /<link rel="icon" href="\/favicon.svg"/);
    assert.equal((await fetch(`${node.url}/favicon.ico`)).status, 200);
    const sdk = await fetch(`${node.url}/sdk/openfaceio.js`);
    assert.equal(sdk.status, 200);
    assert.equal(sdk.headers.get('access-control-allow-origin'), '*');
    assert.match(sdk.headers.get('content-type') ?? '', /javascript/);
    const missing = await fetch(`${node.url}/sdk/../package.json`);
    assert.equal(missing.status, 404);
    // The demo's stand-in backend answers only the demo page itself (same origin, this machine).
    const foreign = await fetch(`${node.url}/demo/sign-on/start`, { method: 'POST', headers: { origin: 'https://evil.example' } });
    assert.equal(foreign.status, 403);
    assert.equal(((await foreign.json()) as { code: number }).code, 1040);
  });

  test('with the demo application a person enrolls, then signs in', async () => {
    const created = await createApp(env.db, DEMO_APP_NAME, [node.url]);
    // Enrollment answers the active liveness challenge, which the fixed webcam clip cannot follow.
    await updateSettings(env.db, created.app.id, { liveness: 'passive' });
    const html = await (await fetch(`${node.url}/`)).text();
    assert.ok(html.includes(`'${created.app.publicId}'`), 'the demo page carries the demo app public ID');

    const browser = await launchChromium({ fakeVideo: y4mOf(dataPath('video/person-lmm-webcam.mp4')) });
    const page = await openPage(browser, `${node.url}/`);
    try {
      const p = page.page;
      const enroll = p.locator('faceio-enroll');
      await enroll.getByRole('button', { name: 'Enroll with your face' }).click();
      await enroll.getByRole('button', { name: 'I agree' }).click();
      await enroll.getByRole('button', { name: 'Start the scan' }).click();
      await typePin(enroll, '4831');
      await typePin(enroll, '4831');
      await p.locator('#events li.ok').filter({ hasText: '<faceio-enroll> faceio-complete' }).waitFor({ timeout: 60_000 });
      await p.locator('faceio-authenticate').getByRole('button', { name: 'Sign in with your face' }).click();
      const signedIn = p.locator('#events li.ok').filter({ hasText: '<faceio-authenticate> faceio-complete' });
      await signedIn.waitFor({ timeout: 60_000 });
      assert.match(await signedIn.locator('.what').innerText(), /^Signed in: facial ID [0-9a-f]{8}…, payload \{"user":"demo@example.com"\}$/);
      // Cross-device sign-on on the demo: the page got a start token and shows a phone registration code.
      assert.match(
        await p.evaluate(() => (document.getElementById('signon') as unknown as { startTokenProvider: () => Promise<string> }).startTokenProvider()),
        /^st_/,
        'a fresh start token per attempt',
      );
      await p.getByRole('button', { name: 'Show the phone registration code' }).click();
      await p.locator('#register-qr svg').waitFor({ timeout: 10_000 });
      assert.match(await p.locator('#register-qr p').innerText(), /^For demo-user, valid 10 minutes: http.*\/sign-on\/register#t=rt_/);
      // One user ID on the page: the sign-on form's, which the registration button reads.
      assert.equal(await p.getByLabel('User ID').count(), 1);
      await p.locator('faceio-sign-on').getByLabel('User ID').fill('someone-else');
      await p.getByRole('button', { name: 'Show the phone registration code' }).click();
      await p.locator('#register-qr p').filter({ hasText: 'For someone-else' }).waitFor();
      await assertInViewport(p, { events: p.locator('#events li').first() });
      await shoot(p, 'demo-desktop-en');
      for (const [size, viewport] of Object.entries(VIEWPORTS)) {
        await p.setViewportSize(viewport);
        await assertInViewport(p, {
          enroll: p.locator('faceio-enroll'),
          authenticate: p.locator('faceio-authenticate'),
          signOn: p.locator('faceio-sign-on').getByRole('button', { name: 'Send the sign-in request' }),
          register: p.getByRole('button', { name: 'Show the phone registration code' }),
        });
        await p.evaluate(() => window.scrollTo(0, 0));
        await shoot(p, `demo-${size}-en-top`);
        await p.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
        await shoot(p, `demo-${size}-en-end`);
      }
      // MediaPipe logs its XNNPACK notice at error level; anything else (a 404 favicon included) is a fault.
      assert.deepEqual(
        page.logs.filter((l) => (l.startsWith('[error]') || l.startsWith('[pageerror]')) && !l.includes('XNNPACK')),
        [],
        'no console errors (the favicon is served)',
      );
    } finally {
      await closeAll(page, browser);
    }
  });
});
