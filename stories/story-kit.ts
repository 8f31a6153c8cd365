// What both elements' stories share: the render function (args → attributes, CSS custom
// properties, slots and event actions, as the manifest names them; `parameters.fake` → the fake
// actors; `parameters.user` → a user who clicks and types PINs), and the route by which each fio.js
// error reaches the user in a real run.
import type { Args, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { getCustomElements } from '@storybook/web-components-vite';
import type { FlowPhase, FlowOperation } from '../src/core/flow/flow.types.js';
import type { FioErrorName } from '../src/protocol/index.js';
import type { FaceioAuthenticate } from '../src/faceio-authenticate.js';
import type { FaceioEnroll } from '../src/faceio-enroll.js';
import { fakeActors, frames, GOOD, node, RESULTS, steps, type FakeScript, type Hint } from './fake-actors.js';

export type FlowTag = 'faceio-enroll' | 'faceio-authenticate';
type FlowElement = FaceioEnroll | FaceioAuthenticate;
type Story = StoryObj;

/**
 * Every limit at its ceiling (flow.timeouts.ts), so a story rests in its phase for minutes instead
 * of timing out while someone looks at it. "More time" still works.
 */
export const HOLD_ARGS = {
  'permission-timeout': 120,
  'idle-timeout': 120,
  'reply-timeout': 120,
  'pin-timeout': 300,
} as const;

/** `faceio-phase-change` → `onFaceioPhaseChange`, the arg name Storybook gives a manifest event. */
const eventOfArg = (name: string): string => name.slice(2).replace(/[A-Z]/g, (c, i: number) => (i === 0 ? '' : '-') + c.toLowerCase());

/** The element's slot names from the manifest (none when no manifest was loaded). */
function slotsOf(tag: FlowTag): Set<string> {
  const manifest = getCustomElements() as
    { modules?: Array<{ declarations?: Array<{ tagName?: string; slots?: Array<{ name: string }> }> }> } | undefined;
  const declaration = manifest?.modules?.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === tag);
  return new Set((declaration?.slots ?? []).map((slot) => slot.name).filter(Boolean));
}

/**
 * The render function of a flow element's stories. A new element per render: changing a control
 * restarts the run from the beginning with the new attributes.
 */
export function renderFlow(tag: FlowTag) {
  return (args: Args, context: StoryContext): HTMLElement => {
    const element = document.createElement(tag);
    const attributes = new Set((customElements.get(tag) as unknown as { observedAttributes: string[] }).observedAttributes);
    const slots = slotsOf(tag);
    for (const [name, value] of Object.entries(args)) {
      if (value === undefined || value === null || value === '') continue;
      if (name.startsWith('--')) element.style.setProperty(name, String(value));
      else if (/^on[A-Z]/.test(name) && typeof value === 'function') element.addEventListener(eventOfArg(name), value as EventListener);
      else if (attributes.has(name)) {
        if (typeof value === 'boolean') element.toggleAttribute(name, value);
        else element.setAttribute(name, typeof value === 'object' ? JSON.stringify(value) : String(value));
      } else if (slots.has(name) && typeof value === 'string') {
        const text = document.createElement('span');
        text.slot = name;
        text.textContent = value;
        element.append(text);
      } else if (name in element) (element as unknown as Record<string, unknown>)[name] = value;
    }
    // Without a script (the Live story) the element keeps its real camera and node.
    const script = context.parameters['fake'] as FakeScript | undefined;
    if (script) element.actors = fakeActors(script);
    const plan = context.parameters['user'] as UserPlan | undefined;
    if (plan) actAs(element, plan);
    return element;
  };
}

// ---- the user ----

export interface UserPlan {
  /** Accept or decline the terms of use when they show. */
  terms?: 'accept' | 'decline';
  /** Press "Start the scan" on the introduction. */
  startScan?: boolean;
  /** PINs to type, one per PIN screen (enrollment's confirmation is a second screen). */
  pins?: string[];
  /** Press Close when this phase shows. */
  closeIn?: FlowPhase;
}

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

function press(element: FlowElement, part: string): void {
  element.shadowRoot?.querySelector<HTMLButtonElement>(`[part~="${part}"]`)?.click();
}

/** Types a PIN the way a paste or autofill does (the first box takes all digits) and confirms it. */
async function typePin(element: FlowElement, pin: string): Promise<void> {
  const first = element.shadowRoot?.querySelector<HTMLInputElement>('input.digit');
  if (!first) return;
  first.value = pin;
  first.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await element.updateComplete;
  await pause(250);
  press(element, 'primary-button');
  await element.updateComplete;
}

