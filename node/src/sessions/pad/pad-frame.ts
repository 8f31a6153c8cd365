import type { HeadPose, Point } from 'openfaceio/vision';
import { landmarkHeadPose, meanEyeAspectRatio } from 'openfaceio/vision';
import type { FrameObservation } from '../frame-analysis.js';

/** Quality issues a challenge frame may have: a turned head is the point of a turn step. */
const TOLERATED_ISSUES = new Set(['not-frontal']);

/** What PAD reads from one face: landmarks, pose, eyes, identity, passive score. */
export interface PadFace {
  landmarks: readonly Point[];
  pose: HeadPose;
  /** Mean eye aspect ratio of both eyes. */
  ear: number;
  /** fr_eye mean p(closed), when the node has fr_eye. */
  eyesClosed?: number;
  embedding: Float32Array;
  /** fr_liveness p(live). */
  liveness: number;
}

/** One received frame as PAD sees it. */
export interface PadFrame {
  /** Node clock, ms: when the frame arrived (what step timing is judged by). */
  arrivalMs: number;
  /** Client clock, ms: the capture time from the frame header (consistency checks only). */
  captureMs?: number;
  obs: FrameObservation;
  /** Set when the frame shows exactly one plausible face, big, sharp and lit enough to judge. */
  face?: PadFace;
}

export function padFrameOf(obs: FrameObservation, arrivalMs: number, captureMs?: number): PadFrame {
  const frame: PadFrame = { arrivalMs, obs, ...(captureMs === undefined ? {} : { captureMs }) };
  const main = obs.main;
  if (obs.faceCount !== 1 || !main || main.face.quality.issues.some((i) => !TOLERATED_ISSUES.has(i))) return frame;
  const landmarks = main.face.landmarks;
  frame.face = {
    landmarks,
    pose: landmarkHeadPose(landmarks),
    ear: meanEyeAspectRatio(landmarks),
    ...(main.face.eyesClosed === undefined ? {} : { eyesClosed: main.face.eyesClosed }),
    embedding: main.embedding,
    liveness: main.liveness,
  };
  return frame;
}

export type JudgedFrame = PadFrame & { face: PadFace };
export const isJudged = (f: PadFrame): f is JudgedFrame => f.face !== undefined;
