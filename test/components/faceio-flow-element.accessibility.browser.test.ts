/// <reference types="mocha" />
// <faceio-enroll> and <faceio-authenticate> in the browser (web-test-runner), accessibility: axe-core
// (WCAG 2.0–2.2 A/AA, test/helpers/axe.ts) in every phase of both elements and in two locales, focus
// on each phase change, the live region, alerts, reduced motion (CONVENTIONS.md habit 8). The
// elements run with fake actors (test/helpers/fake-flow.ts).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { templates as arabic } from '../../src/generated/locales/ar.js';
import { templates as german } from '../../src/generated/locales/de.js';
import { byRole, violatedRules } from '../helpers/axe.js';
import { mountFlow, textOf, type ElementTag, type Flow, type Stage } from '../helpers/fake-flow.js';

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
  // A heading per outcome (issue 14): goTo('failed') ends in PAD_ATTACK; done has one per operation.
  failed: 'Live person not confirmed',
};
const DONE_HEADINGS: Readonly<Record<ElementTag, string>> = { 'faceio-enroll': 'Enrollment complete', 'faceio-authenticate': 'Signed in' };

/** Waits until a part shows `text` (the locale modules load asynchronously). */
const waitForText = (f: Flow, part: string, text: string) =>
  waitUntil(() => textOf(f.root.querySelector(`[part~="${part}"]`)).includes(text), `${part} never showed "${text}"`, { timeout: 5_000 });

