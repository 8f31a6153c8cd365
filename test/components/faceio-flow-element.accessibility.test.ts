// <faceio-enroll> and <faceio-authenticate> in headless Chromium, accessibility: axe-core (WCAG 2.0–2.2
// A/AA) in every phase of both elements and in two locales, focus on each phase change, the live
// region, alerts, reduced motion (CONVENTIONS.md habit 8). The elements run with fake actors.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { templates as arabic } from '../../src/generated/locales/ar.js';
import { templates as german } from '../../src/generated/locales/de.js';
import { openElementPage, type ElementPage, type ElementTag, type Stage } from '../helpers/element-page.js';

const STAGES: Readonly<Record<ElementTag, readonly Stage[]>> = {
  'faceio-enroll': ['idle', 'permission', 'terms', 'intro', 'scan', 'pin', 'pin-confirm', 'pin-problem', 'reply', 'done', 'failed'],
  // Authentication stores nothing: no terms, no intro, and the PIN is typed once.
  'faceio-authenticate': ['idle', 'permission', 'scan', 'pin', 'pin-problem', 'reply', 'done', 'failed'],
};

/** The heading each phase shows (and focuses), in English. */
const HEADINGS: Readonly<Partial<Record<Stage, string>>> = {
  permission: 'Camera access',
  terms: 'Terms of use',
  intro: 'Get ready',
  scan: 'Face scan',
  reply: 'One moment',
  // A heading per outcome (issue 14): goTo('failed') ends in PAD_ATTACK.
  failed: 'Live person not confirmed',
};
const DONE_HEADINGS: Readonly<Record<ElementTag, string>> = { 'faceio-enroll': 'Enrollment complete', 'faceio-authenticate': 'Signed in' };

