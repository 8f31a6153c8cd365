// Every way a scan ends, end to end: headless Chromium whose fake camera plays a photo, a group,
// a cat or nothing at all, the built SDK from a real node, the real models deciding. Half the cases
// run through the elements, half through `new FaceIO()` (same UI, promise + numeric code).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { FIO_ERROR_CODES } from 'openfaceio/protocol';
import { backends, type BackendEnv } from '../helpers/backends.js';
import { dataPath } from '../../../test/helpers/data.js';
import { frameOf, runSession } from '../helpers/scan-client.js';
import { elementOutcome, startWidgetRig, videoFrames, y4mOf, type WidgetRig } from '../helpers/widget-page.js';

const [BACKEND] = backends();

/** Runs `new FaceIO(publicId).<method>()` in the page; resolves with {result} or {code}. */
async function faceioCall(page: Page, publicId: string, nodeUrl: string, method: string): Promise<{ result?: unknown; code?: unknown }> {
  return page.evaluate(
    async ({ publicId, nodeUrl, method }) => {
      const sdk = (window as unknown as { openfaceio: { FaceIO: new (id: string, o: object) => Record<string, (p?: object) => Promise<unknown>> } })
        .openfaceio;
      const fio = new sdk.FaceIO(publicId, { node: nodeUrl, closeDelayMs: 0 });
      try {
        return { result: await fio[method]!({ idleTimeout: 10 }) };
      } catch (code) {
        return { code };
      }
    },
    { publicId, nodeUrl, method },
  );
}

describe('how scans end (headless Chromium, fake camera, real node)', () => {
  let env: BackendEnv;
  let rig: WidgetRig;
  let padOffPublicId: string;

  before(async () => {
    env = await BACKEND!.open();
    // Enrollment answers the active liveness challenge, which a fixed webcam clip cannot follow: passive liveness here
    // (test/e2e/liveness-challenge.test.ts runs the default mode and the challenge).
    rig = await startWidgetRig(env, { pad: true, liveness: 'passive' });
    padOffPublicId = (await rig.node.createApp({ pad: false }, [rig.host.origin])).app.publicId;
    // One enrolled person (Lin-Manuel Miranda) in each app, enrolled over the protocol.
    const frames = await Promise.all(videoFrames(dataPath('video/person-lmm-webcam.mp4'), 8).map((file) => frameOf(file)));
    for (const publicId of [rig.publicId, padOffPublicId]) {
      const run = await runSession(rig.node.url, { publicId, op: 'enroll' }, frames, {
        origin: rig.host.origin,
        pins: [{ pin: '4831', confirm: '4831' }],
      });
      assert.equal(run.verdict?.ok, true, JSON.stringify(run));
    }
  });
  after(async () => {
    await rig?.close();
    await env?.close();
  });

  test("the enrolled person's still photo held to the camera (PAD on): PAD_ATTACK, through the element", async () => {
    const { page } = await rig.open(
      y4mOf(dataPath('faces/fr_lin_manuel_miranda/lmm_1.png')),
      `<faceio-authenticate public-id="PUBLIC_ID" autostart></faceio-authenticate>`,
    );
    const end = await elementOutcome(page.page);
    assert.equal(end.type, 'faceio-error', JSON.stringify(end));
    assert.equal(end.detail['code'], FIO_ERROR_CODES.PAD_ATTACK);
    assert.equal(end.detail['retryable'], false);
    assert.match(String(end.detail['message']), /live person/);
  });

  test("another person's photo with PAD off: UNRECOGNIZED_FACE, through FaceIO", async () => {
    const { page } = await rig.open(y4mOf(dataPath('faces/fr_biden/biden_2.jpg')));
    const outcome = await faceioCall(page.page, padOffPublicId, rig.node.url, 'authenticate');
    assert.deepEqual(outcome, { code: FIO_ERROR_CODES.UNRECOGNIZED_FACE });
  });

  // Ends at idleTimeout when nothing in the page looks like a face, or earlier when the page's
  // trackers saw something face-like and the node found no face in the frames (both are this code).
  test('a cat: NO_FACES_DETECTED, through FaceIO', async () => {
    const { page } = await rig.open(y4mOf(dataPath('scenes/no-face/chelsea.png')));
    const started = Date.now();
    const outcome = await faceioCall(page.page, rig.publicId, rig.node.url, 'authenticate');
    assert.deepEqual(outcome, { code: FIO_ERROR_CODES.NO_FACES_DETECTED });
    assert.ok(Date.now() - started < 25_000, 'ends by idleTimeout (10 s) plus start-up');
  });

  test('a group photo: MANY_FACES, through the element', async () => {
    const { page } = await rig.open(
      y4mOf(dataPath('scenes/many-faces/obama_and_biden.jpg')),
      `<faceio-authenticate public-id="PUBLIC_ID" autostart></faceio-authenticate>`,
    );
    const end = await elementOutcome(page.page);
    assert.equal(end.detail['code'], FIO_ERROR_CODES.MANY_FACES, JSON.stringify(end));
  });

  test('camera denied: PERMISSION_REFUSED through FaceIO and through the element', async () => {
    const { page } = await rig.open('deny', `<faceio-authenticate public-id="PUBLIC_ID"></faceio-authenticate>`);
    assert.deepEqual(await faceioCall(page.page, rig.publicId, rig.node.url, 'authenticate'), { code: FIO_ERROR_CODES.PERMISSION_REFUSED });
    await page.page.locator('faceio-authenticate').getByRole('button', { name: 'Sign in with your face' }).click();
    const end = await elementOutcome(page.page);
    assert.equal(end.detail['code'], FIO_ERROR_CODES.PERMISSION_REFUSED);
    // The failure is shown as an alert with a retry button (the user can change the permission and retry).
    await page.page.locator('faceio-authenticate').getByRole('alert').waitFor();
    await page.page.locator('faceio-authenticate').getByRole('button', { name: 'Try again' }).waitFor();
  });
});
