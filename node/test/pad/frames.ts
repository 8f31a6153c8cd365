import type { FacePose } from '../../../test/helpers/synthetic-face.js';
import { syntheticLandmarks } from '../../../test/helpers/synthetic-face.js';
import type { FrameObservation } from '../../src/sessions/frame-analysis.js';
import type { PadFrame } from '../../src/sessions/pad/pad-frame.js';
import { padFrameOf } from '../../src/sessions/pad/pad-frame.js';

/** A deterministic unit vector per person (their embedding), with a little per-frame noise. */
export function personEmbedding(person: number, noise = 0, seed = 0): Float32Array {
  const v = new Float32Array(512);
  let a = (person * 7919 + seed * 104729 + 1) >>> 0;
  const next = () => {
    a = (a * 1664525 + 1013904223) >>> 0;
    return a / 4294967296 - 0.5;
  };
  for (let i = 0; i < 512; i++) v[i] = Math.sin(i * (0.71 + person * 0.377) + person) + noise * next();
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

export interface FrameSpec extends FacePose {
  t: number;
  captureMs?: number;
  person?: number;
  liveness?: number;
  /** fr_eye p(closed); default from eyeOpen. */
  eyesClosed?: number;
  /** Same pixels as another frame (a looped still). */
  hash?: string;
  faces?: number;
}

let counter = 0;

/** A PadFrame of the synthetic face, as the node would have analysed it. */
export function frame(spec: FrameSpec): PadFrame {
  const landmarks = syntheticLandmarks(spec);
  const faces = spec.faces ?? 1;
  const obs = {
    faceCount: faces,
    pixelHash: spec.hash ?? `frame-${counter++}`,
    width: 640,
    height: 480,
    secondFaceRatio: 0,
    ...(faces > 0
      ? {
          main: {
            face: {
              box: { x1: 250, y1: 160, x2: 390, y2: 330 },
              score: 0.99,
              landmarks,
              keypoints: {
                leftEye: landmarks[37]!,
                rightEye: landmarks[43]!,
                nose: landmarks[30]!,
                mouthLeft: landmarks[48]!,
                mouthRight: landmarks[54]!,
              },
              quality: { faceWidth: 140, interocular: 50, sharpness: 100, brightness: 120, yaw: 0, pitch: 0, roll: 0, issues: [] },
              faceness: 20,
              eyesClosed: spec.eyesClosed ?? ((spec.eyeOpen ?? 1) < 0.5 ? 0.99 : 0.01),
            },
            embedding: personEmbedding(spec.person ?? 1, 0.3, counter),
            liveness: spec.liveness ?? 0.99,
            patch: new Float32Array(16).map((_, i) => Math.sin(i + counter)),
          },
        }
      : {}),
  } as unknown as FrameObservation;
  return padFrameOf(obs, spec.t, spec.captureMs);
}

/** Frames every `step` ms from `from`, with the pose a function of time. */
export function clip(from: number, to: number, step: number, at: (t: number) => Omit<FrameSpec, 't'>): PadFrame[] {
  const out: PadFrame[] = [];
  for (let t = from; t < to; t += step) out.push(frame({ t, ...at(t) }));
  return out;
}
