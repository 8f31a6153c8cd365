/// <reference types="mocha" />
// Issue 14 part 1, the widget UX, in the browser (web-test-runner) with fake actors: the PIN input
// sized from the application's PIN length, final screens that lead somewhere, a heading per
// outcome, the guidance line and the oval from one state, the mirrored preview, "More time" only
// when a limit is about to end, the FaceIO modal's Close, and the dark scheme (axe-clean in every
// phase).
import { expect } from '@open-wc/testing';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import type { FlowEvent } from '../../src/core/flow/flow.types.js';
import type { FaceioFlowElement } from '../../src/components/shared/faceio-flow-element.js';
import { FaceIO } from '../../src/faceio.js';
import { byRole } from '../helpers/axe.js';
import { FakeActors, mountFlow, textOf, type ElementTag, type Flow, type Stage } from '../helpers/fake-flow.js';
import { click, clock, press, type } from '../helpers/page-input.js';

const pinRequired = (digits: { min: number; max: number }, enroll = false): FlowEvent => ({
  type: 'PIN.REQUIRED',
  reason: enroll ? 'enroll' : 'policy',
  digits,
  confirm: enroll,
  attemptsLeft: 3,
});
const failure = (name: string, code: number, retryable: boolean): FlowEvent =>
  ({ type: 'REPLY.VERDICT', ok: false, error: { code, name, message: 'node says', retryable } }) as FlowEvent;
const texts = (elements: Element[]) => elements.map((e) => textOf(e));

/** From a fresh element to the PIN step with `digits`. */
async function toPin(tag: ElementTag, digits: { min: number; max: number }, attrs: Record<string, string> = {}): Promise<Flow> {
  const f: Flow = await mountFlow(tag, { 'user-consent': '', ...attrs });
  await f.goTo('scan');
  await f.node({ type: 'SCAN.PROGRESS', event: 'need-more-frames', accepted: 3, needed: 3 });
  await f.node(pinRequired(digits, tag === 'faceio-enroll'));
  return f;
}

