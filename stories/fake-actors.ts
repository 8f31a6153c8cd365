// The playground's stand-ins for the camera and the processing node (CONVENTIONS habit 12): XState
// `fromCallback` actors, given to the element's `actors` property, that play a small script — the
// camera's answer to the permission prompt, the face tracker's hints, the node's messages (as wire
// messages, through the same `eventFromServer` the real scan stream uses) and its answers to PINs.
// Nothing here opens a camera, loads a model or touches the network.
import { fromCallback } from 'xstate';
import type { FlowActors } from '../src/controllers/flow.controller.js';
import type { CameraInput, FaceBox, FlowEvent, GuidanceHint, PinRequest, ScanStreamInput, StreamCommand } from '../src/core/flow/flow.types.js';
import { eventFromServer } from '../src/core/flow/flow.types.js';
import type {
  ChallengePlan,
  ChallengeStep,
  ClientSettings,
  FioErrorName,
  PinRejection,
  SessionOperation,
  SessionResult,
} from '../src/protocol/index.js';
import { DEFAULT_SESSION_TIME_LIMITS, wireError } from '../src/protocol/index.js';

/** One scripted event, sent `after` ms after the previous one (default {@link STEP_MS}). */
export interface Step {
  after?: number;
  event: FlowEvent;
}

/** A face tracker hint with the number of faces it saw (and where the main one is: the oval goes there). */
export interface Hint {
  hint: GuidanceHint;
  faces: number;
  face?: FaceBox;
}

/** A face box as the tracker reports it: shares of a 640×480 frame, unmirrored; a 3:4 box of `width`. */
export const face = (x: number, y: number, width: number): FaceBox => ({
  x,
  y,
  width,
  height: (width * 640 * 1.1) / 480,
  frame: { width: 640, height: 480 },
});

export interface FakeScript {
  /** How the camera answers the permission prompt (default `granted`); `pending` never answers. */
  permission?: 'granted' | 'denied' | 'no-camera' | 'pending';
  /** ms before the answer (default 300: long enough to see the permission phase flash by). */
  permissionAfter?: number;
  /** The camera actor fails to start (the machine reports the error's `code`, else UI_NOT_READY). */
  cameraFails?: Error & { code?: number };
  /**
   * The tracker's hints once the camera is granted, played in a loop every `guidanceEvery` ms (a
   * real tracker never stops reporting; the machine only listens during the scan).
   */
  guidance?: Hint[];
  /** ms between two hints (default 400). */
  guidanceEvery?: number;
  /** The node's messages, from the moment the scan session opens. */
  node?: Step[];
  /** The node's answers to the 1st, 2nd, … PIN the user sends. */
  onPin?: Step[][];
}

/** Default gap between two scripted events. */
export const STEP_MS = 250;

/** Plays `steps` through `send`; returns the cancel function (an actor's cleanup). */
function play(steps: readonly Step[], send: (event: FlowEvent) => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let index = 0;
  const next = (): void => {
    const step = steps[index++];
    if (!step) return;
    timer = setTimeout(() => {
      send(step.event);
      next();
    }, step.after ?? STEP_MS);
  };
  next();
  return () => clearTimeout(timer);
}

const PERMISSION_EVENTS = {
  granted: { type: 'PERMISSION.GRANTED' },
  denied: { type: 'PERMISSION.DENIED' },
  'no-camera': { type: 'PERMISSION.NO_CAMERA' },
} as const satisfies Record<string, FlowEvent>;

/**
 * The `camera` and `scanStream` actors for one script. Each run (and each FLOW.RESTART, e.g. the
 * "Try again" button) replays it from the start.
 */
export function fakeActors(script: FakeScript): FlowActors {
  const camera = fromCallback<FlowEvent, CameraInput>(({ sendBack }) => {
    if (script.cameraFails) throw script.cameraFails;
    const permission = script.permission ?? 'granted';
    if (permission === 'pending') return () => undefined;
    let tracker: ReturnType<typeof setInterval> | undefined;
    const answer = setTimeout(() => {
      sendBack(PERMISSION_EVENTS[permission]);
      const hints = script.guidance ?? [];
      if (permission !== 'granted' || hints.length === 0) return;
      let i = 0;
      const report = (): void => {
        const { hint, faces, face } = hints[i++ % hints.length]!;
        sendBack({ type: 'SCAN.GUIDANCE', hint, faces, ...(face ? { face } : {}) });
      };
      report();
      tracker = setInterval(report, script.guidanceEvery ?? 400);
    }, script.permissionAfter ?? 300);
    return () => {
      clearTimeout(answer);
      clearInterval(tracker);
    };
  });

  const scanStream = fromCallback<StreamCommand, ScanStreamInput>(({ sendBack, receive }) => {
    const cancels = [play(script.node ?? [], sendBack)];
    let pins = 0;
    receive(() => {
      const answer = script.onPin?.[pins++];
      if (answer) cancels.push(play(answer, sendBack));
    });
    return () => cancels.forEach((cancel) => cancel());
  });

  return { camera, scanStream };
}

