/** The ONNX models the engine runs, by role. Files live in `models/` (installed and SHA-checked by scripts/install-models.mjs). */
export const MODEL_FILES = {
  detect: 'fr_detect.onnx',
  landmark: 'fr_landmark.onnx',
  feature: 'fr_feature.onnx',
  liveness: 'fr_liveness.onnx',
  age: 'fr_age.onnx',
  gender: 'fr_gender.onnx',
  /** Optional: eye openness for the blink challenge (without it, blinks are judged from landmarks alone). */
  eye: 'fr_eye.onnx',
} as const;

export type ModelName = keyof typeof MODEL_FILES;

/** Models a runner may lack: the feature that needs one is skipped (a node without fr_eye judges blinks from landmarks alone). */
export const OPTIONAL_MODELS: ReadonlySet<ModelName> = new Set<ModelName>(['eye']);

/** The models every runner must have. */
export const REQUIRED_MODELS = (Object.keys(MODEL_FILES) as ModelName[]).filter((m) => !OPTIONAL_MODELS.has(m));

/**
 * onnxruntime graph optimisation level per model for these (verified, original) files, measured
 * (ort-node 1.30, 1 thread): 'all' adds layout (NCHWc) transforms that make fr_detect 3× and
 * fr_landmark 3.5× faster but fr_feature and fr_gender 3× slower — not the graph's fault: their
 * subnormal weights take a microcode assist in the blocked kernels. The node runs copies with those
 * flushed, at 'all' for every model (node/src/vision/node-models.ts, `npm run bench:models`).
 */
export const MODEL_OPTIMIZATION: Record<ModelName, 'extended' | 'all'> = {
  detect: 'all',
  landmark: 'all',
  feature: 'extended',
  liveness: 'all',
  age: 'all',
  gender: 'extended',
  eye: 'all',
};

export interface TensorInput {
  readonly data: Float32Array;
  readonly dims: readonly number[];
}

/**
 * Runs one model on one float32 input and returns its outputs in the model's declared output
 * order. The engine only talks to this interface, so the same pre/post-processing runs under
 * onnxruntime-node on the server and onnxruntime-web in the browser worker.
 */
export interface ModelRunner {
  run(model: ModelName, input: TensorInput): Promise<Float32Array[]>;
  /** Loads the given models ahead of use (so the first frame is not slow). */
  warm?(models: readonly ModelName[]): Promise<void>;
  /** Whether an optional model is there to run (absent: every model is assumed present). */
  has?(model: ModelName): boolean;
  dispose(): Promise<void>;
}
