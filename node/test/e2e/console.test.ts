// The console at /console end to end, in headless Chromium against a real node, on both back ends:
// an owner signs in with the app's keys and goes through every page (statistics with charts,
// settings, security, keys, facial IDs, sign-on users, webhooks), the keyboard reaches everything,
// axe finds nothing; the operator creates an application. Every screen is photographed at 1280 and
// 390 px in English and Arabic, and checked: what it must show is visible and inside the viewport.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { CreatedApp } from '../../src/store/apps.js';
import { backends, type BackendEnv } from '../helpers/backends.js';
import { seedConsoleApp } from '../helpers/console-seed.js';
import { launchChromium } from '../../../test/helpers/browser.js';
import { startTestNode, type TestNodeServer } from '../helpers/node.js';
import { assertInViewport, shoot, VIEWPORTS } from '../helpers/screenshots.js';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const OPERATOR_KEY = 'op_console_e2e_0123456789abcdefghij';
const PAGES = ['overview', 'settings', 'security', 'keys', 'facial-ids', 'sign-on', 'webhooks'] as const;

/** axe (WCAG 2.0–2.2 A/AA) over the page, shadow roots included: the violations, with their targets. */
async function axe(page: Page): Promise<string[]> {
  await page.evaluate(AXE); // evaluate is not subject to the page's CSP (script-src 'self')
  return page.evaluate(async () => {
    const run = (
      window as unknown as { axe: { run(c: Document, o: object): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }
    ).axe;
    const result = await run.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
}

const errorsIn = (logs: string[]) => logs.filter((l) => (l.startsWith('[error]') || l.startsWith('[pageerror]')) && !l.includes('401'));

for (const [index, backend] of backends().entries()) {
  describe(`the console (${backend.name})`, () => {
    let env: BackendEnv;
    let node: TestNodeServer;
    let shop: CreatedApp;
    let facialIds: string[] = [];
    let browser: Browser;

    const open = async (viewport: { width: number; height: number }, lang = 'en') => {
      const context = await browser.newContext({ viewport, locale: lang === 'ar' ? 'ar' : 'en-US' });
      const page = await context.newPage();
      const logs: string[] = [];
      page.on('console', (m) => logs.push(`[${m.type()}] ${m.text()}`));
      page.on('pageerror', (e) => logs.push(`[pageerror] ${e.message}`));
      await page.goto(`${node.url}/console?lang=${lang}`);
      return { page, logs, close: () => context.close() };
    };

    const signInWithKeys = async (page: Page, app: CreatedApp) => {
      await page.locator('#apiKey').fill(app.apiKey);
      await page.locator('#secret').fill(app.secret);
      await page.locator('ofio-sign-in-page button[type=submit]').click();
      await page.locator('ofio-statistics-page ofio-chart svg').first().waitFor({ timeout: 20_000 });
    };

    /** Goes to a page through the URL, as a link or a bookmark would, and waits for its content. */
    const visit = async (page: Page, name: (typeof PAGES)[number], publicId = shop.app.publicId) => {
      await page.evaluate((hash) => (location.hash = hash), `#/app/${publicId}/${name}`);
      await page
        .locator(`ofio-${name === 'overview' ? 'statistics' : name}-page h2`)
        .first()
        .waitFor();
      await page.waitForFunction(() => !document.querySelector('ofio-console')?.shadowRoot?.innerHTML.includes('Loading…'), null, {
        timeout: 10_000,
      });
    };

    before(async () => {
      env = await backend.open();
      node = await startTestNode(env, { config: { operatorKey: OPERATOR_KEY } });
      shop = await node.createApp({}, ['https://shop.example']);
      facialIds = (await seedConsoleApp(env.db, shop)).facialIds;
      browser = await launchChromium();
    });
    after(async () => {
      await browser?.close();
      await node?.close();
      await env?.close();
    });

    test('an owner signs in with the app’s keys and uses every page, by mouse and keyboard; axe finds nothing', async () => {
      const { page, logs, close } = await open(VIEWPORTS.desktop);
      try {
        // The page's security headers.
        const response = await page.request.get(`${node.url}/console`);
        assert.match(response.headers()['content-security-policy'] ?? '', /script-src 'self'; /);
        assert.equal(response.headers()['x-frame-options'], 'DENY');
        // Sign-in: a wrong secret is refused in words, then the right keys.
        await page.locator('#apiKey').fill(shop.apiKey);
        await page.locator('#secret').fill('ofs_wrong');
        await page.getByRole('button', { name: 'Sign in', exact: true }).click();
        await page.getByRole('alert').filter({ hasText: 'do not match an application' }).waitFor();
        assert.deepEqual(await axe(page), [], 'axe: sign-in');
        if (index === 0) await shoot(page, 'console-sign-in-desktop-en');
        await signInWithKeys(page, shop);
        const cookies = await page.context().cookies();
        const session = cookies.find((c) => c.name === 'ofio_console')!;
        assert.equal(session.httpOnly, true);
        assert.equal(session.sameSite, 'Strict');
        assert.equal(await page.evaluate(() => document.cookie), '', 'the session cookie is out of scripts’ reach');

        // Statistics: totals, four charts with their summaries, the numbers as tables.
        assert.equal(
          await page.locator('ofio-chart svg[role=img]').count(),
          4,
          'four charts: verdicts, verdict time, failures by code, PAD refusals',
        );
        assert.match(String(await page.locator('ofio-chart svg').first().getAttribute('aria-label')), /enrollments, \d+ authentications/);
        await page.getByText('Show the numbers').first().click();
        await assertInViewport(page, { heading: page.locator('main h1'), chart: page.locator('ofio-chart').first() });
        assert.deepEqual(await axe(page), [], 'axe: statistics');

        // Keyboard: after a reload (the session survives it), the skip link first; a link moves focus to the page's heading.
        await page.reload();
        await page.locator('ofio-statistics-page ofio-chart svg').first().waitFor();
        await page.keyboard.press('Tab');
        assert.equal(await page.evaluate(() => document.querySelector('ofio-console')!.shadowRoot!.activeElement?.className), 'skip');
        await page.getByRole('link', { name: 'Security' }).focus();
        await page.keyboard.press('Enter');
        await page.locator('ofio-security-page h2').waitFor();
        assert.equal(await page.evaluate(() => document.querySelector('ofio-console')!.shadowRoot!.activeElement?.tagName), 'H1');

        // Security: a switch saves at once; a number out of range is refused before sending.
        const pad = page.getByLabel('Detect presentation attacks');
        assert.equal(await pad.isChecked(), true);
        await pad.uncheck();
        await page.locator('ofio-security-page [role=status]').filter({ hasText: 'Saved.' }).waitFor();
        await page.getByLabel('Shortest PIN (digits)').fill('3');
        await page.locator('ofio-security-page').getByRole('button', { name: 'Save' }).click();
        await page.locator('ofio-security-page [role=alert]').filter({ hasText: 'Shortest PIN' }).waitFor();
        assert.equal(await page.getByLabel('Shortest PIN (digits)').getAttribute('aria-invalid'), 'true');
        await page.locator('ofio-security-page').getByText('FACEIO: Protect Against Deep-Fakes & Face Spoof Attempts').waitFor();
        assert.deepEqual(await axe(page), [], 'axe: security');

        // Settings: origins are validated before they are added; a valid one is saved.
        await visit(page, 'settings');
        const origin = page.locator('ofio-list-editor input[name=value]').first();
        await origin.fill('shop.example/login');
        await origin.press('Enter');
        await page.locator('ofio-list-editor [role=alert]').filter({ hasText: 'Type an origin' }).waitFor();
        await origin.fill('https://www.shop.example');
        await origin.press('Enter');
        await page.locator('ofio-settings-page [role=status]').filter({ hasText: 'Saved.' }).waitFor();
        const settings = (await (
          await fetch(`${node.url}/v1/admin/settings`, {
            headers: { authorization: `Basic ${Buffer.from(`${shop.apiKey}:${shop.secret}`).toString('base64')}` },
          })
        ).json()) as { origins: string[] };
        assert.deepEqual(settings.origins, ['https://shop.example', 'https://www.shop.example']);
        assert.deepEqual(await axe(page), [], 'axe: settings');

        // Facial IDs: search by payload text, the payload, a PIN reset, a deletion confirmed in a dialog (Escape cancels).
        await visit(page, 'facial-ids');
        await page.getByRole('searchbox').fill('grace');
        await page.getByRole('button', { name: 'Search' }).click();
        // The results replace the list: wait for the others to go, not only for Grace's row (it was already there).
        await page.locator('ofio-facial-ids-page li').nth(1).waitFor({ state: 'detached' });
        assert.equal(await page.locator('ofio-facial-ids-page li').count(), 1);
        await page.locator('ofio-facial-ids-page li').filter({ hasText: facialIds[1]! }).waitFor();
        await page.locator('ofio-facial-ids-page summary').first().click();
        assert.match(await page.locator('ofio-facial-ids-page pre').innerText(), /"email": "grace@example.com"/);
        await page.getByLabel('New PIN').fill('7391');
        await page.getByRole('button', { name: 'Reset the PIN' }).click();
        await page.locator('ofio-facial-ids-page [role=status]').filter({ hasText: 'The PIN was reset.' }).waitFor();
        assert.deepEqual(await axe(page), [], 'axe: facial IDs');
        await page.getByRole('button', { name: 'Delete this facial ID' }).click();
        const dialog = page.getByRole('dialog');
        await dialog.waitFor();
        await page.keyboard.press('Escape');
        assert.equal(await dialog.isVisible(), false);
        assert.equal(await page.locator('ofio-facial-ids-page li').count(), 1, 'Escape cancels');
        await page.getByRole('button', { name: 'Delete this facial ID' }).click();
        await dialog.getByRole('button', { name: 'Delete' }).click();
        await page.locator('ofio-facial-ids-page [role=status]').filter({ hasText: 'Deleted.' }).waitFor();
        assert.equal(await page.locator('ofio-facial-ids-page li').count(), 0);

        // Sign-on users: phones and a lock; lifting it.
        await visit(page, 'sign-on');
        const alan = page.locator('ofio-sign-on-page li').filter({ hasText: 'alan@example.com' }).first();
        assert.match(await alan.innerText(), /Locked until/);
        await alan.locator('summary').click();
        await alan.getByText('web.push.apple.com').waitFor();
        await alan.getByRole('button', { name: 'Lift the lock' }).click();
        await page.locator('ofio-sign-on-page [role=status]').filter({ hasText: 'The lock was lifted.' }).waitFor();
        assert.deepEqual(await axe(page), [], 'axe: sign-on users');

        // Webhooks: a failed delivery, sent again.
        await visit(page, 'webhooks');
        const rows = page.locator('ofio-webhooks-page li');
        await rows.first().waitFor();
        const texts = await rows.allTextContents();
        const failed = rows.nth(texts.findIndex((t) => t.includes('Failed')));
        await failed.locator('summary').click();
        assert.match(await failed.locator('pre').innerText(), /"event": "authenticate"/);
        await failed.getByRole('button', { name: 'Send again' }).click();
        await page.locator('ofio-webhooks-page [role=status]').filter({ hasText: 'will be sent again' }).waitFor();
        assert.match(await failed.innerText(), /Pending/);
        assert.deepEqual(await axe(page), [], 'axe: webhooks');

        // Keys: new ones shown once; the old ones stop working.
        await visit(page, 'keys');
        await page.getByRole('button', { name: 'New API key and secret' }).click();
        await page.getByRole('dialog').getByRole('button', { name: 'New API key and secret' }).click();
        const apiKey = await page.getByLabel('API key', { exact: true }).inputValue();
        assert.match(apiKey, /^ofk_/);
        assert.deepEqual(await axe(page), [], 'axe: keys');
        const old = await fetch(`${node.url}/v1/admin/settings`, {
          headers: { authorization: `Basic ${Buffer.from(`${shop.apiKey}:${shop.secret}`).toString('base64')}` },
        });
        assert.equal(old.status, 401);
        shop.apiKey = apiKey;
        shop.secret = await page.getByLabel('Secret', { exact: true }).inputValue();

        // Signing out ends the session.
        await page.getByRole('button', { name: 'Sign out' }).click();
        await page.locator('#apiKey').waitFor();
        assert.deepEqual(errorsIn(logs), []);
      } finally {
        await close();
      }
    });

    test('the operator signs in with the operator key, creates an application and opens it', async () => {
      const { page, logs, close } = await open(VIEWPORTS.desktop);
      try {
        await page.getByLabel('The operator key').check();
        await page.getByLabel('Operator key', { exact: true }).fill(OPERATOR_KEY);
        await page.getByRole('button', { name: 'Sign in', exact: true }).click();
        await page.locator('ofio-apps-page li').filter({ hasText: shop.app.publicId }).waitFor();
        await page.getByLabel('Name', { exact: true }).fill('Bakery');
        await page.getByLabel('Allowed origins, one per line').fill('https://bakery.example\nnot an origin');
        await page.getByRole('button', { name: 'Create', exact: true }).click();
        await page.locator('#origins-error').filter({ hasText: 'not: ' }).waitFor();
        await page.getByLabel('Allowed origins, one per line').fill('https://bakery.example');
        await page.getByRole('button', { name: 'Create', exact: true }).click();
        await page.getByText('Bakery is created').waitFor();
        const publicId = await page.locator('ofio-apps-page ofio-secret-field').first().locator('input').inputValue();
        assert.match(publicId, /^ofio_/);
        assert.deepEqual(await axe(page), [], 'axe: applications');
        if (index === 0) await shoot(page, 'console-apps-desktop-en');
        await page.getByRole('link', { name: 'Bakery' }).click();
        await page.locator('main h1').filter({ hasText: 'Bakery' }).waitFor();
        await visit(page, 'settings', publicId);
        assert.equal(await page.getByLabel('Status').locator('option[value=blocked]').isDisabled(), false, 'the operator may block');
        assert.deepEqual(errorsIn(logs), []);
      } finally {
        await close();
      }
    });

    if (index === 0)
      test('every screen at 1280 and 390 px, in English and Arabic: shown, inside the viewport, right to left in Arabic', async () => {
        for (const lang of ['en', 'ar']) {
          for (const [size, viewport] of Object.entries(VIEWPORTS)) {
            const { page, logs, close } = await open(viewport, lang);
            try {
              if (size === 'phone' || lang === 'ar') await shoot(page, `console-sign-in-${size}-${lang}`);
              await assertInViewport(page, {
                form: page.locator('ofio-sign-in-page form'),
                submit: page.locator('ofio-sign-in-page button[type=submit]'),
              });
              await signInWithKeys(page, shop);
              assert.equal(await page.evaluate(() => document.documentElement.dir), lang === 'ar' ? 'rtl' : 'ltr');
              for (const name of PAGES) {
                await visit(page, name);
                const content = page.locator(`ofio-${name === 'overview' ? 'statistics' : name}-page`);
                await assertInViewport(page, {
                  heading: page.locator('main h1'),
                  nav: page.locator('nav a').first(),
                  title: content.locator('h2').first(),
                });
                if (name === 'overview') await assertInViewport(page, { chart: page.locator('ofio-chart svg').first() });
                if (name === 'facial-ids' || name === 'sign-on' || name === 'webhooks') {
                  await content.locator('summary').first().click();
                  await assertInViewport(page, { item: content.locator('summary').first(), body: content.locator('li dl').first() });
                }
                await shoot(page, `console-${name}-${size}-${lang}`);
                // Below the first screen too: the whole page, scrolled.
                await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
                await shoot(page, `console-${name}-${size}-${lang}-end`);
                await page.evaluate(() => window.scrollTo(0, 0));
              }
              assert.deepEqual(await axe(page), [], `axe: ${size} ${lang}`);
              assert.deepEqual(errorsIn(logs), []);
            } finally {
              await close();
            }
          }
        }
      });
  });
}
