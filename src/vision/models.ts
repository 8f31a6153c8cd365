/** The ONNX models the engine runs, by role. Files live in `models/` (installed and SHA-checked by scripts/install-models.mjs). */
export const MODEL_FILES = {
  detect: 'fr_detect.onnx',
  landmark: 'fr_landmark.onnx',
  feature: 'fr_feature.onnx',
  liveness: 'fr_liveness.onnx',
  age: 'fr_age.onnx',
  gender: 'fr_gender.onnx',
} as const;

export type ModelName = keyof typeof MODEL_FILES;

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
  dispose(): Promise<void>;
}
