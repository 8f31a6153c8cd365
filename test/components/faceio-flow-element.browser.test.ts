/// <reference types="mocha" />
// <faceio-enroll> and <faceio-authenticate> in the browser (web-test-runner) with fake camera and
// node actors (test/helpers/fake-flow.ts): properties/attributes, events, keyboard, parts and custom
// properties (CONVENTIONS.md habit 11; accessibility has its own file). Keys and the clicks that
// matter are real input (Playwright, through the test runner); time limits run on Playwright's fake
// clock.
import { expect } from '@open-wc/testing';
import { FIO_ERROR_CODES, type FioErrorName } from '../../src/core/errors.js';
import { errorText } from '../../src/components/shared/messages.js';
import { byRole } from '../helpers/axe.js';
import {
  AUTH_RESULT,
  ENROLL_RESULT,
  PAD_ERROR,
  mountFlow,
  pinRequired,
  textOf,
  type ElementTag,
  type Flow,
  type Stage,
} from '../helpers/fake-flow.js';
import { click, clock, press, type } from '../helpers/page-input.js';

/** The English text the element shows and puts in faceio-error's `message`: the one localized table, in the source locale. */
const userMessage = (name: FioErrorName): string => errorText(name);

const phases = (f: Flow) => f.eventsOf('faceio-phase-change').map((e) => e.detail['phase']);
const fatalErrors = (f: Flow) => f.eventsOf('faceio-error').filter((e) => e.detail['fatal'] === true);

/** The one button named `name` (as a screen reader hears it). */
function button(f: Flow, name: string): HTMLElement {
  const [found, ...more] = byRole(f.el, 'button', name);
  if (!found || more.length > 0) throw new Error(`expected one button "${name}", found ${more.length + (found ? 1 : 0)} (phase ${f.phase})`);
  return found as HTMLElement;
}

