// The liveness challenge in <faceio-authenticate> and <faceio-enroll> (headless Chromium, fake
// actors): each step's words, cue and progress in all 12 languages, the physical arrows in a
// right-to-left page, the way out for a user who cannot turn the head, axe in the challenge phase.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ChallengePlan, ChallengeStep } from '../../src/protocol/index.js';
import { DEFAULT_SESSION_TIME_LIMITS, SUPPORTED_LOCALES } from '../../src/protocol/index.js';
import { templates as arabic } from '../../src/generated/locales/ar.js';
import { openElementPage, SETTINGS, type ElementPage } from '../helpers/element-page.js';

const STEPS: ChallengeStep[] = ['turn-left', 'turn-right', 'look-up', 'blink'];
const plan = (alternative: ChallengePlan['alternative']): ChallengePlan => ({
  steps: STEPS.map((step) => ({ step, windowMs: 6000 })),
  frameIntervalMs: 100,
  alternative,
});

/** The English texts, and every locale's, straight from the generated tables (what translators wrote). */
const ENGLISH: Record<ChallengeStep, string> = {
  'turn-left': 'Slowly turn your head to your left.',
  'turn-right': 'Slowly turn your head to your right.',
  'look-up': 'Tilt your head back and look up.',
  blink: 'Blink your eyes.',
};
async function localeTexts(locale: string): Promise<Record<string, string>> {
  if (locale === 'en') return Object.fromEntries(STEPS.map((s) => [`scan.challenge.${s}`, ENGLISH[s]]));
  return ((await import(`../../src/generated/locales/${locale}.js`)) as { templates: Record<string, string> }).templates;
}

describe('the liveness challenge in the flow elements', () => {
  let h: ElementPage;
  before(async () => {
    h = await openElementPage();
  });
  after(async () => {
    await h?.close();
  });

  /** Mounts, walks to the scan, announces the challenge and shows step `index`. */
  async function showStep(index: number, attrs: Record<string, string> = {}, alternative: ChallengePlan['alternative'] = 'blink-only') {
    await h.mount('faceio-authenticate', attrs);
    await h.goTo('scan');
    await h.node({
      type: 'SCAN.READY',
      settings: { ...SETTINGS, pinLength: { ...SETTINGS.pinLength } },
      limits: { ...DEFAULT_SESSION_TIME_LIMITS },
      challenge: plan(alternative),
    });
    await h.node({ type: 'SCAN.CHALLENGE', steps: [...STEPS], index, windowMs: 6000 });
    await h.node({ type: 'SCAN.PROGRESS', event: 'challenge', accepted: index, needed: STEPS.length });
  }

  test('every step, in every language: the instruction in the status line and the live region, its cue, the steps with the current one marked', async () => {
    for (const locale of SUPPORTED_LOCALES) {
      const texts = await localeTexts(locale);
      for (const [index, step] of STEPS.entries()) {
        await showStep(index, { locale });
        const expected = texts[`scan.challenge.${step}`];
        assert.ok(expected, `${locale}: no text for ${step}`);
        await h.part('status').filter({ hasText: expected }).waitFor({ timeout: 5_000 });
        assert.equal(await h.liveRegion(), expected, `${locale} ${step}: announced`);
        assert.equal(await h.part('challenge-cue').getAttribute('data-step'), step);
        const items = h.element.locator('[part~="challenge-steps"] li');
        assert.equal(await items.count(), STEPS.length);
        assert.equal(await items.nth(index).getAttribute('aria-current'), 'step');
      }
    }
  });

  test('axe finds nothing in the challenge phase (English and Arabic, each step)', async () => {
    for (const locale of ['en', 'ar'])
      for (const index of STEPS.keys()) {
        await showStep(index, { locale });
        const violations = await h.axe();
        assert.deepEqual(violations, [], `${locale} step ${index}: ${JSON.stringify(violations, null, 2)}`);
      }
  });

  test('Arabic: the steps read right to left, the arrows keep their physical direction (turn left = the screen’s left in the mirrored preview)', async () => {
    await showStep(0, { locale: 'ar' });
    await h.part('status').filter({ hasText: arabic['scan.challenge.turn-left'] }).waitFor({ timeout: 5_000 });
    const items = h.element.locator('[part~="challenge-steps"] li');
    const [first, second] = [await items.nth(0).boundingBox(), await items.nth(1).boundingBox()];
    assert.ok(first!.x > second!.x, 'the first step is on the right');
    assert.equal(await h.part('challenge-cue').evaluate((el) => getComputedStyle(el).direction), 'ltr');
    // Where the arrow's tip (30, 50 in its own drawing) lands on screen relative to its tail (75, 50).
    const tipSide = async () =>
      h.part('challenge-cue').evaluate((el) => {
        const group = el.querySelector('g')!;
        const m = group.getScreenCTM()!;
        const tip = new DOMPoint(30, 50).matrixTransform(m);
        const tail = new DOMPoint(75, 50).matrixTransform(m);
        return tip.x < tail.x ? 'left' : 'right';
      });
    assert.equal(await tipSide(), 'left');
    await h.node({ type: 'SCAN.CHALLENGE', steps: [...STEPS], index: 1, windowMs: 6000 });
    assert.equal(await tipSide(), 'right');
  });

  test('the cue stands still for people who ask for less motion', async () => {
    await h.page.emulateMedia({ reducedMotion: 'reduce' });
    await showStep(0);
    assert.equal(await h.part('challenge-cue').evaluate((el) => getComputedStyle(el.querySelector('svg')!).animationName), 'none');
    await h.page.emulateMedia({ reducedMotion: 'no-preference' });
    await showStep(0);
    assert.notEqual(await h.part('challenge-cue').evaluate((el) => getComputedStyle(el.querySelector('svg')!).animationName), 'none');
  });

  test('"I can\'t turn my head" asks the node for the blink-only variant, once; an app with the PIN offers the PIN when authenticating', async () => {
    await showStep(0);
    const button = h.element.getByRole('button', { name: "I can't turn my head" });
    await button.click();
    assert.deepEqual((await h.fakeLog()).commands, [{ type: 'challenge-alternative' }]);
    await h.node({ type: 'SCAN.CHALLENGE', steps: ['blink', 'blink', 'blink', 'blink'], index: 0, windowMs: 5000 });
    await h.part('status').filter({ hasText: 'Blink your eyes.' }).waitFor({ timeout: 5_000 });
    assert.equal(await button.count(), 0, 'offered once, and not for blink steps');
    await showStep(0, {}, 'pin');
    await h.element.getByRole('button', { name: 'Use my PIN instead' }).click();
    await h.node({ type: 'SCAN.CHALLENGE', steps: [...STEPS], index: STEPS.length, windowMs: 0 });
    await h.part('status').filter({ hasText: 'you will then be asked for your PIN' }).waitFor({ timeout: 5_000 });
    assert.equal(await h.part('challenge-cue').count(), 0);
  });

  test('"More time" stays available during a step (it lengthens the step on the node)', async () => {
    await showStep(1);
    await h.element.getByRole('button', { name: 'More time' }).click();
    assert.deepEqual((await h.fakeLog()).commands, [{ type: 'extend' }]);
  });
});
