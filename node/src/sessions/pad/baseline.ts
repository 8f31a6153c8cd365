import type { Point, PoseBaseline } from 'openfaceio/vision';
import { fuseEmbeddings, meanShape, poseBaseline } from 'openfaceio/vision';
import type { JudgedFrame } from './pad-frame.js';
import { PAD_THRESHOLDS } from './thresholds.js';

/** The session's own frontal reference: what turns are measured from and whose face every step must show. */
export interface SessionBaseline {
  pose: PoseBaseline;
  /** Procrustes mean of the baseline frames' landmarks (the rigidity reference). */
  shape: Point[];
  /** Fused embedding of the baseline frames (the identity reference). */
  template: Float32Array;
  /** Arrival time of the last baseline frame. */
  at: number;
}

const spread = (values: number[]): number => Math.max(...values) - Math.min(...values);

/**
 * The first run of `frames` consecutive judged frames that look at the camera (absolute gate) and
 * hold still (yaw and pitch spread); null until there is one.
 */
export function findBaseline(frames: readonly JudgedFrame[], t = PAD_THRESHOLDS.baseline): SessionBaseline | null {
  const frontal = (f: JudgedFrame) => Math.abs(f.face.pose.yaw) <= t.absoluteYaw && Math.abs(f.face.pose.pitch) <= t.absolutePitch;
  for (let end = t.frames; end <= frames.length; end++) {
    const run = frames.slice(end - t.frames, end);
    if (!run.every(frontal)) continue;
    if (spread(run.map((f) => f.face.pose.yaw)) > t.maxSpread || spread(run.map((f) => f.face.pose.pitch)) > t.maxSpread) continue;
    return {
      pose: poseBaseline(run.map((f) => f.face.pose)),
      shape: meanShape(run.map((f) => f.face.landmarks)),
      template: fuseEmbeddings(run.map((f) => f.face.embedding)),
      at: run[run.length - 1]!.arrivalMs,
    };
  }
  return null;
}
