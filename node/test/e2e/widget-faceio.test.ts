// `new FaceIO(publicId, { node })` end to end, fio.js semantics: the modal UI, results, numeric
// rejections, one call at a time (SESSION_IN_PROGRESS), restartSession() before the next call.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { FIO_ERROR_CODES } from 'openfaceio/protocol';
import { backends, type BackendEnv } from '../helpers/backends.js';
import { dataPath } from '../../../test/helpers/data.js';
import { startWidgetRig, typePin, y4mOf, type WidgetRig } from '../helpers/widget-page.js';

const [BACKEND] = backends();

type Settled = { result?: unknown; code?: unknown };

/** Starts `fio.<method>(params)` in the page without awaiting it; `settled(page, key)` reads its outcome. */
async function call(page: Page, key: string, method: string, params: object = {}): Promise<void> {
  await page.evaluate(
    ({ key, method, params }) => {
      const w = window as unknown as { fio: Record<string, (p: object) => Promise<unknown>>; calls: Record<string, Settled | null> };
      w.calls ??= {};
      w.calls[key] = null;
      w.fio[method]!(params).then(
        (result) => (w.calls[key] = { result }),
        (code: unknown) => (w.calls[key] = { code }),
      );
    },
    { key, method, params },
  );
}

async function settled(page: Page, key: string, timeoutMs = 90_000): Promise<Settled> {
  const handle = await page.waitForFunction((k) => (window as unknown as { calls: Record<string, Settled | null> }).calls[k], key, {
    timeout: timeoutMs,
    polling: 200,
  });
  return (await handle.jsonValue()) as Settled;
}

/** `window.fio = new FaceIO(publicId, { node })` in the page (the modal closes at once when done). */
async function createFaceIO(page: Page, rig: WidgetRig): Promise<void> {
  await page.evaluate(
    ({ publicId, node }) => {
      const sdk = (window as unknown as { openfaceio: { FaceIO: new (id: string, o: object) => unknown } }).openfaceio;
      (window as unknown as { fio: unknown }).fio = new sdk.FaceIO(publicId, { node, closeDelayMs: 0 });
    },
    { publicId: rig.publicId, node: rig.node.url },
  );
}

describe('FaceIO class end to end (headless Chromium, fake camera, real node)', () => {
  let env: BackendEnv;
  let rig: WidgetRig;

  before(async () => {
    env = await BACKEND!.open();
    // Enrollment answers the active liveness challenge, which a fixed webcam clip cannot follow: passive liveness here
    // (test/e2e/liveness-challenge.test.ts runs the default mode and the challenge).
    rig = await startWidgetRig(env, { pad: true, liveness: 'passive' });
  });
  after(async () => {
    await rig?.close();
    await env?.close();
  });

  test('enroll → SESSION_IN_PROGRESS for a second call → restartSession() → authenticate: same facial ID and payload', async () => {
    const { page } = await rig.open(y4mOf(dataPath('video/person-lmm-webcam.mp4')));
    const p = page.page;
    await createFaceIO(p, rig);
    assert.equal(
      await p.evaluate(() => (window as unknown as { fio: { fetchAllErrorCodes(): Record<string, number> } }).fio.fetchAllErrorCodes().PAD_ATTACK),
      5,
    );

    await call(p, 'enroll', 'enroll', { payload: { user: 'lmm@example.com' }, userConsent: true });
    // The modal is up: a second call while it runs is refused at once, the first one goes on.
    await p.locator('dialog faceio-enroll').waitFor();
    await call(p, 'second', 'authenticate');
    assert.deepEqual(await settled(p, 'second', 5_000), { code: FIO_ERROR_CODES.SESSION_IN_PROGRESS });

    await p.locator('dialog faceio-enroll').getByRole('button', { name: 'Start the scan' }).click();
    await typePin(p.locator('dialog faceio-enroll'), '4831');
    await typePin(p.locator('dialog faceio-enroll'), '4831');
    const enrolled = await settled(p, 'enroll');
    const facialId = (enrolled.result as { facialId?: string } | undefined)?.facialId;
    assert.ok(facialId, JSON.stringify(enrolled) + page.logs.join('\n'));
    assert.match((enrolled.result as { timestamp: string }).timestamp, /^\d{4}-\d\d-\d\dT/);
    await p.waitForFunction(() => document.querySelector('dialog') === null, null, { timeout: 5_000 });

    // fio.js: after a success, a new call needs restartSession() first.
    await call(p, 'early', 'authenticate');
    assert.deepEqual(await settled(p, 'early', 5_000), { code: FIO_ERROR_CODES.SESSION_IN_PROGRESS });
    assert.equal(await p.evaluate(() => (window as unknown as { fio: { restartSession(): boolean } }).fio.restartSession()), true);

    await call(p, 'auth', 'authenticate');
    assert.deepEqual(await settled(p, 'auth'), { result: { facialId, payload: { user: 'lmm@example.com' } } });
  });

  test('the user closes the modal with Escape: ABORTED_BY_USER; after restartSession() the aliases work', async () => {
    const { page } = await rig.open(y4mOf(dataPath('video/person-lmm-webcam.mp4')));
    const p = page.page;
    await createFaceIO(p, rig);
    await call(p, 'first', 'enroll');
    await p.locator('dialog faceio-enroll').getByRole('button', { name: 'I agree' }).waitFor();
    await p.keyboard.press('Escape');
    assert.deepEqual(await settled(p, 'first', 10_000), { code: FIO_ERROR_CODES.ABORTED_BY_USER });
    // fio.js: after a failure, a call without restartSession() is SESSION_EXPIRED.
    await call(p, 'expired', 'auth');
    assert.deepEqual(await settled(p, 'expired', 5_000), { code: FIO_ERROR_CODES.SESSION_EXPIRED });
    await p.evaluate(() => (window as unknown as { fio: { restartSession(): boolean } }).fio.restartSession());
    await call(p, 'alias', 'recognize');
    const outcome = await settled(p, 'alias');
    assert.ok((outcome.result as { facialId?: string } | undefined)?.facialId, JSON.stringify(outcome));
  });
});
