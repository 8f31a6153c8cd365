// Types shared by the element tests (node) and their page (browser, elements.page.ts).
import type { CameraInput, FlowEvent, FlowPhase, ScanStreamInput, StreamCommand } from '../../src/core/flow/flow.types.js';

export type ElementTag = 'faceio-enroll' | 'faceio-authenticate';

/** What the fake camera and the fake node saw, since the last mount. */
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

/** A faceio-* event as the element dispatched it. */
export interface RecordedEvent {
  type: string;
  detail: Record<string, unknown>;
  bubbles: boolean;
  composed: boolean;
  /** The element's phase when the event was dispatched. */
  phase: FlowPhase;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  /** `target: failure summary` of each offending node. */
  nodes: string[];
}

/** Where focus is inside the element's shadow root (null: outside the element). */
export interface FocusInfo {
  tag: string;
  part: string;
  text: string;
  /** `data-index` of a PIN digit box. */
  index: string | null;
}

export interface ElementsPageApi {
  /** Replaces the element under test (the previous one is disconnected, its run closed); `children` is light-DOM HTML (slotted content). */
  mount(tag: ElementTag, attrs: Record<string, string>, children?: string): Promise<void>;
  /** Waits for the element's pending renders (and the focus moves they schedule). */
  settle(): Promise<void>;
  /** The fake actors: `send` is what the real camera / node actor would `sendBack`. */
  fake: {
    camera: { send(event: FlowEvent): Promise<void> };
    node: { send(event: FlowEvent): Promise<void> };
    log: FakeLog;
  };
  events: RecordedEvent[];
  focused(): FocusInfo | null;
  /** Types a PIN as an autofill or a paste into the first box would (the controller spreads it), without submitting. */
  typePin(pin: string): Promise<void>;
  /** Clicks the first element of a part (`primary-button`) in the shadow root. */
  clickPart(part: string): Promise<void>;
  /** axe-core on the element (its shadow tree included) with the WCAG 2.0–2.2 A/AA rules. */
  axe(): Promise<AxeViolation[]>;
  /** Mounts a probe whose shadow root holds an unlabelled input: proves axe looks into shadow roots. */
  mountAxeProbe(): void;
  /**
   * Starts `new FaceIO(…).<method>()`: its modal's element runs on the fake actors and becomes the
   * element under test. `faceioOutcome()` is what the call settled with (null while pending).
   */
  faceio(method: 'enroll' | 'authenticate', options: { closeDelayMs?: number }): Promise<void>;
  faceioOutcome(): { result?: unknown; code?: unknown } | null;
}

declare global {
  interface Window {
    elements: ElementsPageApi;
  }
}
