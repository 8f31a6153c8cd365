// Browser-side harness for the flow elements (web-test-runner, @open-wc/testing): mounts
// <faceio-enroll> / <faceio-authenticate> with `fixture()` and fake `camera` and `scanStream` actors
// (XState fromCallback, as test/core/flow/harness.ts does for the machine), records the faceio-*
// events, and walks an element to any phase. No camera, no node.
//
//   const f = await mountFlow('faceio-enroll', { 'user-consent': '' });
//   await f.goTo('pin');                          // or step by step: f.start(), f.camera({…}), f.node({…})
//   expect(f.el.phase).to.equal('pin');
//   await expect(f.el).to.be.accessible();        // WCAG 2.0–2.2 A/AA (test/helpers/axe.ts)
//
// A new phase: add it to Stage and to goTo() below; the element tests then reach it by name.
import { fixture, fixtureCleanup, html, unsafeStatic, waitUntil } from '@open-wc/testing';
import { fromCallback } from 'xstate';
import '../../src/faceio-authenticate.js';
import '../../src/faceio-enroll.js';
// Every element test checks accessibility: axe limited to the project's WCAG rules, once per page.
import './axe.js';
import type { CameraInput, FlowEvent, FlowPhase, ScanStreamInput, StreamCommand } from '../../src/core/flow/flow.types.js';
import type { SessionResult, WireError } from '../../src/protocol/index.js';
import { DEFAULT_SESSION_TIME_LIMITS } from '../../src/protocol/index.js';

export type ElementTag = 'faceio-enroll' | 'faceio-authenticate';
export type FlowElement = HTMLElementTagNameMap[ElementTag];

/** The node's `ready` settings (what a default application announces). */
export const SETTINGS = {
  pinPolicy: 'never',
  pinLength: { min: 4, max: 4 },
  rejectWeakPin: true,
  pad: true,
  minFrames: 3,
  maxFrames: 12,
  maxFrameBytes: 524288,
  maxFrameSide: 640,
} as const;

export const ENROLL_RESULT: SessionResult = { facialId: 'fid-0001', timestamp: '2025-01-01T00:00:00.000Z', details: { gender: 'female', age: 30 } };
export const AUTH_RESULT: SessionResult = { facialId: 'fid-0001', payload: { user: 'ada' } };
export const PAD_ERROR: WireError = { code: 5, name: 'PAD_ATTACK', message: 'liveness score 0.02 under 0.5', retryable: false };

/** The node asks for a PIN: enrollment sets one (typed twice), authentication checks one. */
export const pinRequired = (tag: ElementTag): FlowEvent => ({
  type: 'PIN.REQUIRED',
  reason: tag === 'faceio-enroll' ? 'enroll' : 'policy',
  digits: { min: 4, max: 4 },
  confirm: tag === 'faceio-enroll',
  attemptsLeft: 3,
});

/** Where goTo() can take a freshly mounted element: the phases, plus the PIN phase's confirm and problem states. */
export type Stage = FlowPhase | 'pin-confirm' | 'pin-problem';

/** What the fake camera and the fake node saw since the element was mounted. */
export interface FakeLog {
  cameraStarts: number;
  cameraStops: number;
  streamStarts: number;
  streamStops: number;
  cameraInputs: CameraInput[];
  /** The scan stream actor's input: what a real one would open the node session with. */
  streamInputs: ScanStreamInput[];
  /** What the machine sent to the node (`{type:'pin', pin, confirm?}`). */
  commands: StreamCommand[];
}

/** A faceio-* event as the element dispatched it (detail as JSON: what a listener could keep). */
export interface RecordedEvent {
  type: string;
  detail: Record<string, unknown>;
  bubbles: boolean;
  composed: boolean;
  /** The element's phase when the event was dispatched. */
  phase: FlowPhase;
}

/** Where focus is inside the element's shadow root (null: outside the element). */
export interface FocusInfo {
  tag: string;
  part: string;
  text: string;
  /** `data-index` of a PIN digit box. */
  index: string | null;
}

/** Fake `camera` and `scanStream` actors: `camera()` / `node()` send what the real ones would `sendBack`. */
export class FakeActors {
  readonly log: FakeLog = { cameraStarts: 0, cameraStops: 0, streamStarts: 0, streamStops: 0, cameraInputs: [], streamInputs: [], commands: [] };
  private toMachineFromCamera: ((event: FlowEvent) => void) | null = null;
  private toMachineFromNode: ((event: FlowEvent) => void) | null = null;

