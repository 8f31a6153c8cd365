// Types shared by the inference worker test (node) and its page (browser).
import type { GuidanceHint } from '../../../src/core/camera/guidance.js';
import type { FrameSummary, InferenceInitOptions, InferenceInitResult } from '../../../src/core/inference/worker-protocol.js';

/** Raw 8-bit RGBA pixels decoded once in node and served as bytes (the browser never decodes a file). */
export interface RawRgba {
  url: string;
  width: number;
  height: number;
}

export interface PageAnalysis {
  summary: FrameSummary | null;
  /** hintFromSummary(summary), computed in the page; null when the frame was dropped. */
  guidance: GuidanceHint | null;
  /** The bitmap's width after analyze(): 0 once transferred to the worker (detached) or closed. */
  widthAfter: number;
}

declare global {
  interface Window {
    inferenceInit(options: InferenceInitOptions): Promise<InferenceInitResult>;
    inferenceAnalyze(image: RawRgba): Promise<PageAnalysis>;
    /** Two analyze() calls on the same frame without awaiting the first. */
    inferenceBusyPair(image: RawRgba): Promise<[PageAnalysis, PageAnalysis]>;
    inferenceDispose(): Promise<void>;
  }
}
