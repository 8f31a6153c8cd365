// <faceio-enroll> and <faceio-authenticate> in headless Chromium with fake camera and node actors:
// properties/attributes, events, keyboard, parts and custom properties (CONVENTIONS.md habit 11;
// accessibility has its own file). Time limits run on Playwright's fake clock.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { FIO_ERROR_CODES, type FioErrorName } from '../../src/core/errors.js';
import { errorText } from '../../src/components/shared/messages.js';
import {
  AUTH_RESULT,
  ENROLL_RESULT,
  PAD_ERROR,
  openElementPage,
  pinRequired,
  type ElementPage,
  type ElementTag,
  type Stage,
} from '../helpers/element-page.js';

/** The English text the element shows and puts in faceio-error's `message`: the one localized table, in the source locale. */
const userMessage = (name: FioErrorName): string => errorText(name);

describe('faceio flow elements (headless Chromium, fake actors)', () => {
  let h: ElementPage;
  before(async () => {
    h = await openElementPage();
    // Timers scheduled from now on (the machine's phase limits) follow the fake clock; it runs in real time until told otherwise.
    await h.page.clock.install();
  });
  after(async () => {
    await h?.close();
  });

  const phases = async () => (await h.events('faceio-phase-change')).map((e) => e.detail['phase']);
  const fatalErrors = async () => (await h.events('faceio-error')).filter((e) => e.detail['fatal'] === true);

  describe('properties and attributes', () => {
    test('idle-timeout: the scan ends with NO_FACES_DETECTED after the given seconds, not the default 27', async () => {
      await h.mount('faceio-authenticate', { 'idle-timeout': '12' });
      await h.goTo('permission');
      await h.camera({ type: 'PERMISSION.GRANTED' });
      assert.equal(await h.phase(), 'scan');
      await h.page.clock.fastForward(11_500);
      assert.equal(await h.phase(), 'scan');
      await h.page.clock.fastForward(1_000);
      await h.waitPhase('failed');
      assert.deepEqual(
        (await fatalErrors()).map((e) => e.detail['name']),
        ['NO_FACES_DETECTED'],
      );

      await h.mount('faceio-authenticate');
      await h.goTo('permission');
      await h.camera({ type: 'PERMISSION.GRANTED' });
      await h.page.clock.fastForward(26_000);
      assert.equal(await h.phase(), 'scan', 'without the attribute the default (27 s) applies');
      await h.page.clock.fastForward(1_500);
      await h.waitPhase('failed');
    });

    test('pin-timeout and "More time": the limit restarts when extended', async () => {
      await h.mount('faceio-authenticate', { 'pin-timeout': '20' });
      await h.goTo('pin');
      await h.page.clock.fastForward(15_000);
      await h.element.getByRole('button', { name: 'More time' }).click();
      await h.page.clock.fastForward(15_000);
      assert.equal(await h.phase(), 'pin', '30 s after the PIN was asked, 15 s after "More time"');
      await h.page.clock.fastForward(6_000);
      await h.waitPhase('failed');
      assert.deepEqual(
        (await fatalErrors()).map((e) => e.detail['name']),
        ['TIMEOUT'],
      );
    });

    test('user-consent skips the terms', async () => {
      await h.mount('faceio-enroll', { 'user-consent': '' });
      await h.goTo('intro');
      assert.deepEqual(await phases(), ['permission', 'intro']);
    });

    test('payload (JSON attribute), locale and op reach the scan stream actor; the camera gets the op', async () => {
      await h.mount('faceio-enroll', { payload: '{"user":"ada","plan":{"tier":2}}', locale: 'fr', 'user-consent': '' });
      await h.goTo('scan');
      const log = await h.fakeLog();
      assert.deepEqual(log.streamInputs, [{ op: 'enroll', payload: { user: 'ada', plan: { tier: 2 } }, locale: 'fr' }]);
      assert.deepEqual(log.cameraInputs, [{ op: 'enroll' }]);

      await h.mount('faceio-enroll', { payload: 'not json', 'user-consent': '' });
      await h.goTo('scan');
      assert.deepEqual(
        (await h.fakeLog()).streamInputs,
        [{ op: 'enroll', payload: 'not json', locale: 'auto' }],
        'a non-JSON payload is passed as the string',
      );
    });

    test('locale auto: the node negotiates from Accept-Language; <html lang> wins only with locale="page" (issue 12)', async () => {
      await h.page.evaluate(() => (document.documentElement.lang = 'de'));
      try {
        await h.mount('faceio-authenticate');
        await h.goTo('scan');
        assert.equal((await h.fakeLog()).streamInputs[0]?.locale, 'auto', 'auto is sent as auto');
        assert.equal(await h.part('base').getAttribute('lang'), 'en', 'the texts follow the browser’s languages, not the page');
        await h.mount('faceio-authenticate', { locale: 'page' });
        await h.goTo('scan');
        assert.equal((await h.fakeLog()).streamInputs[0]?.locale, 'de');
      } finally {
        await h.page.evaluate(() => (document.documentElement.lang = ''));
      }
    });

    test('a payload over 16 KB fails with PAYLOAD_REFUSED before the camera is asked for (issue 12)', async () => {
      await h.mount('faceio-enroll', { payload: JSON.stringify({ notes: 'x'.repeat(17_000) }), 'user-consent': '' });
      await h.start();
      await h.waitPhase('failed');
      assert.deepEqual(
        (await fatalErrors()).map((e) => e.detail['name']),
        ['PAYLOAD_REFUSED'],
      );
      assert.deepEqual((await h.fakeLog()).cameraInputs, [], 'the camera was never asked for');
    });

    test('attributes are read at start: a payload changed after mounting is the one sent', async () => {
      await h.mount('faceio-enroll', { payload: '{"v":1}', 'user-consent': '' });
      await h.page.evaluate(() => document.querySelector('faceio-enroll')!.setAttribute('payload', '{"v":2}'));
      await h.goTo('scan');
      assert.deepEqual((await h.fakeLog()).streamInputs[0]?.payload, { v: 2 });
    });

    test('authenticate: facial-id (1:1) and check="liveness" reach the actors; the start label follows the check', async () => {
      await h.mount('faceio-authenticate', { 'facial-id': 'fid-0001' });
      await h.goTo('scan');
      assert.deepEqual((await h.fakeLog()).streamInputs, [{ op: 'authenticate', facialId: 'fid-0001', locale: 'auto' }]);

      await h.mount('faceio-authenticate', { check: 'liveness' });
      assert.equal((await h.part('start-button').textContent())?.trim(), 'Start the liveness check');
      await h.goTo('scan');
      const log = await h.fakeLog();
      assert.deepEqual(log.cameraInputs, [{ op: 'liveness' }]);
      assert.deepEqual(log.streamInputs, [{ op: 'liveness', locale: 'auto' }]);
    });

    test('autostart starts the run without the button', async () => {
      await h.mount('faceio-enroll', { autostart: '' });
      assert.equal(await h.phase(), 'permission');
      assert.equal((await h.fakeLog()).cameraStarts, 1);
    });

    test('phase and result: the getters follow the run', async () => {
      await h.mount('faceio-enroll');
      assert.equal(await h.phase(), 'idle');
      assert.equal(await h.page.evaluate(() => document.querySelector('faceio-enroll')!.result), null);
      await h.goTo('done');
      assert.deepEqual(await h.page.evaluate(() => document.querySelector('faceio-enroll')!.result), ENROLL_RESULT);
    });

    test('removing the element mid-run stops the camera and the node session', async () => {
      await h.mount('faceio-authenticate');
      await h.goTo('scan');
      await h.page.evaluate(() => document.querySelector('faceio-authenticate')!.remove());
      const log = await h.fakeLog();
      assert.deepEqual([log.cameraStarts, log.cameraStops, log.streamStarts, log.streamStops], [1, 1, 1, 1]);
    });
  });

  describe('events', () => {
    test('faceio-phase-change: the whole enrollment, each with its previous phase and op, bubbling and composed', async () => {
      await h.mount('faceio-enroll');
      await h.goTo('pin-confirm');
      await h.typePin('4831');
      await h.clickPart('primary-button');
      await h.node({ type: 'REPLY.VERDICT', ok: true, result: ENROLL_RESULT });
      const changes = await h.events('faceio-phase-change');
      const sequence = ['permission', 'terms', 'intro', 'scan', 'reply', 'pin', 'reply', 'done'];
      assert.deepEqual(
        changes.map((e) => e.detail),
        sequence.map((phase, i) => ({ phase, previous: i === 0 ? 'idle' : sequence[i - 1], op: 'enroll' })),
      );
      assert.ok(changes.every((e) => e.bubbles && e.composed));
      assert.deepEqual((await h.fakeLog()).commands, [{ type: 'pin', pin: '4831', confirm: '4831' }]);
    });

    test('faceio-progress: progress and guidance changes during the scan, with the shown status', async () => {
      await h.mount('faceio-authenticate');
      await h.goTo('permission');
      await h.camera({ type: 'PERMISSION.GRANTED' });
      await h.camera({ type: 'SCAN.GUIDANCE', hint: 'too-dark', faces: 1 });
      await h.node({ type: 'SCAN.PROGRESS', event: 'need-more-frames', accepted: 1, needed: 4 });
      await h.node({ type: 'SCAN.PROGRESS', event: 'need-more-frames', accepted: 1, needed: 4 }); // nothing new: no event
      await h.camera({ type: 'SCAN.GUIDANCE', hint: 'good', faces: 1 });
      await h.node({ type: 'SCAN.PROGRESS', event: 'need-more-frames', accepted: 2, needed: 4 });
      const progress = (await h.events('faceio-progress')).map((e) => e.detail);
      assert.deepEqual(progress, [
        { progress: 0, guidance: null, statusKey: 'scan.looking', status: 'Looking for your face…' },
        { progress: 0, guidance: 'too-dark', statusKey: 'scan.too-dark', status: 'Too dark: find more light.' },
        { progress: 0.25, guidance: 'too-dark', statusKey: 'scan.too-dark', status: 'Too dark: find more light.' },
        { progress: 0.25, guidance: 'good', statusKey: 'scan.need-more-frames', status: 'Scanning, hold still…' },
        { progress: 0.5, guidance: 'good', statusKey: 'scan.need-more-frames', status: 'Scanning, hold still…' },
      ]);
      assert.equal((await h.part('status').textContent())?.trim(), 'Scanning, hold still…');
    });

    for (const [tag, result] of [
      ['faceio-enroll', ENROLL_RESULT],
      ['faceio-authenticate', AUTH_RESULT],
    ] as const) {
      test(`<${tag}> faceio-complete: once, with the node's result`, async () => {
        await h.mount(tag);
        await h.goTo('done');
        const complete = await h.events('faceio-complete');
        assert.deepEqual(
          complete.map((e) => e.detail),
          [{ op: tag === 'faceio-enroll' ? 'enroll' : 'authenticate', result }],
        );
        assert.ok(complete[0]!.bubbles && complete[0]!.composed);
        assert.deepEqual(await h.events('faceio-error'), []);
      });
    }

    test('faceio-error: a fatal verdict gives {code, name, message, retryable, fatal, detail}, once', async () => {
      await h.mount('faceio-authenticate');
      await h.goTo('failed');
      const errors = await h.events('faceio-error');
      assert.deepEqual(
        errors.map((e) => e.detail),
        [
          {
            code: FIO_ERROR_CODES.PAD_ATTACK,
            name: 'PAD_ATTACK',
            message: userMessage('PAD_ATTACK'),
            retryable: false,
            fatal: true,
            detail: PAD_ERROR.message,
          },
        ],
      );
      assert.deepEqual(await h.events('faceio-complete'), []);
    });

    test('start() while busy: a non-fatal SESSION_IN_PROGRESS (20) and the run goes on to the end', async () => {
      await h.mount('faceio-enroll');
      await h.goTo('scan');
      await h.start();
      assert.equal(await h.phase(), 'scan');
      assert.deepEqual(
        (await h.events('faceio-error')).map((e) => e.detail),
        [{ code: 20, name: 'SESSION_IN_PROGRESS', message: userMessage('SESSION_IN_PROGRESS'), retryable: true, fatal: false }],
      );
      await h.node({ type: 'SCAN.PROGRESS', event: 'need-more-frames', accepted: 3, needed: 3 });
      await h.node({ type: 'REPLY.VERDICT', ok: true, result: ENROLL_RESULT });
      assert.equal(await h.phase(), 'done');
      assert.equal((await h.events('faceio-complete')).length, 1);
      assert.equal((await h.fakeLog()).cameraStarts, 1, 'the second start() opened no second camera');
    });

    test('a non-fatal UNIQUE_PIN_REQUIRED keeps the PIN phase and says why', async () => {
      await h.mount('faceio-enroll');
      await h.goTo('pin-confirm');
      await h.typePin('4831');
      await h.clickPart('primary-button');
      await h.node({
        type: 'PIN.REJECTED',
        reason: 'not-unique',
        attemptsLeft: 3,
        error: { code: FIO_ERROR_CODES.UNIQUE_PIN_REQUIRED, name: 'UNIQUE_PIN_REQUIRED', message: 'pin taken', retryable: true },
      });
      assert.equal(await h.phase(), 'pin');
      const errors = (await h.events('faceio-error')).map((e) => e.detail);
      assert.deepEqual(errors, [
        { code: 19, name: 'UNIQUE_PIN_REQUIRED', message: userMessage('UNIQUE_PIN_REQUIRED'), retryable: true, fatal: false, detail: 'pin taken' },
      ]);
      // The problem is an alert under the boxes; the instruction (with the PIN's length) stays.
      assert.equal((await h.part('error').textContent())?.trim(), userMessage('UNIQUE_PIN_REQUIRED'));
      assert.equal(await h.part('error').getAttribute('role'), 'alert');
      assert.equal((await h.part('status').textContent())?.trim(), 'Choose your 4-digit PIN. You will need it if your face alone is not enough.');
    });

    test('start() after a failure restarts the run (a new camera)', async () => {
      await h.mount('faceio-authenticate');
      await h.goTo('failed');
      await h.start();
      assert.equal(await h.phase(), 'permission');
      assert.deepEqual((await phases()).slice(-2), ['failed', 'permission']);
      assert.equal((await h.fakeLog()).cameraStarts, 2);
    });
  });

  describe('keyboard', () => {
    const focusedPart = async () => (await h.focused())?.part ?? null;
    const focusedIndex = async () => (await h.focused())?.index ?? null;
    const digits = () => h.element.locator('input.digit').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    const paste = (text: string) =>
      h.page.evaluate((t) => {
        const target = document.querySelector('faceio-enroll')!.shadowRoot!.activeElement!;
        const data = new DataTransfer();
        data.setData('text/plain', t);
        target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, composed: true }));
      }, text);

    test('the whole enrollment with the keyboard only: Tab/Enter/Space, PIN typed, Backspace, paste, Enter', async () => {
      await h.mount('faceio-enroll');
      await h.page.locator('body').focus();
      await h.page.keyboard.press('Tab');
      assert.equal(await focusedPart(), 'primary-button start-button');
      await h.page.keyboard.press('Enter');
      await h.waitPhase('permission');
      await h.camera({ type: 'PERMISSION.GRANTED' });
      assert.equal(await focusedPart(), 'heading');
      await h.page.keyboard.press('Tab');
      assert.equal(await focusedPart(), 'terms', 'the terms box can be scrolled with the keyboard');
      await h.page.keyboard.press('Tab');
      assert.equal((await h.focused())?.text, 'I agree');
      await h.page.keyboard.press('Space');
      await h.waitPhase('intro');
      // The header's close button, then the introduction's countdown ("More time": its 12 s are always
      // under the 20 s warning), then the primary action.
      const order: string[] = [];
      for (let i = 0; i < 3; i++) {
        await h.page.keyboard.press('Tab');
        order.push((await h.focused())?.part ?? '');
      }
      assert.deepEqual(order, ['close-button', 'secondary-button extend-button', 'primary-button']);
      assert.equal((await h.focused())?.text, 'Start the scan');
      await h.page.keyboard.press('Enter');
      await h.waitPhase('scan');
      await h.camera({ type: 'SCAN.GUIDANCE', hint: 'good', faces: 1 });
      await h.node({ type: 'SCAN.PROGRESS', event: 'need-more-frames', accepted: 3, needed: 3 });
      await h.node(pinRequired('faceio-enroll'));
      assert.equal(await focusedIndex(), '0');

      // Digit by digit, focus advancing; Backspace in an empty box clears the one before and goes back.
      await h.page.keyboard.type('48');
      assert.equal(await focusedIndex(), '2');
      await h.page.keyboard.press('Backspace');
      assert.equal(await focusedIndex(), '1');
      assert.deepEqual(await digits(), ['4', '', '', '']);
      await h.page.keyboard.type('x'); // not a digit: ignored
      assert.deepEqual(await digits(), ['4', '', '', '']);
      await h.page.keyboard.type('831');
      assert.deepEqual(await digits(), ['4', '8', '3', '1']);
      assert.equal(await focusedIndex(), '3');
      await h.page.keyboard.press('Enter');
      await h.page.evaluate(() => window.elements.settle());
      assert.equal((await h.part('status').textContent())?.trim(), 'Type the same PIN again to confirm it.');
      assert.equal(await focusedIndex(), '0', 'the confirmation starts in the first box');

      // The confirmation pasted: every box filled, focus on the last one, Enter submits.
      await paste('48-31');
      await h.page.evaluate(() => window.elements.settle());
      assert.deepEqual(await digits(), ['4', '8', '3', '1']);
      assert.equal(await focusedIndex(), '3');
      await h.page.keyboard.press('Enter');
      await h.waitPhase('reply');
      assert.deepEqual((await h.fakeLog()).commands, [{ type: 'pin', pin: '4831', confirm: '4831' }]);
      assert.equal(await focusedPart(), 'heading');
      await h.node({ type: 'REPLY.VERDICT', ok: true, result: ENROLL_RESULT });
      assert.equal(await h.phase(), 'done');
      assert.equal((await h.events('faceio-complete')).length, 1);
    });

    test('PIN: arrows move between boxes; Tab reaches Confirm once the PIN is complete, and focus stays in the boxes after it', async () => {
      await h.mount('faceio-enroll', { 'user-consent': '' });
      await h.goTo('pin');
      await h.page.keyboard.type('12');
      await h.page.keyboard.press('ArrowLeft');
      assert.equal(await focusedIndex(), '1');
      await h.page.keyboard.press('ArrowLeft');
      await h.page.keyboard.press('ArrowLeft'); // stays on the first
      assert.equal(await focusedIndex(), '0');
      await h.page.keyboard.press('ArrowRight');
      await h.page.keyboard.press('ArrowRight');
      assert.equal(await focusedIndex(), '2');
      await h.page.keyboard.type('34');
      assert.equal(await h.part('primary-button').isEnabled(), true);
      await h.page.keyboard.press('Tab');
      assert.equal((await h.focused())?.text, 'Confirm');
      await h.page.keyboard.press('Enter');
      await h.page.evaluate(() => window.elements.settle());
      // The pressed button is disabled again (empty boxes): focus must not fall to <body>.
      assert.equal(await focusedIndex(), '0');
      assert.equal(await h.part('primary-button').isEnabled(), false);
    });

    test('a PIN from a previous run is never shown again', async () => {
      await h.mount('faceio-authenticate');
      await h.goTo('pin');
      await h.page.keyboard.type('4831');
      await h.page.keyboard.press('Enter');
      await h.waitPhase('reply');
      await h.node({
        type: 'REPLY.VERDICT',
        ok: false,
        error: { code: FIO_ERROR_CODES.NETWORK_IO, name: 'NETWORK_IO', message: 'gone', retryable: true },
      });
      await h.page.keyboard.press('Tab');
      assert.equal((await h.focused())?.text, 'Try again');
      await h.page.keyboard.press('Enter');
      await h.waitPhase('permission');
      await h.camera({ type: 'PERMISSION.GRANTED' });
      await h.node({ type: 'SCAN.PROGRESS', event: 'need-more-frames', accepted: 3, needed: 3 });
      await h.node(pinRequired('faceio-authenticate'));
      assert.deepEqual(await digits(), ['', '', '', '']);
    });

    for (const stage of ['permission', 'terms', 'scan', 'pin'] as const satisfies readonly Stage[]) {
      test(`Escape closes a running flow (${stage}): ABORTED_BY_USER (23), focus on the failure, "Try again" restarts`, async () => {
        await h.mount('faceio-enroll');
        await h.goTo(stage);
        await h.page.keyboard.press('Escape');
        await h.waitPhase('failed');
        assert.deepEqual(
          (await fatalErrors()).map((e) => [e.detail['code'], e.detail['name'], e.detail['retryable']]),
          [[23, 'ABORTED_BY_USER', true]],
        );
        const log = await h.fakeLog();
        assert.equal(log.cameraStops, 1, 'the camera is closed');
        assert.equal(log.streamStops, log.streamStarts, 'the node session is cancelled');
        assert.equal(await focusedPart(), 'heading');
        await h.page.keyboard.press('Tab');
        assert.equal((await h.focused())?.text, 'Try again');
        await h.page.keyboard.press('Enter');
        await h.waitPhase('permission');
      });
    }

    test('Escape does nothing at rest or after the end', async () => {
      await h.mount('faceio-authenticate');
      await h.page.keyboard.press('Tab');
      await h.page.keyboard.press('Escape');
      assert.equal(await h.phase(), 'idle');
      await h.goTo('done');
      await h.page.keyboard.press('Escape');
      assert.equal(await h.phase(), 'done');
      assert.deepEqual(await h.events('faceio-error'), []);
    });

    test('the close button ends the run like Escape', async () => {
      await h.mount('faceio-authenticate');
      await h.goTo('scan');
      await h.part('close-button').click();
      await h.waitPhase('failed');
      assert.deepEqual(
        (await fatalErrors()).map((e) => e.detail['code']),
        [23],
      );
    });
  });

  describe('parts and custom properties', () => {
    const manifest = JSON.parse(readFileSync(new URL('../../custom-elements.json', import.meta.url), 'utf8')) as {
      modules: Array<{ declarations?: Array<{ tagName?: string; cssParts?: Array<{ name: string }> }> }>;
    };
    const documentedParts = (tag: ElementTag): string[] =>
      manifest.modules
        .flatMap((m) => m.declarations ?? [])
        .find((d) => d.tagName === tag)
        ?.cssParts?.map((p) => p.name) ?? [];

    for (const tag of ['faceio-enroll', 'faceio-authenticate'] as const) {
      test(`<${tag}>: every documented part is rendered in some phase, and every rendered part is documented`, async () => {
        const stages: Stage[] =
          tag === 'faceio-enroll' ? ['idle', 'terms', 'intro', 'scan', 'pin', 'reply', 'failed'] : ['idle', 'scan', 'pin', 'reply', 'failed'];
        const seen = new Set<string>();
        const collect = async () => {
          const parts = await h.element.evaluate((el) =>
            [...el.shadowRoot!.querySelectorAll('[part]')].flatMap((p) => p.getAttribute('part')!.split(/\s+/)),
          );
          for (const part of parts) seen.add(part);
        };
        for (const stage of stages) {
          await h.mount(tag);
          await h.goTo(stage);
          await collect();
        }
        // The countdown with "More time" (a PIN limit under the 20 s warning) …
        await h.mount(tag, { 'pin-timeout': '15' });
        await h.goTo('pin');
        await collect();
        // … and enrollment's "Sign in instead" after FACE_DUPLICATION.
        if (tag === 'faceio-enroll') {
          await h.mount(tag, { 'sign-in-href': '/sign-in' });
          await h.goTo('reply');
          await h.node({ type: 'REPLY.VERDICT', ok: false, error: { code: 21, name: 'FACE_DUPLICATION', message: 'dup', retryable: false } });
          await collect();
        }
        const documented = documentedParts(tag);
        assert.ok(documented.length > 10, 'custom-elements.json lists the parts');
        assert.deepEqual([...seen].sort(), [...documented].sort());
      });
    }

    test('--faceio-* custom properties and ::part() style the element from outside', async () => {
      await h.page.addStyleTag({
        content: `faceio-enroll.themed { --faceio-accent: rgb(1, 2, 3); --faceio-accent-contrast: rgb(250, 250, 250); --faceio-surface: rgb(240, 241, 242);
          --faceio-text: rgb(10, 11, 12); --faceio-error: rgb(140, 0, 1); --faceio-radius: 3px; --faceio-max-width: 300px; }
          faceio-enroll.themed::part(heading) { letter-spacing: 2px; }`,
      });
      await h.mount('faceio-enroll', { class: 'themed', 'user-consent': '' });
      const style = (part: string, property: string) => h.part(part).evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), property);
      assert.equal(await style('start-button', 'background-color'), 'rgb(1, 2, 3)');
      assert.equal(await style('start-button', 'color'), 'rgb(250, 250, 250)');
      assert.equal(await h.element.evaluate((el) => getComputedStyle(el).maxWidth), '300px');
      await h.goTo('scan');
      assert.equal(await style('base', 'background-color'), 'rgb(240, 241, 242)');
      assert.equal(await style('base', 'border-top-left-radius'), '3px');
      assert.equal(await style('heading', 'color'), 'rgb(10, 11, 12)');
      assert.equal(await style('heading', 'letter-spacing'), '2px');
      assert.equal(await h.element.locator('.bar').evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(1, 2, 3)');
      await h.mount('faceio-enroll', { class: 'themed' });
      await h.goTo('failed');
      assert.equal(await style('emblem', 'color'), 'rgb(140, 0, 1)', 'the failure’s emblem');
      assert.equal(await style('error', 'color'), 'rgb(10, 11, 12)', 'its text stays readable text colour');
    });
  });
});