describe('faceio flow elements (fake actors)', () => {
  before(async () => {
    // Timers scheduled from now on (the machine's phase limits) follow the fake clock; it runs in real time until told otherwise.
    await clock.install();
  });

  describe('properties and attributes', () => {
    it('idle-timeout: the scan ends with NO_FACES_DETECTED after the given seconds, not the default 27', async () => {
      let f: Flow = await mountFlow('faceio-authenticate', { 'idle-timeout': '12' });
      await f.goTo('permission');
      await f.camera({ type: 'PERMISSION.GRANTED' });
      expect(f.phase).to.equal('scan');
      await clock.fastForward(11_500);
      expect(f.phase).to.equal('scan');
      await clock.fastForward(1_000);
      await f.waitPhase('failed');
      expect(fatalErrors(f).map((e) => e.detail['name'])).to.deep.equal(['NO_FACES_DETECTED']);

      f = await mountFlow('faceio-authenticate');
      await f.goTo('permission');
      await f.camera({ type: 'PERMISSION.GRANTED' });
      await clock.fastForward(26_000);
      expect(f.phase, 'without the attribute the default (27 s) applies').to.equal('scan');
      await clock.fastForward(1_500);
      await f.waitPhase('failed');
    });

    it('pin-timeout and "More time": the limit restarts when extended', async () => {
      const f = await mountFlow('faceio-authenticate', { 'pin-timeout': '20' });
      await f.goTo('pin');
      await clock.fastForward(15_000);
      await click(button(f, 'More time'));
      await clock.fastForward(15_000);
      expect(f.phase, '30 s after the PIN was asked, 15 s after "More time"').to.equal('pin');
      await clock.fastForward(6_000);
      await f.waitPhase('failed');
      expect(fatalErrors(f).map((e) => e.detail['name'])).to.deep.equal(['TIMEOUT']);
    });

    it('user-consent skips the terms', async () => {
      const f = await mountFlow('faceio-enroll', { 'user-consent': '' });
      await f.goTo('intro');
      expect(phases(f)).to.deep.equal(['permission', 'intro']);
    });

    it('payload (JSON attribute), locale and op reach the scan stream actor; the camera gets the op', async () => {
      let f: Flow = await mountFlow('faceio-enroll', { payload: '{"user":"ada","plan":{"tier":2}}', locale: 'fr', 'user-consent': '' });
      await f.goTo('scan');
      expect(f.fake.log.streamInputs).to.deep.equal([{ op: 'enroll', payload: { user: 'ada', plan: { tier: 2 } }, locale: 'fr' }]);
      expect(f.fake.log.cameraInputs).to.deep.equal([{ op: 'enroll' }]);

      f = await mountFlow('faceio-enroll', { payload: 'not json', 'user-consent': '' });
      await f.goTo('scan');
      expect(f.fake.log.streamInputs, 'a non-JSON payload is passed as the string').to.deep.equal([
        { op: 'enroll', payload: 'not json', locale: 'auto' },
      ]);
    });

    it('locale auto: the node negotiates from Accept-Language; <html lang> wins only with locale="page" (issue 12)', async () => {
      const pageLang = document.documentElement.lang;
      document.documentElement.lang = 'de';
      try {
        let f: Flow = await mountFlow('faceio-authenticate');
        await f.goTo('scan');
        expect(f.fake.log.streamInputs[0]?.locale, 'auto is sent as auto').to.equal('auto');
        expect(f.part('base').getAttribute('lang'), 'the texts follow the browser’s languages, not the page').to.equal('en');
        f = await mountFlow('faceio-authenticate', { locale: 'page' });
        await f.goTo('scan');
        expect(f.fake.log.streamInputs[0]?.locale).to.equal('de');
      } finally {
        document.documentElement.lang = pageLang;
      }
    });

    it('a payload over 16 KB fails with PAYLOAD_REFUSED before the camera is asked for (issue 12)', async () => {
      const f = await mountFlow('faceio-enroll', { payload: JSON.stringify({ notes: 'x'.repeat(17_000) }), 'user-consent': '' });
      await f.start();
      await f.waitPhase('failed');
      expect(fatalErrors(f).map((e) => e.detail['name'])).to.deep.equal(['PAYLOAD_REFUSED']);
      expect(f.fake.log.cameraInputs, 'the camera was never asked for').to.deep.equal([]);
    });

    it('attributes are read at start: a payload changed after mounting is the one sent', async () => {
      const f = await mountFlow('faceio-enroll', { payload: '{"v":1}', 'user-consent': '' });
      f.el.setAttribute('payload', '{"v":2}');
      await f.goTo('scan');
      expect(f.fake.log.streamInputs[0]?.payload).to.deep.equal({ v: 2 });
    });

    it('authenticate: facial-id (1:1) and check="liveness" reach the actors; the start label follows the check', async () => {
      let f = await mountFlow('faceio-authenticate', { 'facial-id': 'fid-0001' });
      await f.goTo('scan');
      expect(f.fake.log.streamInputs).to.deep.equal([{ op: 'authenticate', facialId: 'fid-0001', locale: 'auto' }]);

      f = await mountFlow('faceio-authenticate', { check: 'liveness' });
      expect(textOf(f.part('start-button'))).to.equal('Start the liveness check');
      await f.goTo('scan');
      expect(f.fake.log.cameraInputs).to.deep.equal([{ op: 'liveness' }]);
      expect(f.fake.log.streamInputs).to.deep.equal([{ op: 'liveness', locale: 'auto' }]);
    });

    it('autostart starts the run without the button', async () => {
      const f = await mountFlow('faceio-enroll', { autostart: '' });
      expect(f.phase).to.equal('permission');
      expect(f.fake.log.cameraStarts).to.equal(1);
    });

    it('phase and result: the getters follow the run', async () => {
      const f = await mountFlow('faceio-enroll');
      expect(f.el.phase).to.equal('idle');
      expect(f.el.result).to.equal(null);
      await f.goTo('done');
      expect(f.el.result).to.deep.equal(ENROLL_RESULT);
    });

    it('removing the element mid-run stops the camera and the node session', async () => {
      const f = await mountFlow('faceio-authenticate');
      await f.goTo('scan');
      f.el.remove();
      const log = f.fake.log;
      expect([log.cameraStarts, log.cameraStops, log.streamStarts, log.streamStops]).to.deep.equal([1, 1, 1, 1]);
    });
  });

  describe('events', () => {
    it('faceio-phase-change: the whole enrollment, each with its previous phase and op, bubbling and composed', async () => {
      const f = await mountFlow('faceio-enroll');
      await f.goTo('pin-confirm');
      await f.typePin('4831');
      await f.clickPart('primary-button');
      await f.node({ type: 'REPLY.VERDICT', ok: true, result: ENROLL_RESULT });
      const changes = f.eventsOf('faceio-phase-change');
      const sequence = ['permission', 'terms', 'intro', 'scan', 'reply', 'pin', 'reply', 'done'];
      expect(changes.map((e) => e.detail)).to.deep.equal(
        sequence.map((phase, i) => ({ phase, previous: i === 0 ? 'idle' : sequence[i - 1], op: 'enroll' })),
      );
      expect(changes.every((e) => e.bubbles && e.composed)).to.equal(true);
      expect(f.fake.log.commands).to.deep.equal([{ type: 'pin', pin: '4831', confirm: '4831' }]);
    });

    it('faceio-progress: progress and guidance changes during the scan, with the shown status', async () => {
      const f = await mountFlow('faceio-authenticate');
      await f.goTo('permission');
      await f.camera({ type: 'PERMISSION.GRANTED' });
      await f.camera({ type: 'SCAN.GUIDANCE', hint: 'too-dark', faces: 1 });
      await f.node({ type: 'SCAN.PROGRESS', event: 'need-more-frames', accepted: 1, needed: 4 });
      await f.node({ type: 'SCAN.PROGRESS', event: 'need-more-frames', accepted: 1, needed: 4 }); // nothing new: no event
      await f.camera({ type: 'SCAN.GUIDANCE', hint: 'good', faces: 1 });
      await f.node({ type: 'SCAN.PROGRESS', event: 'need-more-frames', accepted: 2, needed: 4 });
      expect(f.eventsOf('faceio-progress').map((e) => e.detail)).to.deep.equal([
        { progress: 0, guidance: null, statusKey: 'scan.looking', status: 'Looking for your face…' },
        { progress: 0, guidance: 'too-dark', statusKey: 'scan.too-dark', status: 'Too dark: find more light.' },
        { progress: 0.25, guidance: 'too-dark', statusKey: 'scan.too-dark', status: 'Too dark: find more light.' },
        { progress: 0.25, guidance: 'good', statusKey: 'scan.need-more-frames', status: 'Scanning, hold still…' },
        { progress: 0.5, guidance: 'good', statusKey: 'scan.need-more-frames', status: 'Scanning, hold still…' },
      ]);
      expect(textOf(f.part('status'))).to.equal('Scanning, hold still…');
    });

    for (const [tag, result] of [
      ['faceio-enroll', ENROLL_RESULT],
      ['faceio-authenticate', AUTH_RESULT],
    ] as const) {
      it(`<${tag}> faceio-complete: once, with the node's result`, async () => {
        const f = await mountFlow(tag);
        await f.goTo('done');
        const complete = f.eventsOf('faceio-complete');
        expect(complete.map((e) => e.detail)).to.deep.equal([{ op: tag === 'faceio-enroll' ? 'enroll' : 'authenticate', result }]);
        expect(complete[0]!.bubbles && complete[0]!.composed).to.equal(true);
        expect(f.eventsOf('faceio-error')).to.deep.equal([]);
      });
    }

    it('faceio-error: a fatal verdict gives {code, name, message, retryable, fatal, detail}, once', async () => {
      const f = await mountFlow('faceio-authenticate');
      await f.goTo('failed');
      expect(f.eventsOf('faceio-error').map((e) => e.detail)).to.deep.equal([
        {
          code: FIO_ERROR_CODES.PAD_ATTACK,
          name: 'PAD_ATTACK',
          message: userMessage('PAD_ATTACK'),
          retryable: false,
          fatal: true,
          detail: PAD_ERROR.message,
        },
      ]);
      expect(f.eventsOf('faceio-complete')).to.deep.equal([]);
    });

    it('start() while busy: a non-fatal SESSION_IN_PROGRESS (20) and the run goes on to the end', async () => {
      const f = await mountFlow('faceio-enroll');
      await f.goTo('scan');
      await f.start();
      expect(f.phase).to.equal('scan');
      expect(f.eventsOf('faceio-error').map((e) => e.detail)).to.deep.equal([
        { code: 20, name: 'SESSION_IN_PROGRESS', message: userMessage('SESSION_IN_PROGRESS'), retryable: true, fatal: false },
      ]);
      await f.node({ type: 'SCAN.PROGRESS', event: 'need-more-frames', accepted: 3, needed: 3 });
      await f.node({ type: 'REPLY.VERDICT', ok: true, result: ENROLL_RESULT });
      expect(f.phase).to.equal('done');
      expect(f.eventsOf('faceio-complete')).to.have.length(1);
      expect(f.fake.log.cameraStarts, 'the second start() opened no second camera').to.equal(1);
    });

    it('a non-fatal UNIQUE_PIN_REQUIRED keeps the PIN phase and says why', async () => {
      const f = await mountFlow('faceio-enroll');
      await f.goTo('pin-confirm');
      await f.typePin('4831');
      await f.clickPart('primary-button');
      await f.node({
        type: 'PIN.REJECTED',
        reason: 'not-unique',
        attemptsLeft: 3,
        error: { code: FIO_ERROR_CODES.UNIQUE_PIN_REQUIRED, name: 'UNIQUE_PIN_REQUIRED', message: 'pin taken', retryable: true },
      });
      expect(f.phase).to.equal('pin');
      expect(f.eventsOf('faceio-error').map((e) => e.detail)).to.deep.equal([
        { code: 19, name: 'UNIQUE_PIN_REQUIRED', message: userMessage('UNIQUE_PIN_REQUIRED'), retryable: true, fatal: false, detail: 'pin taken' },
      ]);
      // The problem is an alert under the boxes; the instruction (with the PIN's length) stays.
      expect(textOf(f.part('error'))).to.equal(userMessage('UNIQUE_PIN_REQUIRED'));
      expect(f.part('error').getAttribute('role')).to.equal('alert');
      expect(textOf(f.part('status'))).to.equal('Choose your 4-digit PIN. You will need it if your face alone is not enough.');
    });

    it('start() after a failure restarts the run (a new camera)', async () => {
      const f = await mountFlow('faceio-authenticate');
      await f.goTo('failed');
      await f.start();
      expect(f.phase).to.equal('permission');
      expect(phases(f).slice(-2)).to.deep.equal(['failed', 'permission']);
      expect(f.fake.log.cameraStarts).to.equal(2);
    });
  });

  describe('keyboard', () => {
    const focusedPart = (f: Flow) => f.focused()?.part ?? null;
    const focusedIndex = (f: Flow) => f.focused()?.index ?? null;
    /** A paste into the focused box, as the clipboard would deliver it. */
    const paste = async (f: Flow, text: string) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      f.root.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, composed: true }));
      await f.settle();
    };

    it('the whole enrollment with the keyboard only: Tab/Enter/Space, PIN typed, Backspace, paste, Enter', async () => {
      const f = await mountFlow('faceio-enroll');
      document.body.focus();
      await press('Tab');
      expect(focusedPart(f)).to.equal('primary-button start-button');
      await press('Enter');
      await f.waitPhase('permission');
      await f.camera({ type: 'PERMISSION.GRANTED' });
      expect(focusedPart(f)).to.equal('heading');
      await press('Tab');
      expect(focusedPart(f), 'the terms box can be scrolled with the keyboard').to.equal('terms');
      await press('Tab');
      expect(f.focused()?.text).to.equal('I agree');
      await press('Space');
      await f.waitPhase('intro');
      // The header's close button, then the introduction's countdown ("More time": its 12 s are always
      // under the 20 s warning), then the primary action.
      const order: string[] = [];
      for (let i = 0; i < 3; i++) {
        await press('Tab');
        order.push(focusedPart(f) ?? '');
      }
      expect(order).to.deep.equal(['close-button', 'secondary-button extend-button', 'primary-button']);
      expect(f.focused()?.text).to.equal('Start the scan');
      await press('Enter');
      await f.waitPhase('scan');
      await f.camera({ type: 'SCAN.GUIDANCE', hint: 'good', faces: 1 });
      await f.node({ type: 'SCAN.PROGRESS', event: 'need-more-frames', accepted: 3, needed: 3 });
      await f.node(pinRequired('faceio-enroll'));
      expect(focusedIndex(f)).to.equal('0');

      // Digit by digit, focus advancing; Backspace in an empty box clears the one before and goes back.
      await type('48');
      expect(focusedIndex(f)).to.equal('2');
      await press('Backspace');
      expect(focusedIndex(f)).to.equal('1');
      expect(f.digits()).to.deep.equal(['4', '', '', '']);
      await type('x'); // not a digit: ignored
      expect(f.digits()).to.deep.equal(['4', '', '', '']);
      await type('831');
      expect(f.digits()).to.deep.equal(['4', '8', '3', '1']);
      expect(focusedIndex(f)).to.equal('3');
      await press('Enter');
      await f.settle();
      expect(textOf(f.part('status'))).to.equal('Type the same PIN again to confirm it.');
      expect(focusedIndex(f), 'the confirmation starts in the first box').to.equal('0');

      // The confirmation pasted: every box filled, focus on the last one, Enter submits.
      await paste(f, '48-31');
      expect(f.digits()).to.deep.equal(['4', '8', '3', '1']);
      expect(focusedIndex(f)).to.equal('3');
      await press('Enter');
      await f.waitPhase('reply');
      expect(f.fake.log.commands).to.deep.equal([{ type: 'pin', pin: '4831', confirm: '4831' }]);
      expect(focusedPart(f)).to.equal('heading');
      await f.node({ type: 'REPLY.VERDICT', ok: true, result: ENROLL_RESULT });
      expect(f.phase).to.equal('done');
      expect(f.eventsOf('faceio-complete')).to.have.length(1);
    });

    it('PIN: arrows move between boxes; Tab reaches Confirm once the PIN is complete, and focus stays in the boxes after it', async () => {
      const f = await mountFlow('faceio-enroll', { 'user-consent': '' });
      await f.goTo('pin');
      await type('12');
      await press('ArrowLeft');
      expect(focusedIndex(f)).to.equal('1');
      await press('ArrowLeft');
      await press('ArrowLeft'); // stays on the first
      expect(focusedIndex(f)).to.equal('0');
      await press('ArrowRight');
      await press('ArrowRight');
      expect(focusedIndex(f)).to.equal('2');
      await type('34');
      const confirm = f.part<HTMLButtonElement>('primary-button');
      expect(confirm.disabled).to.equal(false);
      await press('Tab');
      expect(f.focused()?.text).to.equal('Confirm');
      await press('Enter');
      await f.settle();
      // The pressed button is disabled again (empty boxes): focus must not fall to <body>.
      expect(focusedIndex(f)).to.equal('0');
      expect(f.part<HTMLButtonElement>('primary-button').disabled).to.equal(true);
    });

    it('a PIN from a previous run is never shown again', async () => {
      const f = await mountFlow('faceio-authenticate');
      await f.goTo('pin');
      await type('4831');
      await press('Enter');
      await f.waitPhase('reply');
      await f.node({
        type: 'REPLY.VERDICT',
        ok: false,
        error: { code: FIO_ERROR_CODES.NETWORK_IO, name: 'NETWORK_IO', message: 'gone', retryable: true },
      });
      await press('Tab');
      expect(f.focused()?.text).to.equal('Try again');
      await press('Enter');
      await f.waitPhase('permission');
      await f.camera({ type: 'PERMISSION.GRANTED' });
      await f.node({ type: 'SCAN.PROGRESS', event: 'need-more-frames', accepted: 3, needed: 3 });
      await f.node(pinRequired('faceio-authenticate'));
      expect(f.digits()).to.deep.equal(['', '', '', '']);
    });

    for (const stage of ['permission', 'terms', 'scan', 'pin'] as const satisfies readonly Stage[]) {
      it(`Escape closes a running flow (${stage}): ABORTED_BY_USER (23), focus on the failure, "Try again" restarts`, async () => {
        const f = await mountFlow('faceio-enroll');
        await f.goTo(stage);
        await press('Escape');
        await f.waitPhase('failed');
        expect(fatalErrors(f).map((e) => [e.detail['code'], e.detail['name'], e.detail['retryable']])).to.deep.equal([[23, 'ABORTED_BY_USER', true]]);
        const log = f.fake.log;
        expect(log.cameraStops, 'the camera is closed').to.equal(1);
        expect(log.streamStops, 'the node session is cancelled').to.equal(log.streamStarts);
        expect(focusedPart(f)).to.equal('heading');
        await press('Tab');
        expect(f.focused()?.text).to.equal('Try again');
        await press('Enter');
        await f.waitPhase('permission');
      });
    }

    it('Escape does nothing at rest or after the end', async () => {
      const f = await mountFlow('faceio-authenticate');
      await press('Tab');
      await press('Escape');
      expect(f.phase).to.equal('idle');
      await f.goTo('done');
      await press('Escape');
      expect(f.phase).to.equal('done');
      expect(f.eventsOf('faceio-error')).to.deep.equal([]);
    });

    it('the close button ends the run like Escape', async () => {
      const f = await mountFlow('faceio-authenticate');
      await f.goTo('scan');
      await click(f.part('close-button'));
      await f.waitPhase('failed');
      expect(fatalErrors(f).map((e) => e.detail['code'])).to.deep.equal([23]);
    });
  });

  describe('parts and custom properties', () => {
    let manifest: { modules: Array<{ declarations?: Array<{ tagName?: string; cssParts?: Array<{ name: string }> }> }> };
    before(async () => {
      const response = await fetch(new URL('../../custom-elements.json', import.meta.url));
      manifest = (await response.json()) as typeof manifest;
    });
    const documentedParts = (tag: ElementTag): string[] =>
      manifest.modules
        .flatMap((m) => m.declarations ?? [])
        .find((d) => d.tagName === tag)
        ?.cssParts?.map((p) => p.name) ?? [];

    for (const tag of ['faceio-enroll', 'faceio-authenticate'] as const) {
      it(`<${tag}>: every documented part is rendered in some phase, and every rendered part is documented`, async () => {
        const stages: Stage[] =
          tag === 'faceio-enroll' ? ['idle', 'terms', 'intro', 'scan', 'pin', 'reply', 'failed'] : ['idle', 'scan', 'pin', 'reply', 'failed'];
        const seen = new Set<string>();
        const collect = (f: Flow) =>
          f.all('[part]').forEach((p) =>
            p
              .getAttribute('part')!
              .split(/\s+/)
              .forEach((part) => seen.add(part)),
          );
        for (const stage of stages) {
          const f = await mountFlow(tag);
          await f.goTo(stage);
          // The scan also shows the liveness challenge's parts when the node asks a step.
          if (stage === 'scan') await f.node({ type: 'SCAN.CHALLENGE', steps: ['turn-left', 'blink'], index: 0, windowMs: 6000 });
          collect(f);
        }
        // The countdown with "More time" (a PIN limit under the 20 s warning) …
        let f: Flow = await mountFlow(tag, { 'pin-timeout': '15' });
        await f.goTo('pin');
        collect(f);
        // … and enrollment's "Sign in instead" after FACE_DUPLICATION.
        if (tag === 'faceio-enroll') {
          f = await mountFlow(tag, { 'sign-in-href': '/sign-in' });
          await f.goTo('reply');
          await f.node({ type: 'REPLY.VERDICT', ok: false, error: { code: 21, name: 'FACE_DUPLICATION', message: 'dup', retryable: false } });
          collect(f);
        }
        const documented = documentedParts(tag);
        expect(documented.length > 10, 'custom-elements.json lists the parts').to.equal(true);
        expect([...seen].sort()).to.deep.equal([...documented].sort());
      });
    }

    it('--faceio-* custom properties and ::part() style the element from outside', async () => {
      const theme = document.createElement('style');
      theme.textContent = `faceio-enroll.themed { --faceio-accent: rgb(1, 2, 3); --faceio-accent-contrast: rgb(250, 250, 250); --faceio-surface: rgb(240, 241, 242);
          --faceio-text: rgb(10, 11, 12); --faceio-error: rgb(140, 0, 1); --faceio-radius: 3px; --faceio-max-width: 300px; }
          faceio-enroll.themed::part(heading) { letter-spacing: 2px; }`;
      document.head.append(theme);
      try {
        let f: Flow = await mountFlow('faceio-enroll', { class: 'themed', 'user-consent': '' });
        const style = (part: string, property: string) => getComputedStyle(f.part(part)).getPropertyValue(property);
        expect(style('start-button', 'background-color')).to.equal('rgb(1, 2, 3)');
        expect(style('start-button', 'color')).to.equal('rgb(250, 250, 250)');
        expect(getComputedStyle(f.el).maxWidth).to.equal('300px');
        await f.goTo('scan');
        expect(style('base', 'background-color')).to.equal('rgb(240, 241, 242)');
        expect(style('base', 'border-top-left-radius')).to.equal('3px');
        expect(style('heading', 'color')).to.equal('rgb(10, 11, 12)');
        expect(style('heading', 'letter-spacing')).to.equal('2px');
        expect(getComputedStyle(f.root.querySelector('.bar')!).backgroundColor).to.equal('rgb(1, 2, 3)');
        f = await mountFlow('faceio-enroll', { class: 'themed' });
        await f.goTo('failed');
        expect(style('emblem', 'color'), 'the failure’s emblem').to.equal('rgb(140, 0, 1)');
        expect(style('error', 'color'), 'its text stays the readable text colour').to.equal('rgb(10, 11, 12)');
      } finally {
        theme.remove();
      }
    });
  });
});