describe('faceio flow elements: accessibility (headless Chromium, fake actors)', () => {
  let h: ElementPage;
  before(async () => {
    h = await openElementPage();
  });
  after(async () => {
    await h?.close();
  });

  const noViolations = async (where: string): Promise<void> => {
    const violations = await h.axe();
    assert.deepEqual(violations, [], `${where}: ${JSON.stringify(violations, null, 2)}\n${h.logs.join('\n')}`);
  };

  test('axe sees inside shadow roots (a probe with an unlabelled input fails)', async () => {
    await h.page.evaluate(() => window.elements.mountAxeProbe());
    const violations = await h.page.evaluate(() => window.elements.axe());
    assert.deepEqual(
      violations.map((v) => v.id),
      ['label'],
    );
  });

  for (const [tag, stages] of Object.entries(STAGES) as Array<[ElementTag, readonly Stage[]]>) {
    describe(`<${tag}>`, () => {
      for (const stage of stages) {
        test(`${stage}: no axe violations`, async () => {
          await h.mount(tag);
          await h.goTo(stage);
          await noViolations(`${tag} ${stage}`);
        });
      }
    });
  }

  test('long slotted terms: the scrolling box is a named, focusable region; no axe violations', async () => {
    const clauses = Array.from({ length: 30 }, (_, i) => `<p>Clause ${i + 1}: the template is deleted on request.</p>`).join('');
    await h.mount('faceio-enroll', {}, `<div slot="terms">${clauses}</div>`);
    await h.goTo('terms');
    const terms = h.part('terms');
    assert.ok(await terms.evaluate((el) => el.scrollHeight > el.clientHeight), 'the terms overflow their box');
    assert.equal(await h.element.getByRole('region', { name: 'Terms of use' }).count(), 1);
    await noViolations('enroll terms, long slotted text');
  });

  describe('locales', () => {
    test('ar: right to left on the base part, Arabic texts, no axe violations (terms, PIN)', async () => {
      await h.mount('faceio-enroll', { locale: 'ar' });
      const base = h.part('base');
      await h.part('start-button').filter({ hasText: arabic['idle.enroll'] }).waitFor({ timeout: 5_000 });
      assert.equal(await base.getAttribute('dir'), 'rtl');
      assert.equal(await base.getAttribute('lang'), 'ar');
      await h.goTo('terms');
      assert.equal((await h.part('heading').textContent())?.trim(), arabic['heading.terms']);
      assert.equal((await h.part('primary-button').textContent())?.trim(), arabic['button.accept']);
      await noViolations('ar terms');
      await h.mount('faceio-enroll', { locale: 'ar' });
      await h.goTo('pin');
      assert.equal((await h.part('heading').textContent())?.trim(), arabic['heading.pin-choose']);
      // The digits stay left to right in a right-to-left page (a PIN reads as typed).
      assert.equal(await h.part('pin-input').evaluate((el) => getComputedStyle(el).direction), 'ltr');
      await noViolations('ar pin');
    });

    test('de (and a language tag with a region): German heading, left to right, no axe violations', async () => {
      await h.mount('faceio-authenticate', { locale: 'de-AT' });
      await h.goTo('permission');
      await h.part('heading').filter({ hasText: german['heading.permission'] }).waitFor({ timeout: 5_000 });
      assert.equal(await h.part('base').getAttribute('dir'), 'ltr');
      assert.equal(await h.part('base').getAttribute('lang'), 'de');
      assert.equal(await h.liveRegion(), german['permission.prompt']);
      await noViolations('de permission');
    });

    test('auto follows the page language; back to English after another locale', async () => {
      await h.mount('faceio-enroll', { locale: 'fr' });
      await h.mount('faceio-enroll');
      await h.goTo('permission');
      await h.part('heading').filter({ hasText: 'Camera access' }).waitFor({ timeout: 5_000 });
      assert.equal(await h.part('base').getAttribute('lang'), 'en');
    });
  });

  describe('focus and announcements', () => {
    for (const tag of ['faceio-enroll', 'faceio-authenticate'] as const) {
      test(`<${tag}>: each phase change moves focus to the phase heading (PIN: the first digit box) and updates the live region`, async () => {
        for (const stage of STAGES[tag]) {
          if (stage === 'idle' || stage === 'pin-confirm' || stage === 'pin-problem') continue;
          await h.mount(tag);
          const before = await h.liveRegion();
          assert.equal(before, '', 'the live region is empty at rest (nothing to announce on page load)');
          await h.goTo(stage);
          const focused = await h.focused();
          if (stage === 'pin') {
            assert.deepEqual({ tag: focused?.tag, index: focused?.index }, { tag: 'input', index: '0' }, `${tag} ${stage}`);
          } else {
            const heading = stage === 'done' ? DONE_HEADINGS[tag] : HEADINGS[stage];
            assert.deepEqual({ part: focused?.part, text: focused?.text }, { part: 'heading', text: heading }, `${tag} ${stage}`);
          }
          const live = await h.liveRegion();
          if (stage === 'failed') {
            // The failure is an alert of its own: the polite region stays quiet (no double reading).
            assert.equal(live, '', `${tag} ${stage}: the alert announces it, not the live region`);
            assert.equal(await h.part('status').getAttribute('role'), 'alert');
            continue;
          }
          assert.notEqual(live, '', `${tag} ${stage}: the live region announces the phase`);
          assert.equal(live, (await h.part('status').textContent())?.trim(), `${tag} ${stage}: the live region says what the status line says`);
        }
      });
    }

    test('at rest nothing takes focus (no focus stolen on page load)', async () => {
      await h.mount('faceio-enroll');
      assert.equal(await h.focused(), null);
    });

    test('PIN confirm stage and a PIN problem move focus back to the first (emptied) digit box', async () => {
      for (const stage of ['pin-confirm', 'pin-problem'] as const) {
        await h.mount('faceio-enroll');
        await h.goTo(stage);
        await h.page.evaluate(() => window.elements.settle());
        assert.equal((await h.focused())?.index, '0', stage);
        const values = await h.element.locator('input.digit').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
        assert.deepEqual(values, ['', '', '', ''], stage);
        // The confirm stage is announced politely; a problem is an alert of its own (the polite region stays quiet).
        assert.equal(await h.liveRegion(), stage === 'pin-confirm' ? 'Type the same PIN again to confirm it.' : '', `${stage}: announced once`);
      }
      await h.mount('faceio-authenticate');
      await h.goTo('pin-problem');
      assert.equal((await h.focused())?.index, '0', 'authenticate: after a wrong PIN');
      assert.equal((await h.element.locator('.hint').textContent())?.trim(), 'Attempts left: 2.');
    });

    test('a PIN problem is an alert; the PIN boxes are labelled, numeric and one-time-code', async () => {
      await h.mount('faceio-enroll');
      await h.goTo('pin');
      assert.equal(await h.part('status').getAttribute('role'), null, 'no problem: the polite live region reads it, no second role');
      const boxes = h.element.locator('input.digit');
      assert.equal(await boxes.count(), 4);
      for (let i = 0; i < 4; i++) {
        const box = boxes.nth(i);
        assert.equal(await box.getAttribute('aria-label'), `Digit ${i + 1} of 4`);
        assert.equal(await box.getAttribute('inputmode'), 'numeric');
      }
      assert.equal(await boxes.first().getAttribute('autocomplete'), 'one-time-code');
      assert.equal(await h.part('pin-input').getAttribute('role'), 'group');
      await h.typePin('4831');
      await h.clickPart('primary-button');
      await h.typePin('4832');
      await h.clickPart('primary-button');
      // The problem is an alert of its own under the boxes, which it describes; the instruction stays.
      assert.equal(await h.part('error').getAttribute('role'), 'alert');
      assert.equal((await h.part('error').textContent())?.trim(), 'The two PINs were different. Choose your PIN again.');
      assert.equal(await boxes.first().getAttribute('aria-describedby'), 'pin-instruction pin-problem');
      assert.equal(await boxes.first().getAttribute('aria-invalid'), 'true');
      assert.equal(await h.part('status').getAttribute('role'), null);
    });

    test('failed: the error is an alert with the code; a retryable error offers "Try again"', async () => {
      await h.mount('faceio-enroll');
      await h.goTo('failed');
      const alert = h.element.locator('[role="alert"]');
      assert.equal(await alert.count(), 1);
      assert.equal(await alert.getAttribute('data-code'), '5');
      assert.match((await alert.textContent()) ?? '', /live person/);
      assert.equal(await h.element.getByRole('button', { name: 'Try again' }).count(), 0, 'PAD_ATTACK is not retryable');

      await h.mount('faceio-authenticate');
      await h.goTo('permission');
      await h.camera({ type: 'PERMISSION.DENIED' });
      assert.equal(await h.phase(), 'failed');
      assert.match((await h.element.locator('[role="alert"]').textContent()) ?? '', /Camera access was refused/);
      assert.equal(await h.element.getByRole('button', { name: 'Try again' }).count(), 1);
      assert.deepEqual({ part: (await h.focused())?.part }, { part: 'heading' });
      await noViolations('authenticate permission refused');
    });

    test('scan progress is a labelled progressbar with its value', async () => {
      await h.mount('faceio-authenticate');
      await h.goTo('scan');
      const bar = h.element.getByRole('progressbar', { name: 'Scan progress' });
      assert.equal(await bar.getAttribute('aria-valuenow'), '33');
      await h.node({ type: 'SCAN.PROGRESS', event: 'need-more-frames', accepted: 2, needed: 3 });
      assert.equal(await bar.getAttribute('aria-valuenow'), '67');
    });
  });

  describe('reduced motion', () => {
    const spinnerAnimation = () => h.part('spinner').evaluate((el) => getComputedStyle(el).animationName);
    test('the reply spinner spins by default and stands still with prefers-reduced-motion', async () => {
      await h.mount('faceio-enroll', { 'user-consent': '' });
      await h.goTo('reply');
      try {
        await h.page.emulateMedia({ reducedMotion: 'no-preference' });
        assert.equal(await spinnerAnimation(), 'spin');
        await h.page.emulateMedia({ reducedMotion: 'reduce' });
        assert.equal(await spinnerAnimation(), 'none');
      } finally {
        await h.page.emulateMedia({ reducedMotion: null });
      }
    });

    test('the progress bar and the framing oval do not animate with prefers-reduced-motion', async () => {
      await h.mount('faceio-authenticate');
      await h.goTo('scan');
      const transition = (selector: string) => h.element.locator(selector).evaluate((el) => getComputedStyle(el).transitionDuration);
      try {
        await h.page.emulateMedia({ reducedMotion: 'no-preference' });
        assert.deepEqual([await transition('.bar'), await transition('.oval')], ['0.3s', '0.12s, 0.12s, 0.12s, 0.12s, 0.3s']);
        await h.page.emulateMedia({ reducedMotion: 'reduce' });
        assert.deepEqual([await transition('.bar'), await transition('.oval')], ['0s', '0s']);
      } finally {
        await h.page.emulateMedia({ reducedMotion: null });
      }
    });
  });
});
