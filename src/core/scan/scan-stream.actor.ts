// The flow machine's `scanStream` actor over a real node: starts the session, streams frames while
// the face is well framed (pipelined: as many in flight as the session still needs, up to the node's
// limit) — and, while a liveness challenge step is shown, at the challenge's pace whatever the
// framing (a turned head is the point), each frame stamped with its capture time — forwards the
// node's messages as machine events and the machine's PIN, "more time" and challenge-alternative
// commands to the node; its cleanup cancels the session.
import { fromCallback } from 'xstate';
import type { ChallengePlan, ClientSettings } from '../../protocol/index.js';
import { encodeFrameHeader, wireError } from '../../protocol/index.js';
import type { NodeClient } from '../api/node-client.js';
import { NodeError } from '../api/node-error.js';
import type { FrameAnswer, ScanStream } from '../api/scan-stream.js';
import type { CameraSession } from '../camera/camera-session.js';
import type { ScanStreamInput, StreamCommand } from '../flow/flow.types.js';
import { eventFromServer } from '../flow/flow.types.js';

export interface ScanStreamActorOptions {
  client: () => NodeClient;
  publicId: () => string;
  /** The run's camera session, once the camera is open. */
  camera: () => CameraSession | null;
  /**
   * Least time between two frames taken (default 100 ms). Frames must be different camera frames
   * (the node takes identical frames for a replayed still; a camera may present the same picture
   * twice) and a little apart in time for the node's cross-frame checks; PAD's blink steps pace
   * frames at 100 ms too.
   */
  frameIntervalMs?: number;
  /**
   * After the node found a frame unusable (no face, several, a quality issue), wait this long for
   * the guidance to catch up before the next one (default 100 ms: one tracking tick). A usable
   * frame's answer needs no wait.
   */
  feedbackGapMs?: number;
}

/** The node's answers that say a frame was not usable: the guidance should catch up before the next. */
const UNUSABLE: ReadonlySet<string> = new Set(['no-face', 'many-faces', 'face-quality']);

/** How often the pump looks for a free slot and a well-framed face (cheap: no capture unless both). */
const PUMP_TICK_MS = 15;

/** The node's limits before its `ready` arrives (the defaults it announces). */
const FALLBACK_LIMITS = { maxFrameSide: 640, maxFrameBytes: 512 * 1024 } as const;
/** Frames go at ≤ 640 px whatever the node allows: more costs bandwidth and adds nothing to 112×112 crops. */
const FRAME_SIDE = 640;

export function scanStreamActor(options: ScanStreamActorOptions) {
  return fromCallback<StreamCommand, ScanStreamInput>(({ input, sendBack, receive }) => {
    const abort = new AbortController();
    let stream: ScanStream | null = null;
    let settings: ClientSettings | null = null;
    let plan: ChallengePlan | null = null;
    /** A challenge step is on screen (the node's last `challenge` message named one). */
    let stepShown = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let ended = false;
    const interval = options.frameIntervalMs ?? 100;
    const feedbackGap = options.feedbackGapMs ?? 100;
    /** No capture before this (performance.now()): the frame interval, or the wait after an unusable frame. */
    let notBefore = 0;
    /** Frames the node still needs (from its last progress; the session's minimum until then). */
    let stillNeeded = 1;
    /** Frames being encoded, not sent yet: they count as in flight. */
    let encoding = 0;
    /** Frames go in the order they were taken, whichever encode finishes first. */
    let sends: Promise<void> = Promise.resolve();

    const answered = (answer: FrameAnswer | null): void => {
      // A challenge's progress counts steps, not frames: its frames flow at its own pace.
      if (answer?.type !== 'progress' || answer.event === 'challenge') return;
      stillNeeded = Math.max(1, answer.needed - answer.accepted);
      if (UNUSABLE.has(answer.event) && !stepShown) notBefore = Math.max(notBefore, performance.now() + feedbackGap);
    };

    const pump = (): void => {
      const s = stream;
      if (ended || !s) return;
      const camera = options.camera();
      // As many frames in flight as the verdict still needs (during a challenge step: a steady
      // stream), up to the node's limit. A frame is taken when its turn comes and encoded
      // meanwhile: the next may be taken before it is sent.
      const inFlight = s.framesInFlight + encoding;
      const wanted = Math.min(stepShown ? s.frameLimit : stillNeeded, s.frameLimit);
      if (camera) camera.sending = inFlight > 0;
      if (camera && (camera.wellFramed || stepShown) && s.phase === 'scanning' && inFlight < wanted && performance.now() >= notBefore) {
        const limits = settings ?? FALLBACK_LIMITS;
        // During a step, frames at the challenge's pace (a blink lasts ~150 ms: ≥ 10 per second).
        notBefore = performance.now() + (stepShown && plan ? plan.frameIntervalMs : interval);
        encoding++;
        // The capture time travels with the frame (frame-header.ts): the node checks it against arrival.
        const capturedAt = performance.timeOrigin + performance.now();
        const frame = camera.capture({ maxSide: Math.min(FRAME_SIDE, limits.maxFrameSide), maxBytes: limits.maxFrameBytes }).catch(() => null);
        sends = sends.then(async () => {
          const blob = await frame;
          encoding--;
          if (blob && !ended) void s.sendFrame(new Blob([encodeFrameHeader(capturedAt), blob])).then(answered);
        });
      }
      if (!ended && s.phase !== 'done') timer = setTimeout(pump, PUMP_TICK_MS);
    };

    const run = async (): Promise<void> => {
      const client = options.client();
      const started = await client.startSession(
        {
          publicId: options.publicId(),
          op: input.op,
          ...(input.payload !== undefined ? { payload: input.payload } : {}),
          ...(input.facialId ? { facialId: input.facialId } : {}),
          ...(input.locale ? { locale: input.locale } : {}),
          ...(input.signOnToken ? { signOnToken: input.signOnToken } : {}),
        },
        { signal: abort.signal },
      );
      if (ended) return;
      stream = client.openStream(started);
      settings = started.settings;
      stream.setFramesInFlight(started.settings.framesInFlight);
      stillNeeded = started.settings.minFrames;
      stream.on('ready', (message) => {
        settings = message.settings;
        plan = message.challenge ?? null;
        sendBack(eventFromServer(message));
      });
      stream.on('challenge', (message) => {
        stepShown = message.index < message.steps.length;
        sendBack(eventFromServer(message));
      });
      stream.on('progress', (message) => sendBack(eventFromServer(message)));
      stream.on('pin-required', (message) => sendBack(eventFromServer(message)));
      stream.on('pin-rejected', (message) => sendBack(eventFromServer(message)));
      stream.on('verdict', (message) => sendBack(eventFromServer(message)));
      const camera = options.camera();
      stream.sendHello(camera ? { virtualCamera: camera.virtualCamera, cameraLabel: camera.label.slice(0, 120) } : {});
      pump();
    };

    run().catch((error: unknown) => {
      if (ended) return;
      const wire = error instanceof NodeError ? error.wire : wireError('PROCESSING_ERR', error instanceof Error ? error.message : String(error));
      sendBack({ type: 'NODE.ERROR', error: wire });
    });

    receive((command) => {
      if (command.type === 'extend') stream?.sendExtend();
      else if (command.type === 'challenge-alternative') stream?.sendChallengeAlternative();
      else if (command.type === 'cancel') stream?.cancel(command.reason);
      else stream?.sendPin(command.pin, command.confirm);
    });

    return () => {
      ended = true;
      clearTimeout(timer);
      abort.abort();
      stream?.cancel();
    };
  });
}
