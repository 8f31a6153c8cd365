// The flow machine's `scanStream` actor over a real node: starts the session, streams frames while
// the face is well framed (one in flight, ScanStream's backpressure) — and, while a liveness
// challenge step is shown, at the challenge's pace whatever the framing (a turned head is the point),
// each frame stamped with its capture time — forwards the node's messages as machine events and the
// machine's PIN, "more time" and challenge-alternative commands to the node; its cleanup cancels
// the session.
import { fromCallback } from 'xstate';
import type { ChallengePlan, ClientSettings } from '../../protocol/index.js';
import { encodeFrameHeader, wireError } from '../../protocol/index.js';
import type { NodeClient } from '../api/node-client.js';
import { NodeError } from '../api/node-error.js';
import type { ScanStream } from '../api/scan-stream.js';
import type { CameraSession } from '../camera/camera-session.js';
import type { ScanStreamInput, StreamCommand } from '../flow/flow.types.js';
import { eventFromServer } from '../flow/flow.types.js';

export interface ScanStreamActorOptions {
  client: () => NodeClient;
  publicId: () => string;
  /** The run's camera session, once the camera is open. */
  camera: () => CameraSession | null;
  /** Frame pacing: the gap between a node's answer and the next frame (default 120 ms). */
  frameGapMs?: number;
}

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
    const gap = options.frameGapMs ?? 120;

    const pump = async (): Promise<void> => {
      if (ended || !stream) return;
      const camera = options.camera();
      const started = performance.now();
      if (camera && (camera.wellFramed || stepShown) && stream.canSendFrame) {
        const limits = settings ?? FALLBACK_LIMITS;
        // The capture time travels with the frame (frame-header.ts): the node checks it against arrival.
        const capturedAt = performance.timeOrigin + performance.now();
        const frame = await camera.capture({ maxSide: Math.min(FRAME_SIDE, limits.maxFrameSide), maxBytes: limits.maxFrameBytes });
        if (frame && !ended) await stream.sendFrame(new Blob([encodeFrameHeader(capturedAt), frame]));
      }
      // During a step, frames at the challenge's pace (a blink lasts ~150 ms: ≥ 10 per second).
      const wait = stepShown && plan ? Math.max(0, plan.frameIntervalMs - (performance.now() - started)) : gap;
      if (!ended && stream.phase !== 'done') timer = setTimeout(() => void pump(), wait);
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
      void pump();
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