/**
 * A user who answers each phase of `element` as the plan says: clicks, PINs. Attached by the
 * render function rather than a play function, so it follows a re-render (a changed control) and
 * a "Try again" as well.
 */
function actAs(element: FlowElement, plan: UserPlan): void {
  let pins: string[] = [];
  let busy = Promise.resolve();
  const act = async (phase: FlowPhase): Promise<void> => {
    await element.updateComplete;
    await pause(200);
    if (element.phase !== phase) return;
    if (phase === plan.closeIn) return press(element, 'close-button');
    if (phase === 'terms' && plan.terms) return press(element, plan.terms === 'accept' ? 'primary-button' : 'secondary-button');
    if (phase === 'intro' && plan.startScan) return press(element, 'primary-button');
    // Enrollment's confirmation re-enters the pin phase without a phase change: keep typing.
    while (phase === 'pin' && element.phase === 'pin' && pins.length > 0) await typePin(element, pins.shift()!);
  };
  element.addEventListener('faceio-phase-change', ({ detail }) => {
    if (detail.phase === 'permission') pins = [...(plan.pins ?? [])]; // a new run
    busy = busy.then(() => act(detail.phase));
  });
}

// ---- whole runs ----

/** Through the terms and the introduction to the scan (nothing to do for authenticate). */
const TO_SCAN: UserPlan = { terms: 'accept', startScan: true };

/** A run that reaches the scan, where the tracker reports `guidance` and the node sends `nodeSteps`. */
export function scanStory(guidance: Hint[], nodeEvents: FakeScript['node'] = [], more: Partial<FakeScript> = {}, plan: UserPlan = {}): Story {
  return { parameters: { fake: { guidance, node: nodeEvents, ...more }, user: { ...TO_SCAN, ...plan } } };
}

/** How each fio.js error reaches the user in a real run, as a fake script plus what the user does. */
export function failureStory(op: FlowOperation, name: FioErrorName): Story {
  const start = [node.ready(op), ...frames(3)];
  switch (name) {
    case 'PERMISSION_REFUSED':
      return { parameters: { fake: { permission: 'denied' } } };
    case 'NO_CAMERA':
      return { parameters: { fake: { permission: 'no-camera' } } };
    case 'UI_NOT_READY':
      // The camera actor could not even start (no getUserMedia, a broken page).
      return { parameters: { fake: { cameraFails: new Error('navigator.mediaDevices is undefined') } } };
    case 'TERMS_NOT_ACCEPTED':
      return { parameters: { fake: { guidance: GOOD }, user: { terms: 'decline' } } };
    case 'ABORTED_BY_USER':
      return scanStory(GOOD, steps(node.ready(op), node.progress(1, 3)), {}, { closeIn: 'scan' });
    case 'NETWORK_IO':
      // The socket dropped mid-scan: no error body.
      return scanStory(GOOD, steps(node.ready(op), node.progress(1, 3), node.failure()));
    case 'TOO_MANY_REQUESTS':
    case 'FORBIDDDEN_ORIGIN':
    case 'FORBIDDDEN_COUNTRY':
    case 'EMPTY_ORIGIN':
    case 'UNAUTHORIZED':
    case 'SESSION_EXPIRED':
      // The node refused to open the session (HTTP 4xx) or the stream (expired ticket).
      return scanStory(GOOD, steps(node.failure(name)));
    case 'NO_FACES_DETECTED':
      // The node's frame limit ran out without a face (the page's own idle timer gives the same code).
      return scanStory([{ hint: 'no-face', faces: 0 }], steps(node.ready(op), node.verdict(name)));
    case 'MANY_FACES':
      return scanStory([{ hint: 'many-faces', faces: 2 }], steps(...start, node.verdict(name)));
    case 'WRONG_PIN_CODE':
      // The last attempt was wrong: the node ends the session.
      return scanStory(
        GOOD,
        steps(...start, node.pinRequired({ reason: 'policy', confirm: false, attemptsLeft: 1 })),
        {
          onPin: [steps(node.pinRejected('wrong', 0, 'WRONG_PIN_CODE'))],
        },
        { pins: ['0000'] },
      );
    default:
      // The node's verdict after the frames: UNRECOGNIZED_FACE, PAD_ATTACK, FACE_MISMATCH,
      // FACE_DUPLICATION, MINORS_NOT_ALLOWED, TIMEOUT (its session timer), PROCESSING_ERR.
      return scanStory(GOOD, steps(...start, node.verdict(name)));
  }
}

/** A successful run's end for `op`. */
export const doneStory = (op: FlowOperation): Story => scanStory(GOOD, steps(node.ready(op), ...frames(3), node.ok(RESULTS[op])));
