// The inference worker's protocol (CONVENTIONS.md habit 10): ONE discriminated union of messages
// `{ type, id, in?, out?, err? }`. A request carries `in` (dispose carries nothing); its answer has
// the same `type` and `id` and carries either `out` or `err`. Everything in `out` is plain data
// (structured-clone safe, no typed arrays); the only transferable is the request's ImageBitmap.
// What a summary means for the user (the guidance hint) is src/core/camera/guidance.ts.
import type { Box, FivePoints, QualityIssue } from '../../vision/index.js';
import type { WebBackend } from './ort-web-runner.js';

/** `init`'s input: how the worker creates its onnxruntime-web runner (see WebRunnerOptions). */
export interface InferenceInitOptions {
  /** Where the models/ files are served. */
  modelBaseUrl: string;
  /** URL prefix (ending in '/') of onnxruntime-web's dist files, served untouched. */
  wasmPaths: string;
  preferWebGPU?: boolean;
  threads?: number;
}

export interface InferenceInitResult {
  /** The execution provider the runner tried first. */
  backend: WebBackend;
}

/** The quality numbers of the main face (image pixels, degrees, 0..255 luma). */
export interface QualitySummary {
  issues: QualityIssue[];
  yaw: number;
  pitch: number;
  roll: number;
  sharpness: number;
  brightness: number;
  interocular: number;
  /** Detector box width in pixels. */
  faceWidth: number;
}

/** A weak, single-frame liveness hint (the node decides liveness across frames). */
export type LivenessHint = 'live' | 'spoof';

/** p(live) at or above which a single frame is hinted 'live'. */
export const LIVENESS_HINT_THRESHOLD = 0.5;

export interface MainFaceSummary {
  box: Box;
  /** Detector confidence. */
  score: number;
  keypoints: FivePoints;
  quality: QualitySummary;
  /** p(live) from the passive anti-spoofing model. */
  liveness: number;
  livenessHint: LivenessHint;
}

/** `analyze`'s output: a small summary of one frame. */
export interface FrameSummary {
  /** Frame size in pixels. */
  width: number;
  height: number;
  /** Plausible faces in the frame. */
  faces: number;
  /** The largest plausible face; null when there is none. */
  main: MainFaceSummary | null;
}

export interface AnalyzeInput {
  /** Transferred to the worker (detached on the sender), closed by the worker. */
  bitmap: ImageBitmap;
}

export interface WorkerError {
  message: string;
}

export type WorkerRequest =
  { type: 'init'; id: number; in: InferenceInitOptions } | { type: 'analyze'; id: number; in: AnalyzeInput } | { type: 'dispose'; id: number };

export type WorkerResponse =
  | { type: 'init'; id: number; out: InferenceInitResult }
  | { type: 'analyze'; id: number; out: FrameSummary }
  | { type: 'dispose'; id: number; out: null }
  | { type: WorkerRequest['type']; id: number; err: WorkerError };

/** The protocol: every message that crosses the worker boundary. */
export type WorkerMessage = WorkerRequest | WorkerResponse;

export type WorkerMessageType = WorkerMessage['type'];

/** The `out` of a successful answer to a request of type T. */
export type WorkerOutput<T extends WorkerMessageType> = Extract<WorkerResponse, { type: T; out: unknown }>['out'];
