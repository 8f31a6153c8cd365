// Browser side of the element tests: registers both tags, mounts one element at a time with fake
// `camera` and `scanStream` actors (XState fromCallback, as test/core/flow/harness.ts does for the
// machine) and exposes window.elements for the node side's page.evaluate.
import { fromCallback } from 'xstate';
import '../../src/faceio-authenticate.js';
import '../../src/faceio-enroll.js';
import type { FaceioFlowElement } from '../../src/components/shared/faceio-flow-element.js';
import { FaceIO } from '../../src/faceio.js';
import type { CameraInput, FlowEvent, ScanStreamInput, StreamCommand } from '../../src/core/flow/flow.types.js';
import type { AxeViolation, ElementsPageApi, FakeLog, FocusInfo, RecordedEvent } from './elements.shared.js';

/** The part of axe-core's API used here (axe.min.js is loaded as a classic script by the page). */
interface AxeResult {
  violations: Array<{ id: string; impact?: string | null; help: string; nodes: Array<{ target: unknown; failureSummary?: string }> }>;
}
declare const axe: { run(context: Element, options: object): Promise<AxeResult> };

/** WCAG 2.0, 2.1 and 2.2, levels A and AA (axe's tags). */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const EVENT_TYPES = ['faceio-phase-change', 'faceio-progress', 'faceio-complete', 'faceio-error', 'faceio-close', 'faceio-sign-in-request'] as const;

const root = document.getElementById('root')!;
let current: FaceioFlowElement | null = null;
let toMachineFromCamera: ((event: FlowEvent) => void) | null = null;
let toMachineFromNode: ((event: FlowEvent) => void) | null = null;

const emptyLog = (): FakeLog => ({
  cameraStarts: 0,
  cameraStops: 0,
  streamStarts: 0,
  streamStops: 0,
  cameraInputs: [],
  streamInputs: [],
  commands: [],
});

const camera = fromCallback<FlowEvent, CameraInput>(({ sendBack, input }) => {
  const log = api.fake.log;
  log.cameraStarts++;
  log.cameraInputs.push(input);
  toMachineFromCamera = sendBack;
  return () => {
    log.cameraStops++;
    toMachineFromCamera = null;
  };
});

const scanStream = fromCallback<StreamCommand, ScanStreamInput>(({ sendBack, receive, input }) => {
  const log = api.fake.log;
  log.streamStarts++;
  log.streamInputs.push(structuredClone(input));
  toMachineFromNode = sendBack;
  receive((command) => log.commands.push(command));
  return () => {
    log.streamStops++;
    toMachineFromNode = null;
  };
});

function element(): FaceioFlowElement {
  if (!current) throw new Error('no element mounted: call mount() first');
  return current;
}

async function settle(): Promise<void> {
  const el = element();
  // Twice: a render may schedule another (the PIN controller's focus, a locale switch).
  await el.updateComplete;
  await el.updateComplete;
}

const sender = (which: 'camera' | 'node') => ({
  async send(event: FlowEvent): Promise<void> {
    const target = which === 'camera' ? toMachineFromCamera : toMachineFromNode;
    if (!target) throw new Error(`the fake ${which} actor is not running (phase ${element().phase})`);
    target(event);
    await settle();
  },
});

const api: ElementsPageApi = {
  async mount(tag, attrs, children = '') {
    root.replaceChildren();
    api.fake.log = emptyLog();
    const events: RecordedEvent[] = [];
    api.events = events;
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
    el.innerHTML = children;
    el.actors = { camera, scanStream };
    for (const type of EVENT_TYPES) {
      el.addEventListener(type, (event) => {
        const detail = JSON.parse(JSON.stringify((event as Event & { detail: unknown }).detail)) as Record<string, unknown>;
        events.push({ type, detail, bubbles: event.bubbles, composed: event.composed, phase: el.phase });
      });
    }
    current = el;
    root.append(el);
    await settle();
  },
  settle,
  fake: { camera: sender('camera'), node: sender('node'), log: emptyLog() },
  events: [],
  focused(): FocusInfo | null {
    const active = element().shadowRoot?.activeElement as HTMLElement | null | undefined;
    if (!active) return null;
    return {
      tag: active.localName,
      part: active.getAttribute('part') ?? '',
      text: active.textContent?.trim() ?? '',
      index: active.dataset['index'] ?? null,
    };
  },
  async typePin(pin) {
    const first = element().shadowRoot?.querySelector<HTMLInputElement>('input.digit');
    if (!first) throw new Error(`no PIN box (phase ${element().phase})`);
    first.value = pin;
    first.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertFromPaste', data: pin }));
    await settle();
  },
  async clickPart(part) {
    const target = element().shadowRoot?.querySelector<HTMLElement>(`[part~="${part}"]`);
    if (!target) throw new Error(`no part ${part} (phase ${element().phase})`);
    target.click();
    await settle();
  },
  async axe(): Promise<AxeViolation[]> {
    const result = await axe.run(element(), { runOnly: { type: 'tag', values: WCAG_TAGS }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.map((n) => `${JSON.stringify(n.target)}: ${n.failureSummary ?? ''}`),
    }));
  },
  faceio: (method, options) => startFaceio(method, options),
  faceioOutcome: () => outcome,
  mountAxeProbe() {
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
    root.replaceChildren(document.createElement('axe-probe'));
    current = root.firstElementChild as FaceioFlowElement;
  },
};

// The FaceIO class builds its element itself: its `container` option is a box that hands the
// modal's element the fakes before it connects (custom element callbacks cannot be patched once defined).
let outcome: { result?: unknown; code?: unknown } | null = null;
let modalConnected: (() => void) | null = null;
const modalContainer = document.createElement('div');
document.body.append(modalContainer);
modalContainer.append = (...nodes: Array<Node | string>) => {
  for (const node of nodes) {
    const element = node instanceof Element ? node.querySelector<FaceioFlowElement>('faceio-enroll, faceio-authenticate') : null;
    if (!element) continue;
    element.actors = { camera, scanStream };
    current = element;
  }
  HTMLElement.prototype.append.apply(modalContainer, nodes);
  modalConnected?.();
};
async function startFaceio(method: 'enroll' | 'authenticate', options: { closeDelayMs?: number }): Promise<void> {
  root.replaceChildren();
  api.fake.log = emptyLog();
  outcome = null;
  current = null;
  // No timers here: the test page's clock is faked.
  const shown = new Promise<void>((resolve) => (modalConnected = resolve));
  new FaceIO('pub-test', { ...options, container: modalContainer })[method]({ userConsent: true }).then(
    (result) => (outcome = { result }),
    (code: unknown) => (outcome = { code }),
  );
  await shown;
  await settle();
}

window.elements = api;