// ---- the node's messages, as the real scan stream actor turns them into machine events ----

/** A plausible `ready` for a default application (server/sessions/client-settings.ts builds the real one). */
export const DEFAULT_SETTINGS: ClientSettings = {
  pinPolicy: 'on-doubt',
  pinLength: { min: 4, max: 4 },
  rejectWeakPin: true,
  pad: true,
  minFrames: 3,
  maxFrames: 40,
  maxFrameBytes: 512 * 1024,
  maxFrameSide: 1280,
};

export const node = {
  ready: (op: SessionOperation = 'enroll', settings: Partial<ClientSettings> = {}, challenge?: ChallengePlan): FlowEvent =>
    eventFromServer({
      type: 'ready',
      op,
      settings: { ...DEFAULT_SETTINGS, ...settings },
      limits: DEFAULT_SESSION_TIME_LIMITS,
      ...(challenge ? { challenge } : {}),
    }),
  /** The node shows challenge step `index` (index = steps.length: none), and its progress message. */
  challenge: (steps: ChallengeStep[], index: number): FlowEvent[] => [
    eventFromServer({ type: 'challenge', steps, index, windowMs: 6000 }),
    eventFromServer({ type: 'progress', event: 'challenge', accepted: index, needed: steps.length }),
  ],
  progress: (accepted: number, needed: number): FlowEvent => eventFromServer({ type: 'progress', event: 'need-more-frames', accepted, needed }),
  pinRequired: (request: Partial<PinRequest> = {}): FlowEvent =>
    eventFromServer({ type: 'pin-required', reason: 'enroll', digits: { min: 4, max: 4 }, confirm: true, attemptsLeft: 3, ...request }),
  pinRejected: (reason: PinRejection, attemptsLeft: number, error?: FioErrorName): FlowEvent =>
    eventFromServer({ type: 'pin-rejected', reason, attemptsLeft, ...(error ? { error: wireError(error, `node says ${error}`) } : {}) }),
  ok: (result: SessionResult): FlowEvent => eventFromServer({ type: 'verdict', ok: true, result }),
  verdict: (error: FioErrorName): FlowEvent => eventFromServer({ type: 'verdict', ok: false, error: wireError(error, `node says ${error}`) }),
  /** The session could not start or the connection broke: HTTP errors carry a wire error, a dropped socket none. */
  failure: (error?: FioErrorName): FlowEvent =>
    error ? { type: 'NODE.ERROR', error: wireError(error, `node refused: ${error}`) } : { type: 'NODE.ERROR' },
};

/** A challenge the node drew: these steps, 6 s each, the blink-only variant offered. */
export const challengePlan = (steps: ChallengeStep[]): ChallengePlan => ({
  steps: steps.map((step) => ({ step, windowMs: 6000 })),
  frameIntervalMs: 100,
  alternative: 'blink-only',
});

/** Steps at the default pace. */
export const steps = (...events: FlowEvent[]): Step[] => events.map((event) => ({ event }));

/** The node accepting `needed` frames one by one (the scan fills, then the flow waits for the verdict). */
export const frames = (needed = 3): FlowEvent[] => Array.from({ length: needed }, (_, i) => node.progress(i + 1, needed));

export const RESULTS = {
  enroll: { facialId: 'ofid_3f9c2e7a-demo', timestamp: '2025-01-01T12:00:00.000Z', details: { gender: 'female', age: 31 } },
  authenticate: { facialId: 'ofid_3f9c2e7a-demo', payload: { user: 'ada@example.com' } },
  liveness: { live: true, score: 0.97 },
  age: { age: 34, adult: true },
} as const satisfies Record<SessionOperation, SessionResult>;

/** A face framed well, as the tracker reports it while the scan runs. */
export const GOOD: Hint[] = [{ hint: 'good', faces: 1 }];