describe('faceio flow elements: accessibility (fake actors)', () => {
  it('axe sees inside shadow roots (a probe with an unlabelled input fails)', async () => {
    if (!customElements.get('axe-probe')) {
      customElements.define(
        'axe-probe',
        class extends HTMLElement {
          connectedCallback() {
            this.attachShadow({ mode: 'open' }).innerHTML = '<input type="text">';
          }
        },
      );
    }
    const probe = await fixture(html`<axe-probe></axe-probe>`);
    let failure: unknown = null;
    try {
      await expect(probe).to.be.accessible(); // a thenable, not a Promise: no .catch()
    } catch (error) {
      failure = error;
    }
    expect(violatedRules(failure)).to.deep.equal(['label']);
  });

  for (const [tag, stages] of Object.entries(STAGES) as Array<[ElementTag, readonly Stage[]]>) {
    describe(`<${tag}>`, () => {
      for (const stage of stages) {
        it(`${stage}: no axe violations`, async () => {
          const f = await mountFlow(tag);
          await f.goTo(stage);
          await expect(f.el).to.be.accessible();
        });
      }
    });
  }

  it('long slotted terms: the scrolling box is a named, focusable region; no axe violations', async () => {
    const clauses = Array.from({ length: 30 }, (_, i) => `<p>Clause ${i + 1}: the template is deleted on request.</p>`).join('');
    const f = await mountFlow('faceio-enroll', {}, `<div slot="terms">${clauses}</div>`);
    await f.goTo('terms');
    const terms = f.part('terms');
    expect(terms.scrollHeight > terms.clientHeight, 'the terms overflow their box').to.equal(true);
    expect(byRole(f.el, 'region', 'Terms of use')).to.have.length(1);
    await expect(f.el).to.be.accessible();
  });

  describe('locales', () => {
    it('ar: right to left on the base part, Arabic texts, no axe violations (terms, PIN)', async () => {
      let f = await mountFlow('faceio-enroll', { locale: 'ar' });
      await waitForText(f, 'start-button', arabic['idle.enroll'] as string);
      expect(f.part('base').getAttribute('dir')).to.equal('rtl');
      expect(f.part('base').getAttribute('lang')).to.equal('ar');
      await f.goTo('terms');
      expect(textOf(f.part('heading'))).to.equal(arabic['heading.terms']);
      expect(textOf(f.part('primary-button'))).to.equal(arabic['button.accept']);
      await expect(f.el, 'ar terms').to.be.accessible();
      f = await mountFlow('faceio-enroll', { locale: 'ar' });
      await f.goTo('pin');
      expect(textOf(f.part('heading'))).to.equal(arabic['heading.pin-choose']);
      // The digits stay left to right in a right-to-left page (a PIN reads as typed).
      expect(getComputedStyle(f.part('pin-input')).direction).to.equal('ltr');
      await expect(f.el, 'ar pin').to.be.accessible();
    });

    it('de (and a language tag with a region): German heading, left to right, no axe violations', async () => {
      const f = await mountFlow('faceio-authenticate', { locale: 'de-AT' });
      await f.goTo('permission');
      await waitForText(f, 'heading', german['heading.permission'] as string);
      expect(f.part('base').getAttribute('dir')).to.equal('ltr');
      expect(f.part('base').getAttribute('lang')).to.equal('de');
      expect(f.liveRegion()).to.equal(german['permission.prompt']);
      await expect(f.el, 'de permission').to.be.accessible();
    });

    it('auto follows the page language; back to English after another locale', async () => {
      await mountFlow('faceio-enroll', { locale: 'fr' });
      const f = await mountFlow('faceio-enroll');
      await f.goTo('permission');
      await waitForText(f, 'heading', 'Camera access');
      expect(f.part('base').getAttribute('lang')).to.equal('en');
    });
  });

  describe('focus and announcements', () => {
    for (const tag of ['faceio-enroll', 'faceio-authenticate'] as const) {
      it(`<${tag}>: each phase change moves focus to the phase heading (PIN: the first digit box) and updates the live region`, async () => {
        for (const stage of STAGES[tag]) {
          if (stage === 'idle' || stage === 'pin-confirm' || stage === 'pin-problem') continue;
          const f = await mountFlow(tag);
          expect(f.liveRegion(), 'the live region is empty at rest (nothing to announce on page load)').to.equal('');
          await f.goTo(stage);
          const focused = f.focused();
          if (stage === 'pin') {
            expect({ tag: focused?.tag, index: focused?.index }, `${tag} ${stage}`).to.deep.equal({ tag: 'input', index: '0' });
          } else {
            const heading = stage === 'done' ? DONE_HEADINGS[tag] : HEADINGS[stage];
            expect({ part: focused?.part, text: focused?.text }, `${tag} ${stage}`).to.deep.equal({ part: 'heading', text: heading });
          }
          const live = f.liveRegion();
          if (stage === 'failed') {
            // The failure is an alert of its own: the polite region stays quiet (no double reading).
            expect(live, `${tag} ${stage}: the alert announces it, not the live region`).to.equal('');
            expect(f.part('status').getAttribute('role')).to.equal('alert');
            continue;
          }
          expect(live, `${tag} ${stage}: the live region announces the phase`).not.to.equal('');
          expect(live, `${tag} ${stage}: the live region says what the status line says`).to.equal(textOf(f.part('status')));
        }
      });
    }

    it('at rest nothing takes focus (no focus stolen on page load)', async () => {
      const f = await mountFlow('faceio-enroll');
      expect(f.focused()).to.equal(null);
    });

    it('PIN confirm stage and a PIN problem move focus back to the first (emptied) digit box', async () => {
      for (const stage of ['pin-confirm', 'pin-problem'] as const) {
        const f = await mountFlow('faceio-enroll');
        await f.goTo(stage);
        await f.settle();
        expect(f.focused()?.index, stage).to.equal('0');
        expect(f.digits(), stage).to.deep.equal(['', '', '', '']);
        // The confirm stage is announced politely; a problem is an alert of its own (the polite region stays quiet).
        expect(f.liveRegion(), `${stage}: announced once`).to.equal(stage === 'pin-confirm' ? 'Type the same PIN again to confirm it.' : '');
      }
      const f = await mountFlow('faceio-authenticate');
      await f.goTo('pin-problem');
      expect(f.focused()?.index, 'authenticate: after a wrong PIN').to.equal('0');
      expect(textOf(f.root.querySelector('.hint'))).to.equal('Attempts left: 2.');
    });

    it('a PIN problem is an alert; the PIN boxes are labelled, numeric and one-time-code', async () => {
      const f = await mountFlow('faceio-enroll');
      await f.goTo('pin');
      expect(f.part('status').getAttribute('role'), 'no problem: the polite live region reads it, no second role').to.equal(null);
      const boxes = f.all<HTMLInputElement>('input.digit');
      expect(boxes).to.have.length(4);
      boxes.forEach((box, i) => {
        expect(box.getAttribute('aria-label')).to.equal(`Digit ${i + 1} of 4`);
        expect(box.getAttribute('inputmode')).to.equal('numeric');
      });
      expect(boxes[0]!.getAttribute('autocomplete')).to.equal('one-time-code');
      expect(f.part('pin-input').getAttribute('role')).to.equal('group');
      await f.typePin('4831');
      await f.clickPart('primary-button');
      await f.typePin('4832');
      await f.clickPart('primary-button');
      // The problem is an alert of its own under the boxes, which it describes; the instruction stays.
      expect(f.part('error').getAttribute('role')).to.equal('alert');
      expect(textOf(f.part('error'))).to.equal('The two PINs were different. Choose your PIN again.');
      expect(f.all('input.digit')[0]!.getAttribute('aria-describedby')).to.equal('pin-instruction pin-problem');
      expect(f.all('input.digit')[0]!.getAttribute('aria-invalid')).to.equal('true');
      expect(f.part('status').getAttribute('role')).to.equal(null);
    });

    it('failed: the error is an alert with the code; a retryable error offers "Try again"', async () => {
      let f: Flow = await mountFlow('faceio-enroll');
      await f.goTo('failed');
      const alerts = f.all('[role="alert"]');
      expect(alerts).to.have.length(1);
      expect(alerts[0]!.getAttribute('data-code')).to.equal('5');
      expect(textOf(alerts[0])).to.match(/live person/);
      expect(byRole(f.el, 'button', 'Try again'), 'PAD_ATTACK is not retryable').to.have.length(0);

      f = await mountFlow('faceio-authenticate');
      await f.goTo('permission');
      await f.camera({ type: 'PERMISSION.DENIED' });
      expect(f.phase).to.equal('failed');
      expect(textOf(f.root.querySelector('[role="alert"]'))).to.match(/Camera access was refused/);
      expect(byRole(f.el, 'button', 'Try again')).to.have.length(1);
      expect({ part: f.focused()?.part }).to.deep.equal({ part: 'heading' });
      await expect(f.el, 'authenticate permission refused').to.be.accessible();
    });

    it('scan progress is a labelled progressbar with its value', async () => {
      const f = await mountFlow('faceio-authenticate');
      await f.goTo('scan');
      const bar = () => {
        const [found] = byRole(f.el, 'progressbar', 'Scan progress');
        if (!found) throw new Error('no progressbar named "Scan progress"');
        return found;
      };
      expect(bar().getAttribute('aria-valuenow')).to.equal('33');
      await f.node({ type: 'SCAN.PROGRESS', event: 'need-more-frames', accepted: 2, needed: 3 });
      expect(bar().getAttribute('aria-valuenow')).to.equal('67');
    });
  });

  describe('reduced motion', () => {
    afterEach(() => emulateMedia({ reducedMotion: 'no-preference' }));

    it('the reply spinner spins by default and stands still with prefers-reduced-motion', async () => {
      const f = await mountFlow('faceio-enroll', { 'user-consent': '' });
      await f.goTo('reply');
      const spinnerAnimation = () => getComputedStyle(f.part('spinner')).animationName;
      await emulateMedia({ reducedMotion: 'no-preference' });
      expect(spinnerAnimation()).to.equal('spin');
      await emulateMedia({ reducedMotion: 'reduce' });
      expect(spinnerAnimation()).to.equal('none');
    });

    it('the progress bar and the framing oval do not animate with prefers-reduced-motion', async () => {
      const f = await mountFlow('faceio-authenticate');
      await f.goTo('scan');
      const transition = (selector: string) => getComputedStyle(f.root.querySelector(selector)!).transitionDuration;
      await emulateMedia({ reducedMotion: 'no-preference' });
      expect([transition('.bar'), transition('.oval')]).to.deep.equal(['0.3s', '0.12s, 0.12s, 0.12s, 0.12s, 0.3s']);
      await emulateMedia({ reducedMotion: 'reduce' });
      expect([transition('.bar'), transition('.oval')]).to.deep.equal(['0s', '0s']);
    });
  });
});