describe('issue 14: widget UX (fake actors)', () => {
  before(async () => {
    await clock.install();
  });

  describe('PIN', () => {
    it('exactly the application’s PIN length in labelled boxes, said in words; autofill fills them all', async () => {
      const f = await toPin('faceio-authenticate', { min: 6, max: 6 });
      const boxes = f.all<HTMLInputElement>('input.digit');
      expect(boxes).to.have.length(6);
      expect(textOf(f.part('status'))).to.equal('Enter your 6-digit PIN.');
      expect(f.liveRegion()).to.equal('Enter your 6-digit PIN.');
      expect(boxes[5]!.getAttribute('aria-label')).to.equal('Digit 6 of 6');
      expect(boxes[0]!.getAttribute('autocomplete')).to.equal('one-time-code');
      expect(boxes[0]!.getAttribute('maxlength'), 'the first box takes a whole one-time code').to.equal('6');
      await f.typePin('482913'); // what autofill does: the whole code into the first box
      expect(f.digits()).to.deep.equal(['4', '8', '2', '9', '1', '3']);
      await f.clickPart('primary-button');
      expect(f.fake.log.commands).to.deep.equal([{ type: 'pin', pin: '482913' }]);
    });

    it('the node’s default (pinLength 4, ceiling 16): four boxes, not sixteen; a longer PIN adds boxes, Backspace takes them away', async () => {
      const f = await toPin('faceio-enroll', { min: 4, max: 16 });
      expect(f.all('input.digit')).to.have.length(4);
      expect(textOf(f.part('status'))).to.equal('Choose your 4-digit PIN. You will need it if your face alone is not enough.');
      await type('4831');
      await f.settle();
      expect(f.digits()).to.deep.equal(['4', '8', '3', '1']);
      expect(f.part<HTMLButtonElement>('primary-button').disabled).to.equal(false);
      await type('59');
      await f.settle();
      expect(f.digits(), 'typed past the last box: boxes are added').to.deep.equal(['4', '8', '3', '1', '5', '9']);
      expect(f.all('input.digit')[5]!.getAttribute('aria-label')).to.equal('Digit 6 of 6');
      await press('Backspace');
      await press('Backspace');
      await f.settle();
      expect(f.digits(), 'back to the app’s length').to.deep.equal(['4', '8', '3', '1']);
      await press('Backspace');
      await f.settle();
      expect(f.digits(), 'never fewer boxes than that').to.deep.equal(['4', '8', '3', '']);
      const data = new DataTransfer();
      data.setData('text/plain', '2580 1234 99');
      f.all('input.digit')[0]!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, composed: true }));
      await f.settle();
      expect(f.digits().join(''), 'a pasted PIN: digits only, all of them').to.equal('2580123499');
    });

    it('eight boxes fit the card at 320 px, and nothing runs off the screen', async () => {
      await setViewport({ width: 320, height: 640 });
      try {
        const f = await toPin('faceio-enroll', { min: 8, max: 8 });
        const group = f.part('pin-input');
        expect(group.scrollWidth - group.clientWidth).to.equal(0);
        const right = Math.max(...f.all('input.digit, [part~="status"], .base').map((e) => e.getBoundingClientRect().right));
        expect(right, `rightmost edge ${right}`).to.be.at.most(320);
        expect(document.documentElement.scrollWidth).to.be.at.most(320);
        await expect(f.el).to.be.accessible();
      } finally {
        await setViewport({ width: 800, height: 600 });
      }
    });

    it('the progress reaches 100 % when the PIN is asked for, even after 2 of 3', async () => {
      const f = await mountFlow('faceio-authenticate');
      await f.goTo('scan');
      await f.node({ type: 'SCAN.PROGRESS', event: 'need-more-frames', accepted: 2, needed: 3 });
      await f.node(pinRequired({ min: 4, max: 4 }));
      const last = f.eventsOf('faceio-progress').at(-1)!;
      expect([last.phase, last.detail['progress']]).to.deep.equal(['pin', 1]);
      expect(textOf(f.part('scan-complete'))).to.equal('Face scan complete');
    });
  });

  describe('final screens', () => {
    it('a heading per outcome, for each success and each failure', async () => {
      const headings: string[] = [];
      for (const tag of ['faceio-enroll', 'faceio-authenticate'] as const) {
        const f = await mountFlow(tag);
        await f.goTo('done');
        headings.push(textOf(f.part('heading')));
      }
      for (const [name, code] of [
        ['UNRECOGNIZED_FACE', 3],
        ['NETWORK_IO', 7],
        ['PAD_ATTACK', 5],
      ] as const) {
        const f = await mountFlow('faceio-authenticate');
        await f.goTo('reply');
        await f.node(failure(name, code, name !== 'PAD_ATTACK'));
        headings.push(textOf(f.part('heading')));
      }
      expect(headings).to.deep.equal(['Enrollment complete', 'Signed in', 'Face not recognized', 'Connection lost', 'Live person not confirmed']);
    });

    it('every final screen has an action; Close fires faceio-close and returns to rest (focus on the start button), unless the host keeps it', async () => {
      let f: Flow = await mountFlow('faceio-authenticate');
      await f.goTo('done');
      await click(byRole(f.el, 'button', 'Close')[0]!);
      await f.waitPhase('idle');
      const closes = f.eventsOf('faceio-close');
      expect(closes.map((e) => e.detail)).to.deep.equal([{ op: 'authenticate', phase: 'done', error: null }]);
      expect(closes[0]!.bubbles && closes[0]!.composed).to.equal(true);
      expect(f.focused()?.part, 'focus is not dropped to the page').to.equal('primary-button start-button');

      f = await mountFlow('faceio-authenticate');
      f.el.addEventListener('faceio-close', (e) => e.preventDefault());
      await f.goTo('failed'); // PAD_ATTACK: not retryable, Close is the one action
      expect(texts(f.all('.actions button, .actions a'))).to.deep.equal(['Close']);
      await f.clickPart('primary-button');
      expect(f.phase, 'prevented: the outcome stays').to.equal('failed');
    });

    it('retryable: "Try again" and Close; no-retry leaves Close alone', async () => {
      let f: Flow = await mountFlow('faceio-authenticate');
      await f.goTo('reply');
      await f.node(failure('UNRECOGNIZED_FACE', 3, true));
      expect(texts(f.all('.actions button'))).to.deep.equal(['Try again', 'Close']);
      f = await mountFlow('faceio-authenticate', { 'no-retry': '' });
      await f.goTo('reply');
      await f.node(failure('UNRECOGNIZED_FACE', 3, true));
      expect(texts(f.all('.actions button'))).to.deep.equal(['Close']);
    });

    it('FACE_DUPLICATION: "Sign in instead" links to sign-in-href, after a cancelable faceio-sign-in-request', async () => {
      const duplicate = async (attrs: Record<string, string>) => {
        const f = await mountFlow('faceio-enroll', { 'user-consent': '', ...attrs });
        await f.goTo('reply');
        await f.node(failure('FACE_DUPLICATION', 21, false));
        return f;
      };
      let f = await duplicate({});
      expect(f.all('[part~="sign-in-button"]'), 'no link, no handler: not offered').to.have.length(0);
      expect(textOf(f.part('heading'))).to.equal('Already enrolled');

      // Whether the link would be followed: the click's default action, seen last (and then stopped: the test page stays).
      const followed: boolean[] = [];
      const watch = (event: Event) => {
        if ((event.composedPath()[0] as Element).localName !== 'a') return;
        followed.push(!event.defaultPrevented);
        event.preventDefault();
      };
      window.addEventListener('click', watch);
      try {
        f = await duplicate({ 'sign-in-href': '/sign-in' });
        expect(f.part('sign-in-button').getAttribute('href')).to.equal('/sign-in');
        f.part('sign-in-button').click();
        expect(f.eventsOf('faceio-sign-in-request').map((e) => e.detail)).to.deep.equal([{ href: '/sign-in' }]);

        f = await duplicate({ 'sign-in-href': '/sign-in' });
        f.el.addEventListener('faceio-sign-in-request', (e) => e.preventDefault());
        f.part('sign-in-button').click();
        expect(followed, 'followed, then stopped by the host (a single-page app routes itself)').to.deep.equal([true, false]);
      } finally {
        window.removeEventListener('click', watch);
      }

      f = await duplicate({ 'sign-in': '' });
      expect(f.part('sign-in-button').localName, 'without a link: a button for the handler').to.equal('button');
    });
  });

  describe('the FaceIO modal', () => {
    /** `new FaceIO().<method>()` whose modal element runs on fake actors (its container hands them over before it connects). */
    async function modal(method: 'enroll' | 'authenticate') {
      const fake = new FakeActors();
      const container = document.createElement('div');
      document.body.append(container);
      let shown: (element: FaceioFlowElement) => void = () => undefined;
      const connected = new Promise<FaceioFlowElement>((resolve) => (shown = resolve));
      container.append = (...nodes: Array<Node | string>) => {
        const found = nodes
          .map((n) => (n instanceof Element ? n.querySelector<FaceioFlowElement>('faceio-enroll, faceio-authenticate') : null))
          .find(Boolean);
        if (found) found.actors = fake.actors;
        HTMLElement.prototype.append.apply(container, nodes);
        if (found) shown(found);
      };
      const call: { outcome: { result?: unknown; code?: unknown } | null } = { outcome: null };
      new FaceIO('pub-test', { container })[method]({ userConsent: true }).then(
        (result) => (call.outcome = { result }),
        (code: unknown) => (call.outcome = { code }),
      );
      const element = await connected;
      await element.updateComplete;
      const step = async (send: () => void) => {
        send();
        await element.updateComplete;
        await element.updateComplete;
      };
      return { element, fake, call, step, open: () => container.querySelector('dialog') !== null };
    }

    it('a failure rejects at once and stays to be read, with Close only (the call has settled); Close closes the modal', async () => {
      const m = await modal('authenticate');
      await m.step(() => m.fake.camera({ type: 'PERMISSION.GRANTED' }));
      await m.step(() => m.fake.node({ type: 'SCAN.PROGRESS', event: 'need-more-frames', accepted: 3, needed: 3 }));
      await m.step(() => m.fake.node(failure('UNRECOGNIZED_FACE', 3, true)));
      await Promise.resolve();
      expect(m.call.outcome).to.deep.equal({ code: 3 });
      await clock.fastForward(5_000);
      expect(m.open(), 'still there to be read').to.equal(true);
      const actions = [...m.element.shadowRoot!.querySelectorAll('.actions button')];
      expect(texts(actions)).to.deep.equal(['Close']);
      (actions[0] as HTMLElement).click();
      expect(m.open()).to.equal(false);
    });

    it('a success closes by itself after closeDelayMs; Escape mid-run closes at once with ABORTED_BY_USER', async () => {
      const m = await modal('authenticate');
      await m.step(() => m.fake.camera({ type: 'PERMISSION.GRANTED' }));
      await m.step(() => m.fake.node({ type: 'SCAN.PROGRESS', event: 'need-more-frames', accepted: 3, needed: 3 }));
      await m.step(() => m.fake.node({ type: 'REPLY.VERDICT', ok: true, result: { facialId: 'fid-1', payload: null } } as FlowEvent));
      await Promise.resolve();
      expect(m.call.outcome).to.deep.equal({ result: { facialId: 'fid-1', payload: null } });
      expect(m.open()).to.equal(true);
      await clock.fastForward(1_300);
      expect(m.open()).to.equal(false);

      const second = await modal('enroll');
      await second.step(() => second.fake.camera({ type: 'PERMISSION.GRANTED' }));
      await press('Escape');
      await second.element.updateComplete;
      await Promise.resolve();
      expect(second.open()).to.equal(false);
      expect(second.call.outcome).to.deep.equal({ code: 23 });
    });
  });

  describe('scan', () => {
    it('the guidance line and the oval read one state: never a green oval under "Looking for your face…"', async () => {
      const f = await mountFlow('faceio-authenticate');
      await f.goTo('permission');
      await f.camera({ type: 'PERMISSION.GRANTED' });
      const seen = () => ({
        text: textOf(f.part('status')),
        line: f.part('status').getAttribute('data-tone'),
        oval: f.part('overlay').getAttribute('data-tone'),
      });
      expect(seen()).to.deep.equal({ text: 'Looking for your face…', line: 'idle', oval: 'idle' });
      await f.camera({ type: 'SCAN.GUIDANCE', hint: 'good', faces: 1 });
      expect(seen()).to.deep.equal({ text: 'Scanning, hold still…', line: 'good', oval: 'good' });
      await f.camera({ type: 'SCAN.GUIDANCE', hint: 'many-faces', faces: 2 });
      expect(seen()).to.deep.equal({ text: 'Only one face, please: make sure you are alone.', line: 'warn', oval: 'warn' });
    });

    it('the preview and its overlay are mirrored together; the oval sits on the tracked face', async () => {
      const f = await mountFlow('faceio-authenticate');
      await f.goTo('scan');
      const transform = (part: string) => getComputedStyle(f.part(part)).transform;
      expect(transform('video')).to.equal('matrix(-1, 0, 0, 1, 0, 0)');
      expect(transform('overlay')).to.equal('matrix(-1, 0, 0, 1, 0, 0)');
      const oval = () => f.root.querySelector('.oval')!;
      expect([oval().getAttribute('cx'), oval().getAttribute('cy')], 'no face yet: centred in the frame').to.deep.equal(['320', '240']);
      const face = { x: 0.55, y: 0.2, width: 0.2, height: 0.3, frame: { width: 1280, height: 720 } };
      await f.camera({ type: 'SCAN.GUIDANCE', hint: 'good', faces: 1, face });
      expect(f.part('overlay').getAttribute('viewBox'), 'the frame’s own pixels').to.equal('0 0 1280 720');
      expect(Number(oval().getAttribute('cx'))).to.equal((0.55 + 0.1) * 1280);
    });
  });

  describe('"More time"', () => {
    it('only in the last 20 s of a limit, with the time left announced once, politely', async () => {
      const f = await mountFlow('faceio-authenticate', { 'pin-timeout': '60' });
      await f.goTo('pin');
      const moreTime = () => byRole(f.el, 'button', 'More time');
      const timerRegion = () => textOf(f.all('[aria-live="polite"]')[1]);
      expect(moreTime(), 'not at the start of a 60 s limit').to.have.length(0);
      expect(timerRegion()).to.equal('');
      await clock.fastForward(40_500);
      await f.settle();
      expect(moreTime()).to.have.length(1);
      expect(textOf(f.part('timer'))).to.match(/Time left: (19|20) seconds\./);
      const announced = timerRegion();
      expect(announced).to.match(/^Time left: (19|20) seconds\.$/);
      await clock.fastForward(5_000);
      await f.settle();
      expect(textOf(f.part('timer')), 'the visible count goes on').to.match(/Time left: 1[45] seconds\./);
      expect(timerRegion(), 'the live region does not tick').to.equal(announced);
      moreTime()[0]!.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      await f.settle();
      expect(moreTime(), 'extended: the full limit again').to.have.length(0);
      expect(f.phase).to.equal('pin');
    });

    it('the terms: one primary and one secondary action, no close button, no "More time" until the end nears', async () => {
      const f = await mountFlow('faceio-enroll');
      await f.goTo('terms');
      expect(texts(f.all('button'))).to.deep.equal(['I agree', 'Decline']);
    });
  });

  describe('dark scheme', () => {
    const stages: Record<ElementTag, Stage[]> = {
      'faceio-enroll': ['idle', 'permission', 'terms', 'intro', 'scan', 'pin', 'pin-problem', 'reply', 'done', 'failed'],
      'faceio-authenticate': ['scan', 'pin-problem', 'done', 'failed'],
    };
    const surface = (f: Flow) => getComputedStyle(f.part('base')).backgroundColor;
    afterEach(() => emulateMedia({ colorScheme: 'light' }));

    it('follows prefers-color-scheme, axe-clean in every phase; theme pins a scheme either way', async () => {
      await emulateMedia({ colorScheme: 'dark' });
      for (const [tag, list] of Object.entries(stages) as Array<[ElementTag, Stage[]]>) {
        for (const stage of list) {
          const f: Flow = await mountFlow(tag);
          await f.goTo(stage);
          await expect(f.el, `${tag} ${stage} (dark)`).to.be.accessible();
          if (stage !== 'idle') expect(surface(f), `${tag} ${stage}`).to.equal('rgb(29, 30, 36)');
        }
      }
      let f: Flow = await mountFlow('faceio-authenticate', { theme: 'light' });
      await f.goTo('scan');
      expect(surface(f), 'theme="light" in a dark system').to.equal('rgb(255, 255, 255)');
      await emulateMedia({ colorScheme: 'light' });
      f = await mountFlow('faceio-authenticate', { theme: 'dark' });
      await f.goTo('scan');
      expect(surface(f), 'theme="dark" in a light system').to.equal('rgb(29, 30, 36)');
    });
  });
});
