import type { VisionEngine } from 'openfaceio/vision';
import type { FrameObservation } from './frame-analysis.js';
import { observeFrame } from './frame-analysis.js';

/** What a session asks of each frame (frame-analysis.ts decides what runs on it). */
export type ObserveOptions = Parameters<typeof observeFrame>[2];

/** One scan session's access to frame analysis. */
export interface FrameLane {
  /**
   * Analyses one frame (JPEG / WebP bytes). A session's frames may be analysed in parallel; the
   * session evaluates the results in the order the frames came. `last`: with this frame the
   * session may have what its verdict needs (such frames go first, frame-queue.ts).
   */
  analyze(bytes: Uint8Array, options: ObserveOptions, last: boolean): Promise<FrameObservation>;
  /** The session ended: its waiting frames are dropped. */
  close(): void;
}

/**
 * Frame analysis as scan sessions see it: a pool of worker threads (vision/pool/frame-pool.ts, the
 * node's default) or the engine on the event loop (`inlineFrameAnalyzer`: tests, the benches'
 * baseline).
 */
export interface FrameAnalyzer {
  /** A lane per session; `expectedFrames` (the frames its verdict needs) counts toward admission until they arrive. */
  openLane(expectedFrames: number): FrameLane;
  /**
   * Admission control for a new session needing `frames` frames: null admits it (and reserves its
   * share for a while), a number refuses it — the seconds after which to retry.
   */
  admit(frames: number): number | null;
  close(): Promise<void>;
}

/** Analyses on the event loop, one engine for every session: no admission control (what the node did before the pool). */
export function inlineFrameAnalyzer(engine: VisionEngine): FrameAnalyzer {
  return {
    openLane: () => ({ analyze: (bytes, options) => observeFrame(engine, bytes, options), close: () => undefined }),
    admit: () => null,
    close: async () => undefined,
  };
}
