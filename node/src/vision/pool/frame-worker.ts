// The job module of an inference worker (loaded by worker-entry.mjs): the worker owns a vision
// engine (its own ONNX sessions), takes a frame's JPEG / WebP bytes, decodes and analyses it here —
// the pixels never cross threads — and answers the session's numbers (a FrameObservation).
import type { ModelName } from 'openfaceio/vision';
import { VisionEngine } from 'openfaceio/vision';
import type { FrameObservation } from '../../sessions/frame-analysis.js';
import { observeFrame } from '../../sessions/frame-analysis.js';
import type { ObserveOptions } from '../../sessions/frame-analyzer.js';
import type { ModelSet } from '../node-models.js';
import { createNodeRunner } from '../node-engine.js';

export interface FrameRequest {
  bytes: Uint8Array;
  options: ObserveOptions;
}

export interface FrameWorkerOptions {
  models?: ModelSet;
  modelsDir?: string;
}

/** The models a frame can need, loaded before the worker says ready (the first frame is not slow); fr_eye where installed. */
const FRAME_MODELS: readonly ModelName[] = ['detect', 'landmark', 'feature', 'liveness', 'age', 'gender', 'eye'];

export async function createJobHandler(options: FrameWorkerOptions = {}): Promise<(request: FrameRequest) => Promise<FrameObservation>> {
  const runner = createNodeRunner(options);
  await runner.warm?.(FRAME_MODELS.filter((m) => runner.has?.(m) ?? true));
  const engine = new VisionEngine(runner);
  return (request) => observeFrame(engine, request.bytes, request.options);
}
