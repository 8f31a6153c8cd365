// The active liveness challenge end to end: headless Chromium whose fake camera plays a clip, the
// built SDK from a real node, the real models deciding. The node's challenge is fixed with the
// test-only OPENFACEIO_INSECURE_FIXED_CHALLENGE option (config.insecureFixedChallenge) so that a
// recorded clip can meet the challenge it performs; production nodes draw it at random.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { FIO_ERROR_CODES } from 'openfaceio/protocol';
import type { ChallengeStep } from 'openfaceio/protocol';
import { updateSettings } from '../../src/store/apps.js';
import { backends, type BackendEnv } from '../helpers/backends.js';
import { dataPath, sharedDataPath } from '../../../test/helpers/data.js';
import { headTurnClip, movingStillClip } from '../helpers/pad-clips.js';
import { frameOf, runSession } from '../helpers/scan-client.js';
import { elementOutcome, pageEvents, startWidgetRig, videoFrames, y4mOf, type WidgetRig } from '../helpers/widget-page.js';

const [BACKEND] = backends();
const LIVENESS = `<faceio-authenticate public-id="PUBLIC_ID" check="liveness" autostart></faceio-authenticate>`;
const SIGN_IN = `<faceio-authenticate public-id="PUBLIC_ID" autostart></faceio-authenticate>`;
const HEADTURN = 'pad/headturn_nod_shenasa.gif';

describe('the liveness challenge (headless Chromium, fake camera, real node)', { timeout: 600_000 }, () => {
  let env: BackendEnv;
  /** Nodes whose challenge is fixed: the steps the head-turn clip performs, and the same steps in the other order. */
  const rigs: Partial<Record<'matching' | 'mismatching', WidgetRig>> = {};
  const fixed: Record<'matching' | 'mismatching', ChallengeStep[]> = {
    matching: ['turn-left', 'turn-right'],
    mismatching: ['turn-right', 'turn-left'],
  };

  before(async () => {
    env = await BACKEND!.open();
    for (const which of ['matching', 'mismatching'] as const)
      rigs[which] = await startWidgetRig(env, { pad: true, liveness: 'active' }, { config: { insecureFixedChallenge: fixed[which] } });
  });
  after(async () => {
    for (const rig of Object.values(rigs)) await rig?.close();
    await env?.close();
  });

  /** The status keys the widget showed (its faceio-progress events). */
  const statusKeys = async (page: Parameters<typeof pageEvents>[0]) =>
    (await pageEvents(page)).filter((e) => e.type === 'faceio-progress').map((e) => String(e.detail['statusKey']));

  test('the bona fide head-turn clip passes the challenge it performs, each step shown in turn', async (t) => {
    const gif = sharedDataPath(HEADTURN);
    if (!gif) return t.skip(`needs ../shared/data/${HEADTURN} (not redistributable)`);
    const { page } = await rigs.matching!.open(headTurnClip(gif), LIVENESS);
    const end = await elementOutcome(page.page);
    assert.equal(end.type, 'faceio-complete', JSON.stringify(end) + '\n' + page.logs.join('\n'));
    assert.equal((end.detail['result'] as { live: boolean }).live, true);
    const shown = await statusKeys(page.page);
    assert.ok(shown.includes('scan.challenge.turn-left') && shown.includes('scan.challenge.turn-right'), shown.join());
    assert.ok(shown.indexOf('scan.challenge.turn-left') < shown.indexOf('scan.challenge.turn-right'));
  });

  test('the same clip fails a challenge it does not perform (the other order)', async (t) => {
    const gif = sharedDataPath(HEADTURN);
    if (!gif) return t.skip(`needs ../shared/data/${HEADTURN} (not redistributable)`);
    const { page } = await rigs.mismatching!.open(headTurnClip(gif), LIVENESS);
    const end = await elementOutcome(page.page);
    assert.equal(end.type, 'faceio-complete', JSON.stringify(end));
    assert.equal((end.detail['result'] as { live: boolean }).live, false);
  });

  describe('under the default mode (active-on-doubt)', () => {
    let rig: WidgetRig;
    before(async () => {
      // Enrolled over the protocol with passive liveness (eight frames of a fixed clip cannot answer
      // a challenge), then the app goes back to the default mode for the sign-ins below.
      rig = await startWidgetRig(env, { pad: true, liveness: 'passive' });
      const frames = await Promise.all(videoFrames(dataPath('video/person-lmm-webcam.mp4'), 8).map((file) => frameOf(file)));
      const run = await runSession(rig.node.url, { publicId: rig.publicId, op: 'enroll' }, frames, {
        origin: rig.host.origin,
        pins: [{ pin: '4831', confirm: '4831' }],
      });
      assert.equal(run.verdict?.ok, true, JSON.stringify(run));
      const app = (await rig.node.deps.db.query<{ id: string }>('SELECT id FROM apps WHERE public_id = $1', [rig.publicId])).rows[0]!;
      await updateSettings(rig.node.deps.db, app.id, { liveness: 'active-on-doubt' });
    });
    after(async () => rig?.close());

    test('the bona fide webcam clip signs in without being asked a challenge: its passive evidence is clearly live', async () => {
      const { page } = await rig.open(y4mOf(dataPath('video/person-lmm-webcam.mp4')), SIGN_IN);
      const end = await elementOutcome(page.page);
      assert.equal(end.type, 'faceio-complete', JSON.stringify(end) + '\n' + page.logs.join('\n'));
      assert.deepEqual(
        (await statusKeys(page.page)).filter((k) => k.startsWith('scan.challenge')),
        [],
      );
    });

    test('a still photo of the enrolled person is refused: PAD_ATTACK', async () => {
      const { page } = await rig.open(y4mOf(dataPath('faces/fr_lin_manuel_miranda/lmm_1.png')), SIGN_IN);
      const end = await elementOutcome(page.page);
      assert.equal(end.detail['code'], FIO_ERROR_CODES.PAD_ATTACK, JSON.stringify(end));
    });

    test('the same photo moved like a hand-held print is asked a challenge it cannot answer: PAD_ATTACK', async () => {
      const { page } = await rig.open(await movingStillClip(dataPath('faces/fr_lin_manuel_miranda/lmm_1.png')), SIGN_IN);
      const end = await elementOutcome(page.page);
      assert.equal(end.detail['code'], FIO_ERROR_CODES.PAD_ATTACK, JSON.stringify(end));
      assert.ok(
        (await statusKeys(page.page)).some((k) => k.startsWith('scan.challenge.')),
        'a challenge step was shown',
      );
    });

    test('a phone replay clip is refused: PAD_ATTACK', async (t) => {
      const clip = sharedDataPath('pad/replay_mani_phone.mp4');
      if (!clip) return t.skip('needs ../shared/data/pad/replay_mani_phone.mp4 (not redistributable)');
      const { page } = await rig.open(y4mOf(clip), SIGN_IN);
      const end = await elementOutcome(page.page);
      assert.equal(end.type, 'faceio-error', JSON.stringify(end));
      assert.equal(end.detail['code'], FIO_ERROR_CODES.PAD_ATTACK, JSON.stringify(end));
    });
  });
});
