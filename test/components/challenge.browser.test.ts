/// <reference types="mocha" />
// The liveness challenge in <faceio-authenticate> (web-test-runner, fake actors): each step's words,
// cue and progress in all 12 languages, the physical arrows in a right-to-left page, reduced
// motion, the way out for a user who cannot turn the head, "More time", axe in the challenge phase.
import { expect, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { ChallengePlan, ChallengeStep } from '../../src/protocol/index.js';
import { DEFAULT_SESSION_TIME_LIMITS, SUPPORTED_LOCALES } from '../../src/protocol/index.js';
import { templates as arabic } from '../../src/generated/locales/ar.js';
import { templates as german } from '../../src/generated/locales/de.js';
import { templates as spanish } from '../../src/generated/locales/es.js';
import { templates as french } from '../../src/generated/locales/fr.js';
import { templates as hindi } from '../../src/generated/locales/hi.js';
import { templates as italian } from '../../src/generated/locales/it.js';
import { templates as japanese } from '../../src/generated/locales/ja.js';
import { templates as portuguese } from '../../src/generated/locales/pt.js';
import { templates as russian } from '../../src/generated/locales/ru.js';
import { templates as turkish } from '../../src/generated/locales/tr.js';
import { templates as chinese } from '../../src/generated/locales/zh.js';
import { byRole } from '../helpers/axe.js';
import { mountFlow, SETTINGS, textOf, type Flow } from '../helpers/fake-flow.js';

const STEPS: ChallengeStep[] = ['turn-left', 'turn-right', 'look-up', 'blink'];
const plan = (alternative: ChallengePlan['alternative']): ChallengePlan => ({
  steps: STEPS.map((step) => ({ step, windowMs: 6000 })),
  frameIntervalMs: 100,
  alternative,
});

const ENGLISH: Record<string, string> = {
  'scan.challenge.turn-left': 'Slowly turn your head to your left.',
  'scan.challenge.turn-right': 'Slowly turn your head to your right.',
  'scan.challenge.look-up': 'Tilt your head back and look up.',
  'scan.challenge.blink': 'Blink your eyes.',
};
/** What translators wrote, per locale (the generated tables). */
const TEXTS: Record<string, Record<string, unknown>> = {
  en: ENGLISH,
  ar: arabic,
  de: german,
  es: spanish,
  fr: french,
  hi: hindi,
  it: italian,
  ja: japanese,
  pt: portuguese,
  ru: russian,
  tr: turkish,
  zh: chinese,
};

/** Mounts <faceio-authenticate>, walks to the scan, announces the challenge and shows step `index`. */
async function showStep(index: number, attrs: Record<string, string> = {}, alternative: ChallengePlan['alternative'] = 'blink-only'): Promise<Flow> {
  const f = await mountFlow('faceio-authenticate', attrs);
  await f.goTo('scan');
  await f.node({
    type: 'SCAN.READY',
    settings: { ...SETTINGS, pinLength: { ...SETTINGS.pinLength } },
    limits: { ...DEFAULT_SESSION_TIME_LIMITS },
    challenge: plan(alternative),
  });
  await f.node({ type: 'SCAN.CHALLENGE', steps: [...STEPS], index, windowMs: 6000 });
  await f.node({ type: 'SCAN.PROGRESS', event: 'challenge', accepted: index, needed: STEPS.length });
  return f;
}

const waitForStatus = (f: Flow, text: string) =>
  waitUntil(() => textOf(f.root.querySelector('[part~="status"]')) === text, `the status line never said "${text}"`, { timeout: 5_000 });

/** Where the arrow's tip (30, 50 in its drawing) lands on screen relative to its tail (75, 50). */
function tipSide(f: Flow): 'left' | 'right' {
  const m = f.part('challenge-cue').querySelector('g')!.getScreenCTM()!;
  return new DOMPoint(30, 50).matrixTransform(m).x < new DOMPoint(75, 50).matrixTransform(m).x ? 'left' : 'right';
}

describe('the liveness challenge in the flow elements (fake actors)', () => {
  it('every step, in every language: the instruction in the status line and the live region, its cue, the steps with the current one marked', async () => {
    for (const locale of SUPPORTED_LOCALES) {
      for (const [index, step] of STEPS.entries()) {
        const f = await showStep(index, { locale });
        const expected = TEXTS[locale]![`scan.challenge.${step}`] as string;
        expect(expected, `${locale}: a text for ${step}`).to.be.a('string');
        await waitForStatus(f, expected);
        expect(f.liveRegion(), `${locale} ${step}: announced`).to.equal(expected);
        expect(f.part('challenge-cue').dataset['step']).to.equal(step);
        const items = f.all('[part~="challenge-steps"] li');
        expect(items).to.have.length(STEPS.length);
        expect(items[index]!.getAttribute('aria-current')).to.equal('step');
      }
    }
  });

  it('axe finds nothing in the challenge phase (English and Arabic, each step)', async () => {
    for (const locale of ['en', 'ar'])
      for (const index of STEPS.keys()) {
        const f = await showStep(index, { locale });
        await expect(f.el, `${locale} step ${index}`).to.be.accessible();
      }
  });

  it('Arabic: the steps read right to left; the arrows keep their physical direction (turn left = the screen’s left in the mirrored preview)', async () => {
    const f = await showStep(0, { locale: 'ar' });
    await waitForStatus(f, arabic['scan.challenge.turn-left'] as string);
    const items = f.all('[part~="challenge-steps"] li');
    expect(items[0]!.getBoundingClientRect().x > items[1]!.getBoundingClientRect().x, 'the first step is on the right').to.equal(true);
    expect(getComputedStyle(f.part('challenge-cue')).direction).to.equal('ltr');
    expect(tipSide(f)).to.equal('left');
    await f.node({ type: 'SCAN.CHALLENGE', steps: [...STEPS], index: 1, windowMs: 6000 });
    expect(tipSide(f)).to.equal('right');
  });

  it('the cue stands still for people who ask for less motion', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      const f = await showStep(0);
      expect(getComputedStyle(f.part('challenge-cue').querySelector('svg')!).animationName).to.equal('none');
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
    const f = await showStep(0);
    expect(getComputedStyle(f.part('challenge-cue').querySelector('svg')!).animationName).not.to.equal('none');
  });

  it('"I can\'t turn my head" asks the node for the blink-only variant, once; an app with the PIN alternative offers the PIN when authenticating', async () => {
    let f = await showStep(0);
    const [button] = byRole(f.el, 'button', "I can't turn my head");
    expect(button, 'offered while a head movement is asked').to.not.equal(undefined);
    (button as HTMLElement).click();
    await f.settle();
    expect(f.fake.log.commands).to.deep.equal([{ type: 'challenge-alternative' }]);
    await f.node({ type: 'SCAN.CHALLENGE', steps: ['blink', 'blink', 'blink', 'blink'], index: 0, windowMs: 5000 });
    await waitForStatus(f, 'Blink your eyes.');
    expect(byRole(f.el, 'button', "I can't turn my head"), 'offered once, and not for blink steps').to.have.length(0);

    f = await showStep(0, {}, 'pin');
    (byRole(f.el, 'button', 'Use my PIN instead')[0] as HTMLElement).click();
    await f.settle();
    await f.node({ type: 'SCAN.CHALLENGE', steps: [...STEPS], index: STEPS.length, windowMs: 0 });
    await waitUntil(() => textOf(f.part('status')).includes('you will then be asked for your PIN'), 'the PIN is announced', { timeout: 5_000 });
    expect(f.root.querySelector('[part~="challenge-cue"]')).to.equal(null);
  });

  it('"More time" stays available during a step (the node lengthens the step)', async () => {
    const f = await showStep(1);
    (byRole(f.el, 'button', 'More time')[0] as HTMLElement).click();
    await f.settle();
    expect(f.fake.log.commands).to.deep.equal([{ type: 'extend' }]);
  });
});
