import { availableParallelism } from 'node:os';
import type { FrameObservation } from '../../sessions/frame-analysis.js';
import type { FrameAnalyzer, FrameLane, ObserveOptions } from '../../sessions/frame-analyzer.js';
import { ImageInputError, type ImageErrorCode } from '../decode.js';
import { AdmissionControl, DEFAULT_VERDICT_DEADLINE_MS } from './admission.js';
import type { FrameRequest, FrameWorkerOptions } from './frame-worker.js';
import { InferencePool, JobCancelledError, JobError } from './inference-pool.js';

export interface FramePoolOptions extends FrameWorkerOptions {
  /** Worker threads; default: the cores this process may use (os.availableParallelism()). */
  size?: number;
  /** Admission control's verdict deadline, ms (admission.ts). */
  deadlineMs?: number;
  /** The workers' job module (default ./frame-worker.ts; tests wrap it). */
  module?: string;
}

/** A frame analysed in a worker comes back as the worker saw it; an ImageInputError keeps its class (the session turns it into PROCESSING_ERR with its message). */
function rethrow(error: unknown): never {
  if (error instanceof JobError && error.name === 'ImageInputError') throw new ImageInputError(error.code as ImageErrorCode, error.message);
  throw error;
}

/**
 * The node's frame analysis (DESIGN.md §4): a pool of worker threads that own the ONNX sessions,
 * one per core by default, with admission control. Resolves once every worker has its models.
 */
export async function createFramePool(options: FramePoolOptions = {}): Promise<FrameAnalyzer> {
  const pool = new InferencePool<FrameRequest, FrameObservation>({
    size: options.size ?? Math.max(1, availableParallelism()),
    module: options.module ?? new URL('./frame-worker.ts', import.meta.url).href,
    options: { models: options.models, modelsDir: options.modelsDir } satisfies FrameWorkerOptions,
  });
  try {
    await pool.start();
  } catch (error) {
    await pool.close();
    throw error;
  }
  const admission = new AdmissionControl(() => pool.load(), { deadlineMs: options.deadlineMs ?? DEFAULT_VERDICT_DEADLINE_MS });
  let lanes = 0;
  return {
    openLane(expectedFrames: number): FrameLane {
      const lane = ++lanes;
      admission.opened(lane, expectedFrames);
      let open = true;
      return {
        analyze(bytes: Uint8Array, observe: ObserveOptions, last: boolean) {
          if (!open) return Promise.reject(new JobCancelledError('the session ended'));
          admission.submitted(lane);
          // A compact copy whose buffer moves to the worker (a frame from the socket may share a larger buffer).
          const copy = new Uint8Array(bytes);
          return pool.run(lane, last, { bytes: copy, options: observe }, [copy.buffer]).catch(rethrow);
        },
        close() {
          if (!open) return;
          open = false;
          admission.closed(lane);
          pool.cancelLane(lane);
        },
      };
    },
    admit: (frames) => admission.admit(frames),
    close: () => pool.close(),
  };
}
