// <faceio-authenticate> inside a React 19 app (test/e2e/react-app.tsx, bundled here with esbuild):
// React renders the element with its attributes and receives the faceio-* events through a ref
// and through React 19's native custom-element event props. The user is enrolled first over the
// node's protocol (a photo); the browser's fake camera then plays a clip of the same person.
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { backends, type BackendEnv } from '../helpers/backends.js';
import { dataPath } from '../../../test/helpers/data.js';
import { frameOf, runSession } from '../helpers/scan-client.js';
import { startWidgetRig, y4mOf, type WidgetRig } from '../helpers/widget-page.js';

const [BACKEND] = backends();
const APP_ENTRY = join(dirname(fileURLToPath(import.meta.url)), 'react-app.tsx');

interface Received {
  via: 'ref' | 'prop';
  type: string;
  detail: Record<string, unknown>;
}

/** The React app as one ES module: development React, so StrictMode double-mounts the effects. */
async function bundleReactApp(): Promise<string> {
  const result = await build({
    entryPoints: [APP_ENTRY],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"development"' },
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

describe('<faceio-authenticate> in a React 19 app (headless Chromium, fake camera, real node)', () => {
  let env: BackendEnv;
  let rig: WidgetRig;
  let facialId: string;
  const clip = y4mOf(dataPath('video/person-lmm-webcam.mp4'));

  before(async () => {
    const bundle = bundleReactApp();
    env = await BACKEND!.open();
    // pad off: the enrollment below sends one photo three times, which PAD rightly calls a replay.
    // pinPolicy never: a photo against webcam frames can land within the on-doubt margin.
    rig = await startWidgetRig(env, { pad: false, pinPolicy: 'never' });
    rig.host.addPage('/react-app.js', await bundle);
    const photo = dataPath('faces/fr_lin_manuel_miranda/lmm_1.png');
    const frames = await Promise.all([640, 560, 480].map((side) => frameOf(photo, side)));
    const enrolled = await runSession(rig.node.url, { publicId: rig.publicId, op: 'enroll', payload: { user: 'lmm' } }, frames, {
      origin: rig.host.origin,
      pins: ['4831'],
    });
    assert.ok(enrolled.verdict?.ok, `enrollment over the protocol failed: ${JSON.stringify(enrolled.verdict ?? enrolled.created)}`);
    facialId = (enrolled.verdict.result as { facialId: string }).facialId;
  });
  after(async () => {
    await rig?.close();
    await env?.close();
  });

  test(
    'React renders the element, receives phase changes through a ref and faceio-complete through an event prop',
    { timeout: 180_000 },
    async () => {
      const { page } = await rig.open(
        clip,
        `<div id="root" data-public-id="PUBLIC_ID" data-node="${rig.node.url}"></div><script type="module" src="/react-app.js"></script>`,
      );
      const element = page.page.locator('faceio-authenticate');
      // React 19 sets `public-id` as an attribute (no such property) and `node` as a property or an
      // attribute, depending on whether the SDK defined the tag before React's first commit: either
      // way the element must see both.
      await page.page.waitForFunction(() => customElements.get('faceio-authenticate') !== undefined, null, { timeout: 30_000 });
      assert.equal(await element.getAttribute('public-id'), rig.publicId);
      assert.deepEqual(await element.evaluate((e: Element & { publicId?: string; node?: string }) => [e.publicId, e.node]), [
        rig.publicId,
        rig.node.url,
      ]);

      await element.getByRole('button', { name: 'Sign in with your face' }).click({ timeout: 30_000 });
      const outcome = await page.page.waitForFunction(
        () =>
          (window as unknown as { reactEvents: Received[] }).reactEvents.find(
            (e) => e.type === 'faceio-complete' || (e.type === 'faceio-error' && e.detail['fatal'] === true),
          ),
        null,
        { timeout: 120_000, polling: 200 },
      );
      const final = (await outcome.jsonValue()) as Received;
      const received = await page.page.evaluate(() => (window as unknown as { reactEvents: Received[] }).reactEvents);
      const trace = JSON.stringify(received.filter((e) => e.type !== 'faceio-progress')) + '\n' + page.logs.join('\n');
      assert.equal(final.type, 'faceio-complete', trace);
      assert.equal(final.via, 'prop', 'faceio-complete arrives through onfaceio-complete');
      assert.deepEqual(final.detail['result'], { facialId, payload: { user: 'lmm' } }, trace);

      // Through the ref: every phase once, in order (StrictMode's remount left exactly one listener).
      const phases = received.filter((e) => e.type === 'faceio-phase-change').map((e) => (assert.equal(e.via, 'ref'), e.detail['phase']));
      assert.equal(phases[0], 'permission', trace);
      assert.ok(phases.includes('scan'), trace);
      assert.equal(phases.at(-1), 'done', trace);
      assert.equal(new Set(phases).size, phases.length, `a phase reported twice: ${phases.join(' → ')}`);
      assert.ok(
        received.some((e) => e.type === 'faceio-progress' && e.via === 'ref'),
        trace,
      );
      assert.equal(received.filter((e) => e.type === 'faceio-complete').length, 1);

      // React re-rendered from the events it received.
      await page.page.getByTestId('outcome').waitFor({ timeout: 10_000 });
      assert.equal(await page.page.getByTestId('outcome').textContent(), `Signed in as ${facialId}`);
      assert.equal(await page.page.getByTestId('phase').textContent(), 'phase: done');
    },
  );
});
