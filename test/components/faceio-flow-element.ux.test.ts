// Issue 14 part 1, the widget UX, in headless Chromium with fake actors: the PIN input sized from
// the application's PIN length, final screens that lead somewhere, a heading per outcome, the
// guidance line and the oval from one state, the mirrored preview, "More time" only when a limit
// is about to end, and the dark scheme (axe-clean in every phase).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FlowEvent } from '../../src/core/flow/flow.types.js';
import { openElementPage, type ElementPage, type ElementTag, type Stage } from '../helpers/element-page.js';

const pinRequired = (digits: { min: number; max: number }, enroll = false): FlowEvent => ({
  type: 'PIN.REQUIRED',
  reason: enroll ? 'enroll' : 'policy',
  digits,
  confirm: enroll,
  attemptsLeft: 3,
});
const failure = (name: string, code: number, retryable: boolean): FlowEvent =>
  ({ type: 'REPLY.VERDICT', ok: false, error: { code, name, message: 'node says', retryable } }) as FlowEvent;

describe('issue 14: widget UX (headless Chromium, fake actors)', () => {
  let h: ElementPage;
  before(async () => {
    h = await openElementPage();
    await h.page.clock.install();
  });
  after(async () => {
    await h?.close();
  });

  /** From a fresh element to the PIN step with `digits`. */
  async function toPin(tag: ElementTag, digits: { min: number; max: number }, attrs: Record<string, string> = {}): Promise<void> {
    await h.mount(tag, { 'user-consent': '', ...attrs });
    await h.goTo('scan');
    await h.node({ type: 'SCAN.PROGRESS', event: 'need-more-frames', accepted: 3, needed: 3 });
    await h.node(pinRequired(digits, tag === 'faceio-enroll'));
  }
  const boxes = () => h.element.locator('input.digit');

  describe('PIN', () => {
    test('a fixed length gets exactly that many labelled boxes and says the length; autofill fills them all', async () => {
      await toPin('faceio-authenticate', { min: 6, max: 6 });
      assert.equal(await boxes().count(), 6);
      assert.equal((await h.part('status').textContent())?.trim(), 'Enter your 6-digit PIN.');
      assert.equal(await h.liveRegion(), 'Enter your 6-digit PIN.');
      assert.equal(await boxes().nth(5).getAttribute('aria-label'), 'Digit 6 of 6');
      assert.equal(await boxes().first().getAttribute('autocomplete'), 'one-time-code');
      assert.equal(await boxes().first().getAttribute('maxlength'), '6', 'the first box takes a whole one-time code');
      await h.typePin('482913'); // what autofill does: the whole code into the first box
      assert.deepEqual(await boxes().evaluateAll((all) => all.map((b) => (b as HTMLInputElement).value)), ['4', '8', '2', '9', '1', '3']);
      await h.clickPart('primary-button');
      assert.deepEqual((await h.fakeLog()).commands, [{ type: 'pin', pin: '482913' }]);
    });

    test('a range gets one field, labelled with the range; paste and Enter submit', async () => {
      await toPin('faceio-enroll', { min: 4, max: 8 });
      assert.equal(await boxes().count(), 1);
      const field = boxes().first();
      assert.equal(await field.getAttribute('aria-label'), 'PIN code, 4 to 8 digits');
      assert.equal(await field.getAttribute('autocomplete'), 'one-time-code');
      assert.equal(await field.getAttribute('maxlength'), '8');
      assert.equal(
        (await h.part('status').textContent())?.trim(),
        'Choose a PIN of 4 to 8 digits. You will need it if your face alone is not enough.',
      );
      await h.page.keyboard.type('12');
      assert.equal(await h.part('primary-button').isEnabled(), false, 'under the minimum');
      await h.page.evaluate(() => {
        const target = document.querySelector('faceio-enroll')!.shadowRoot!.activeElement!;
        const data = new DataTransfer();
        data.setData('text/plain', '2580 1234 99');
        target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, composed: true }));
      });
      await h.page.evaluate(() => window.elements.settle());
      assert.equal(await field.inputValue(), '25801234', 'digits only, at most 8');
      await h.page.keyboard.press('Enter');
      await h.page.evaluate(() => window.elements.settle());
      assert.equal((await h.part('status').textContent())?.trim(), 'Type the same PIN again to confirm it.');
    });

    test('eight boxes fit the card at 320 px, and nothing runs off the screen', async () => {
      await h.page.setViewportSize({ width: 320, height: 640 });
      try {
        await toPin('faceio-enroll', { min: 8, max: 8 });
        const fit = await h.element.evaluate((el) => {
          const root = el.shadowRoot!;
          const group = root.querySelector<HTMLElement>('[part~="pin-input"]')!;
          const rights = [...root.querySelectorAll('input.digit, [part~="status"], .base')].map((e) => e.getBoundingClientRect().right);
          return { overflow: group.scrollWidth - group.clientWidth, right: Math.max(...rights), page: document.documentElement.scrollWidth };
        });
        assert.equal(fit.overflow, 0);
        assert.ok(fit.right <= 320, `rightmost edge ${fit.right}`);
        assert.ok(fit.page <= 320, `page width ${fit.page}`);
        assert.deepEqual(await h.axe(), []);
      } finally {
        await h.page.setViewportSize({ width: 1280, height: 720 });
      }
    });

    test('the progress reaches 100 % when the PIN is asked for, even after 2 of 3', async () => {
      await h.mount('faceio-authenticate');
      await h.goTo('scan');
      await h.node({ type: 'SCAN.PROGRESS', event: 'need-more-frames', accepted: 2, needed: 3 });
      await h.node(pinRequired({ min: 4, max: 4 }));
      const last = (await h.events('faceio-progress')).at(-1)!;
      assert.deepEqual([last.phase, last.detail['progress']], ['pin', 1]);
      assert.equal((await h.part('scan-complete').textContent())?.trim(), 'Face scan complete');
    });
  });

  describe('final screens', () => {
    test('a heading per outcome, for each success and each failure', async () => {
      const headings: string[] = [];
      await h.mount('faceio-enroll');
      await h.goTo('done');
      headings.push((await h.part('heading').textContent())!.trim());
      await h.mount('faceio-authenticate');
      await h.goTo('done');
      headings.push((await h.part('heading').textContent())!.trim());
      for (const [name, code] of [
        ['UNRECOGNIZED_FACE', 3],
        ['NETWORK_IO', 7],
        ['PAD_ATTACK', 5],
      ] as const) {
        await h.mount('faceio-authenticate');
        await h.goTo('reply');
        await h.node(failure(name, code, name !== 'PAD_ATTACK'));
        headings.push((await h.part('heading').textContent())!.trim());
      }
      assert.deepEqual(headings, ['Enrollment complete', 'Signed in', 'Face not recognized', 'Connection lost', 'Live person not confirmed']);
    });

    test('every final screen has an action; Close fires faceio-close and returns to rest, unless the host keeps it', async () => {
      await h.mount('faceio-authenticate');
      await h.goTo('done');
      await h.element.getByRole('button', { name: 'Close' }).click();
      await h.waitPhase('idle');
      const closes = await h.events('faceio-close');
      assert.deepEqual(
        closes.map((e) => e.detail),
        [{ op: 'authenticate', phase: 'done', error: null }],
      );
      assert.ok(closes[0]!.bubbles && closes[0]!.composed);
      assert.equal(await h.part('start-button').count(), 1, 'the start button again');

      await h.mount('faceio-authenticate');
      await h.page.evaluate(() => document.querySelector('faceio-authenticate')!.addEventListener('faceio-close', (e) => e.preventDefault()));
      await h.goTo('failed'); // PAD_ATTACK: not retryable, Close is the one action
      const actions = await h.element.locator('.actions button, .actions a').allTextContents();
      assert.deepEqual(
        actions.map((t) => t.trim()),
        ['Close'],
      );
      await h.clickPart('primary-button');
      assert.equal(await h.phase(), 'failed', 'prevented: the outcome stays');
    });

    test('retryable: "Try again" and Close; no-retry leaves Close alone', async () => {
      await h.mount('faceio-authenticate');
      await h.goTo('reply');
      await h.node(failure('UNRECOGNIZED_FACE', 3, true));
      assert.deepEqual(
        (await h.element.locator('.actions button').allTextContents()).map((t) => t.trim()),
        ['Try again', 'Close'],
      );
      await h.mount('faceio-authenticate', { 'no-retry': '' });
      await h.goTo('reply');
      await h.node(failure('UNRECOGNIZED_FACE', 3, true));
      assert.deepEqual(
        (await h.element.locator('.actions button').allTextContents()).map((t) => t.trim()),
        ['Close'],
      );
    });

    test('FACE_DUPLICATION: "Sign in instead" links to sign-in-href, after a cancelable faceio-sign-in-request', async () => {
      await h.mount('faceio-enroll', { 'user-consent': '' });
      await h.goTo('reply');
      await h.node(failure('FACE_DUPLICATION', 21, false));
      assert.equal(await h.part('sign-in-button').count(), 0, 'no link, no handler: not offered');

      await h.mount('faceio-enroll', { 'user-consent': '', 'sign-in-href': '#signed-in' });
      await h.goTo('reply');
      await h.node(failure('FACE_DUPLICATION', 21, false));
      assert.equal((await h.part('heading').textContent())?.trim(), 'Already enrolled');
      const link = h.part('sign-in-button');
      assert.equal(await link.getAttribute('href'), '#signed-in');
      await link.click();
      assert.equal(await h.page.evaluate(() => location.hash), '#signed-in');
      assert.deepEqual(
        (await h.events('faceio-sign-in-request')).map((e) => e.detail),
        [{ href: '#signed-in' }],
      );

      await h.page.evaluate(() => (location.hash = ''));
      await h.mount('faceio-enroll', { 'user-consent': '', 'sign-in-href': '#elsewhere' });
      await h.page.evaluate(() => document.querySelector('faceio-enroll')!.addEventListener('faceio-sign-in-request', (e) => e.preventDefault()));
      await h.goTo('reply');
      await h.node(failure('FACE_DUPLICATION', 21, false));
      await h.part('sign-in-button').click();
      assert.equal(await h.page.evaluate(() => location.hash), '', 'a single-page app routes itself');

      await h.mount('faceio-enroll', { 'user-consent': '', 'sign-in': '' });
      await h.goTo('reply');
      await h.node(failure('FACE_DUPLICATION', 21, false));
      assert.equal(await h.part('sign-in-button').evaluate((el) => el.localName), 'button', 'without a link: a button for the handler');
    });
  });

  describe('the FaceIO modal', () => {
    const dialogOpen = () => h.page.evaluate(() => document.querySelector('dialog.openfaceio-modal') !== null);
    const outcome = () => h.page.evaluate(() => window.elements.faceioOutcome());

    test('a failure rejects at once and stays to be read, with Close only (the call has settled); Close closes the modal', async () => {
      await h.page.evaluate(() => window.elements.faceio('authenticate', {}));
      await h.camera({ type: 'PERMISSION.GRANTED' });
      await h.node({ type: 'SCAN.PROGRESS', event: 'need-more-frames', accepted: 3, needed: 3 });
      await h.node(failure('UNRECOGNIZED_FACE', 3, true));
      assert.deepEqual(await outcome(), { code: 3 });
      await h.page.clock.fastForward(5_000);
      assert.equal(await dialogOpen(), true, 'still there to be read');
      const actions = h.page.locator('dialog faceio-authenticate .actions button');
      assert.deepEqual(
        (await actions.allTextContents()).map((t) => t.trim()),
        ['Close'],
      );
      await actions.first().click();
      assert.equal(await dialogOpen(), false);
    });

    test('a success closes by itself after closeDelayMs; Escape mid-run closes at once with ABORTED_BY_USER', async () => {
      await h.page.evaluate(() => window.elements.faceio('authenticate', {}));
      await h.camera({ type: 'PERMISSION.GRANTED' });
      await h.node({ type: 'SCAN.PROGRESS', event: 'need-more-frames', accepted: 3, needed: 3 });
      await h.node({ type: 'REPLY.VERDICT', ok: true, result: { facialId: 'fid-1', payload: null } } as FlowEvent);
      assert.deepEqual(await outcome(), { result: { facialId: 'fid-1', payload: null } });
      assert.equal(await dialogOpen(), true);
      await h.page.clock.fastForward(1_300);
      assert.equal(await dialogOpen(), false);

      await h.page.evaluate(() => window.elements.faceio('enroll', {}));
      await h.camera({ type: 'PERMISSION.GRANTED' });
      await h.page.keyboard.press('Escape');
      await h.page.waitForFunction(() => document.querySelector('dialog.openfaceio-modal') === null);
      assert.deepEqual(await outcome(), { code: 23 });
    });
  });

  describe('scan', () => {
    test('the guidance line and the oval read one state: never a green oval under "Looking for your face…"', async () => {
      await h.mount('faceio-authenticate');
      await h.goTo('permission');
      await h.camera({ type: 'PERMISSION.GRANTED' });
      const seen = async () => ({
        text: (await h.part('status').textContent())?.trim(),
        line: await h.part('status').getAttribute('data-tone'),
        oval: await h.part('overlay').getAttribute('data-tone'),
      });
      assert.deepEqual(await seen(), { text: 'Looking for your face…', line: 'idle', oval: 'idle' });
      await h.camera({ type: 'SCAN.GUIDANCE', hint: 'good', faces: 1 });
      assert.deepEqual(await seen(), { text: 'Scanning, hold still…', line: 'good', oval: 'good' });
      await h.camera({ type: 'SCAN.GUIDANCE', hint: 'many-faces', faces: 2 });
      assert.deepEqual(await seen(), { text: 'Only one face, please: make sure you are alone.', line: 'warn', oval: 'warn' });
    });

    test('the preview and its overlay are mirrored together; the oval sits on the tracked face', async () => {
      await h.mount('faceio-authenticate');
      await h.goTo('scan');
      const transform = (part: string) => h.part(part).evaluate((el) => getComputedStyle(el).transform);
      assert.equal(await transform('video'), 'matrix(-1, 0, 0, 1, 0, 0)');
      assert.equal(await transform('overlay'), 'matrix(-1, 0, 0, 1, 0, 0)');
      const centred = await h.element.locator('.oval').evaluate((el) => [el.getAttribute('cx'), el.getAttribute('cy')]);
      assert.deepEqual(centred, ['320', '240'], 'no face yet: centred in the frame');
      const face = { x: 0.55, y: 0.2, width: 0.2, height: 0.3, frame: { width: 1280, height: 720 } };
      await h.camera({ type: 'SCAN.GUIDANCE', hint: 'good', faces: 1, face } as FlowEvent);
      assert.equal(await h.part('overlay').getAttribute('viewBox'), '0 0 1280 720', 'the frame’s own pixels');
      const cx = Number(await h.element.locator('.oval').getAttribute('cx'));
      assert.equal(cx, (0.55 + 0.1) * 1280);
    });
  });

  describe('"More time"', () => {
    test('only in the last 20 s of a limit, with the time left announced once, politely', async () => {
      await h.mount('faceio-authenticate', { 'pin-timeout': '60' });
      await h.goTo('pin');
      const timerRegion = () => h.element.evaluate((el) => el.shadowRoot!.querySelectorAll('[aria-live="polite"]')[1]!.textContent!.trim());
      assert.equal(await h.element.getByRole('button', { name: 'More time' }).count(), 0, 'not at the start of a 60 s limit');
      assert.equal(await timerRegion(), '');
      await h.page.clock.fastForward(40_500);
      await h.page.evaluate(() => window.elements.settle());
      assert.equal(await h.element.getByRole('button', { name: 'More time' }).count(), 1);
      assert.match((await h.part('timer').textContent()) ?? '', /Time left: (19|20) seconds\./);
      const announced = await timerRegion();
      assert.match(announced, /^Time left: (19|20) seconds\.$/);
      await h.page.clock.fastForward(5_000);
      await h.page.evaluate(() => window.elements.settle());
      assert.match((await h.part('timer').textContent()) ?? '', /Time left: 1[45] seconds\./, 'the visible count goes on');
      assert.equal(await timerRegion(), announced, 'the live region does not tick');
      await h.element.getByRole('button', { name: 'More time' }).click();
      assert.equal(await h.element.getByRole('button', { name: 'More time' }).count(), 0, 'extended: the full limit again');
      assert.equal(await h.phase(), 'pin');
    });

    test('the terms: one primary and one secondary action, no close button, no "More time" until the end nears', async () => {
      await h.mount('faceio-enroll');
      await h.goTo('terms');
      const buttons = await h.element.locator('button').allTextContents();
      assert.deepEqual(
        buttons.map((t) => t.trim()),
        ['I agree', 'Decline'],
      );
    });
  });

  describe('dark scheme', () => {
    const stages: Record<ElementTag, Stage[]> = {
      'faceio-enroll': ['idle', 'permission', 'terms', 'intro', 'scan', 'pin', 'pin-problem', 'reply', 'done', 'failed'],
      'faceio-authenticate': ['scan', 'pin-problem', 'done', 'failed'],
    };
    test('follows prefers-color-scheme (theme pins it), axe-clean in every phase', async () => {
      await h.page.emulateMedia({ colorScheme: 'dark' });
      try {
        for (const [tag, list] of Object.entries(stages) as Array<[ElementTag, Stage[]]>) {
          for (const stage of list) {
            await h.mount(tag);
            await h.goTo(stage);
            assert.deepEqual(await h.axe(), [], `${tag} ${stage} (dark)`);
            if (stage !== 'idle') assert.equal(await h.part('base').evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(29, 30, 36)');
          }
        }
        await h.mount('faceio-authenticate', { theme: 'light' });
        await h.goTo('scan');
        assert.equal(await h.part('base').evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(255, 255, 255)', 'theme="light" pins it');
      } finally {
        await h.page.emulateMedia({ colorScheme: null });
      }
      await h.mount('faceio-authenticate', { theme: 'dark' });
      await h.goTo('scan');
      assert.equal(await h.part('base').evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(29, 30, 36)', 'theme="dark" in a light system');
    });
  });
});