  /** For the element's `actors` property. */
  readonly actors = {
    camera: fromCallback<FlowEvent, CameraInput>(({ sendBack, input }) => {
      this.log.cameraStarts++;
      this.log.cameraInputs.push(input);
      this.toMachineFromCamera = sendBack;
      return () => {
        this.log.cameraStops++;
        this.toMachineFromCamera = null;
      };
    }),
    scanStream: fromCallback<StreamCommand, ScanStreamInput>(({ sendBack, receive, input }) => {
      this.log.streamStarts++;
      this.log.streamInputs.push(structuredClone(input));
      this.toMachineFromNode = sendBack;
      receive((command) => this.log.commands.push(command));
      return () => {
        this.log.streamStops++;
        this.toMachineFromNode = null;
      };
    }),
  };

  /** What the camera actor reports (permission, guidance). */
  camera(event: FlowEvent): void {
    if (!this.toMachineFromCamera) throw new Error(`the fake camera actor is not running (sending ${event.type})`);
    this.toMachineFromCamera(event);
  }

  /** What the scan stream actor reports (a node message as a machine event). */
  node(event: FlowEvent): void {
    if (!this.toMachineFromNode) throw new Error(`the fake node actor is not running (sending ${event.type})`);
    this.toMachineFromNode(event);
  }
}

const escapeAttribute = (value: string): string => value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');

/** Waits for the element's pending renders (and the focus moves they schedule). */
export async function settle(el: Element): Promise<void> {
  // Twice: a render may schedule another (the PIN controller's focus, a locale switch).
  await (el as FlowElement).updateComplete;
  await (el as FlowElement).updateComplete;
}

/** The first element of a part in `el`'s shadow root; throws when there is none (the phase does not render it). */
export function partOf<E extends HTMLElement = HTMLElement>(el: Element, name: string): E {
  const found = el.shadowRoot?.querySelector<E>(`[part~="${name}"]`);
  if (!found) throw new Error(`no part "${name}" in <${el.localName}> (phase ${(el as FlowElement).phase})`);
  return found;
}

/** Trimmed text content (what a reader of the page sees, without the template's whitespace). */
export const textOf = (node: Node | null | undefined): string => node?.textContent?.trim() ?? '';

/** A mounted flow element, its fakes and what it dispatched. */
export class Flow<T extends ElementTag = ElementTag> {
  constructor(
    readonly el: HTMLElementTagNameMap[T],
    readonly fake: FakeActors,
    /** Every faceio-* event since the element was created, in order. */
    readonly events: RecordedEvent[],
  ) {}

  get tag(): T {
    return this.el.localName as T;
  }

  /** The element's shadow root. */
  get root(): ShadowRoot {
    return this.el.shadowRoot!;
  }

  get phase(): FlowPhase {
    return this.el.phase;
  }

  settle(): Promise<void> {
    return settle(this.el);
  }

  /** `element.start()`. */
  async start(): Promise<void> {
    this.el.start();
    await this.settle();
  }

  async camera(event: FlowEvent): Promise<void> {
    this.fake.camera(event);
    await this.settle();
  }

  async node(event: FlowEvent): Promise<void> {
    this.fake.node(event);
    await this.settle();
  }

  eventsOf(type?: string): RecordedEvent[] {
    return this.events.filter((e) => type === undefined || e.type === type);
  }

  async waitPhase(phase: FlowPhase): Promise<void> {
    await waitUntil(() => this.el.phase === phase, `<${this.tag}> never reached ${phase} (it is in ${this.el.phase})`, { timeout: 5_000 });
    await this.settle();
  }

  part<E extends HTMLElement = HTMLElement>(name: string): E {
    return partOf<E>(this.el, name);
  }

  /** Elements of the shadow root matching a selector. */
  all<E extends Element = HTMLElement>(selector: string): E[] {
    return [...this.root.querySelectorAll<E>(selector)];
  }

  /** The PIN boxes' values. */
  digits(): string[] {
    return this.all<HTMLInputElement>('input.digit').map((input) => input.value);
  }

  focused(): FocusInfo | null {
    const active = this.root.activeElement as HTMLElement | null;
    if (!active) return null;
    return { tag: active.localName, part: active.getAttribute('part') ?? '', text: textOf(active), index: active.dataset['index'] ?? null };
  }

  /** The text of the element's polite live region. */
  liveRegion(): string {
    return textOf(this.root.querySelector('[aria-live="polite"]'));
  }

  /** Clicks the first element of a part (`primary-button`) in the shadow root. */
  async clickPart(name: string): Promise<void> {
    this.part(name).click();
    await this.settle();
  }

