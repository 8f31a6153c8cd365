// The phone's sign-on service worker (node/src/sign-on/pages/sw.js) in headless Chromium: a push
// message (delivered through DevTools, since headless Chromium cannot subscribe to a push service
// we run — it only speaks FCM) becomes a notification that leads to the verification page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SignOnPush } from '../../src/sign-on/contract.js';
import { backends, type BackendEnv } from '../helpers/backends.js';
import { launchChromium } from '../../../test/helpers/browser.js';
import { startTestNode, type TestNodeServer } from '../helpers/node.js';
import { SDK_DIR } from '../helpers/widget-page.js';

const [BACKEND] = backends();

describe('sign-on service worker', () => {
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

  test('the pages are an installable web app: manifest with scope, start URL and an icon; strict headers', async () => {
    const manifest = (await (await fetch(`${node.url}/sign-on/manifest.webmanifest`)).json()) as {
      scope: string;
      start_url: string;
      display: string;
      icons: { src: string }[];
    };
    assert.equal(manifest.scope, '/sign-on/');
    assert.equal(manifest.display, 'standalone');
    assert.equal((await fetch(`${node.url}${manifest.start_url}`)).status, 200);
    const icon = await fetch(`${node.url}${manifest.icons[0]!.src}`);
    assert.equal(icon.headers.get('content-type'), 'image/svg+xml');
    const page = await fetch(`${node.url}/sign-on/verify`);
    assert.match(page.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    assert.equal(page.headers.get('x-frame-options'), 'DENY');
  });

  test('a sign-on push shows a notification that names the site and carries the verification link; other pushes show nothing', async () => {
    const browser = await launchChromium();
    try {
      const context = await browser.newContext();
      await context.grantPermissions(['notifications'], { origin: node.url });
      const page = await context.newPage();
      await page.goto(`${node.url}/sign-on/verify`);
      const registrationId = await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.register('/sign-on/sw.js', { scope: '/sign-on/' });
        await navigator.serviceWorker.ready;
        return registration.scope;
      });
      assert.equal(registrationId, `${node.url}/sign-on/`);
      const cdp = await context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      const versions = new Promise<string>((resolve) =>
        cdp.on('ServiceWorker.workerRegistrationUpdated', (event: { registrations: { registrationId: string; scopeURL: string }[] }) => {
          const found = event.registrations.find((r) => r.scopeURL === `${node.url}/sign-on/`);
          if (found) resolve(found.registrationId);
        }),
      );
      const id = await versions;
      const deliver = (data: string) => cdp.send('ServiceWorker.deliverPushMessage', { origin: node.url, registrationId: id, data });
      const notifications = () =>
        page.evaluate(async () => {
          const registration = await navigator.serviceWorker.getRegistration('/sign-on/');
          return (await registration!.getNotifications()).map((n) => ({ title: n.title, body: n.body, data: n.data as { url?: string } }));
        });

      await deliver(JSON.stringify({ type: 'something-else' }));
      await deliver('not json');
      const push: SignOnPush = {
        type: 'sign-on',
        url: `${node.url}/sign-on/verify#t=vt_example`,
        site: 'shop.example',
        expiresAt: new Date(Date.now() + 600_000).toISOString(),
      };
      await deliver(JSON.stringify(push));
      await page.waitForFunction(
        async () => (await (await navigator.serviceWorker.getRegistration('/sign-on/'))!.getNotifications()).length > 0,
        null,
        { timeout: 10_000 },
      );
      const shown = await notifications();
      assert.equal(shown.length, 1, 'only the sign-on push shows a notification');
      assert.equal(shown[0]!.title, 'Sign-in request');
      assert.match(shown[0]!.body, /shop\.example asks you to confirm/);
      assert.equal(shown[0]!.data.url, push.url);
    } finally {
      await browser.close();
    }
  });
});
