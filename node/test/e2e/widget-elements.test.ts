// The elements end to end: headless Chromium with a fake camera playing real faces, the built SDK
// loaded from a real node on another origin, the real models deciding.
// The tag map (HTMLElementTagNameMap) comes with the element's define module.
import type {} from 'openfaceio/enroll';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { backends, type BackendEnv } from '../helpers/backends.js';
import { dataPath } from '../../../test/helpers/data.js';
import { elementOutcome, pageEvents, startWidgetRig, typePin, y4mOf, type PageEvent, type WidgetRig } from '../helpers/widget-page.js';

const [BACKEND] = backends();

describe('widget elements end to end (headless Chromium, fake camera, real node)', () => {
  let env: BackendEnv;
  let rig: WidgetRig;
  const clip = y4mOf(dataPath('video/person-lmm-webcam.mp4'));

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

  test('enroll with the bona fide clip gives a facial ID; authenticate with it gives the same ID and payload', async () => {
    const { page } = await rig.open(
      clip,
      `<faceio-enroll public-id="PUBLIC_ID" payload='{"user":"lmm"}'></faceio-enroll><faceio-authenticate public-id="PUBLIC_ID"></faceio-authenticate>`,
    );
    const enroll = page.page.locator('faceio-enroll');
    await enroll.getByRole('button', { name: 'Enroll with your face' }).click();
    // A second start while the run is under way: non-fatal SESSION_IN_PROGRESS, the run goes on.
    await page.page.evaluate(() => document.querySelector('faceio-enroll')!.start());
    const refused = (await pageEvents(page.page)).find((e) => e.type === 'faceio-error');
    assert.deepEqual(refused?.detail && { code: refused.detail['code'], fatal: refused.detail['fatal'] }, { code: 20, fatal: false });
    await enroll.getByRole('button', { name: 'I agree' }).click();
    await enroll.getByRole('button', { name: 'Start the scan' }).click();
    // Enrollment always sets a PIN, typed twice (fio.js).
    await typePin(enroll, '4831');
    await typePin(enroll, '4831');
    const enrolled = await elementOutcome(page.page);
    assert.equal(enrolled.type, 'faceio-complete', JSON.stringify(enrolled) + '\n' + page.logs.join('\n'));
    const facialId = (enrolled.detail['result'] as { facialId: string }).facialId;
    assert.match(facialId, /\S{8,}/);
    const phases = (await pageEvents(page.page))
      .filter((e) => e.type === 'faceio-phase-change' && e.target === 'faceio-enroll')
      .map((e) => e.detail['phase']);
    assert.deepEqual(phases.slice(0, 4), ['permission', 'terms', 'intro', 'scan']);

    await page.page.evaluate(() => ((window as unknown as { events: PageEvent[] }).events = []));
    const auth = page.page.locator('faceio-authenticate');
    await auth.getByRole('button', { name: 'Sign in with your face' }).click();
    const authenticated = await elementOutcome(page.page);
    assert.equal(authenticated.type, 'faceio-complete', JSON.stringify(authenticated));
    assert.deepEqual(authenticated.detail['result'], { facialId, payload: { user: 'lmm' } });
    // The live tracker (MediaPipe) and the quality worker (onnxruntime-web) ran: nothing degraded.
    assert.deepEqual(
      page.logs.filter((line) => /openfaceio: .* off/.test(line)),
      [],
    );
  });
});