  /** Types a PIN as an autofill or a paste into the first box would (the controller spreads it), without submitting. */
  async typePin(pin: string): Promise<void> {
    const first = this.root.querySelector<HTMLInputElement>('input.digit');
    if (!first) throw new Error(`no PIN box (phase ${this.phase})`);
    first.value = pin;
    first.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertFromPaste', data: pin }));
    await this.settle();
  }

  /** Walks a freshly mounted (idle) element to `stage` through the fakes and its own buttons. */
  async goTo(stage: Stage): Promise<void> {
    const enroll = this.tag === 'faceio-enroll';
    if (!enroll && (stage === 'terms' || stage === 'intro' || stage === 'pin-confirm'))
      throw new Error(`${this.tag} has no ${stage} stage (enrollment only)`);
    const at = (phase: FlowPhase): boolean => {
      if (this.phase !== phase) throw new Error(`goTo(${stage}): expected ${phase}, the element is in ${this.phase}`);
      return stage === phase;
    };
    if (at('idle')) return;
    await this.start();
    if (at('permission')) return;
    await this.camera({ type: 'PERMISSION.GRANTED' });
    if (enroll) {
      // user-consent skips the terms.
      if (stage === 'terms' || this.phase === 'terms') {
        if (at('terms')) return;
        await this.clickPart('primary-button');
      }
      if (at('intro')) return;
      await this.clickPart('primary-button');
    }
    await this.node({
      type: 'SCAN.READY',
      settings: { ...SETTINGS, pinLength: { ...SETTINGS.pinLength } },
      limits: { ...DEFAULT_SESSION_TIME_LIMITS },
    });
    await this.camera({ type: 'SCAN.GUIDANCE', hint: 'good', faces: 1 });
    await this.node({ type: 'SCAN.PROGRESS', event: 'need-more-frames', accepted: 1, needed: 3 });
    if (at('scan')) return;
    await this.node({ type: 'SCAN.PROGRESS', event: 'need-more-frames', accepted: 3, needed: 3 });
    if (stage === 'reply') return void at('reply');
    if (stage === 'done' || stage === 'failed') {
      at('reply');
      await this.node(
        stage === 'done'
          ? { type: 'REPLY.VERDICT', ok: true, result: enroll ? ENROLL_RESULT : AUTH_RESULT }
          : { type: 'REPLY.VERDICT', ok: false, error: PAD_ERROR },
      );
      return void at(stage);
    }
    await this.node(pinRequired(this.tag));
    if (at('pin')) return;
    await this.typePin('4831');
    await this.clickPart('primary-button');
    if (enroll) {
      at('pin');
      if (stage === 'pin-confirm') return;
      // A different second entry: the confirm-mismatch problem.
      await this.typePin('4832');
      await this.clickPart('primary-button');
    } else {
      at('reply');
      await this.node({ type: 'PIN.REJECTED', reason: 'wrong', attemptsLeft: 2 });
    }
    at('pin');
  }
}

/**
 * Mounts a fresh element with `fixture()` (the previous one is removed first, which closes its run:
 * one element at a time), fake actors set before it connects and its faceio-* events recorded.
 * `attrs`: attributes as markup would set them; `children`: light-DOM HTML for its slots.
 */
export async function mountFlow<T extends ElementTag>(tag: T, attrs: Readonly<Record<string, string>> = {}, children = ''): Promise<Flow<T>> {
  fixtureCleanup();
  const fake = new FakeActors();
  const events: RecordedEvent[] = [];
  // Bound in the template, so even the events of `autostart` (before fixture() resolves) are kept.
  const record = (event: Event): void => {
    const detail = JSON.parse(JSON.stringify((event as Event & { detail: unknown }).detail)) as Record<string, unknown>;
    events.push({ type: event.type, detail, bubbles: event.bubbles, composed: event.composed, phase: (event.currentTarget as FlowElement).phase });
  };
  const open = unsafeStatic(
    `${tag}${Object.entries(attrs)
      .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
      .join('')}`,
  );
  const el = await fixture<HTMLElementTagNameMap[T]>(
    html`<${open}
      .actors=${fake.actors}
      @faceio-phase-change=${record}
      @faceio-progress=${record}
      @faceio-complete=${record}
      @faceio-error=${record}
      @faceio-close=${record}
      @faceio-sign-in-request=${record}
      >${unsafeStatic(children)}</${unsafeStatic(tag)}
    >`,
  );
  const flow = new Flow(el, fake, events);
  await flow.settle();
  return flow;
}
