import type { ModelChoice, ModelName } from 'openfaceio/vision';
import { MODEL_FILES, MODEL_OPTIMIZATION } from 'openfaceio/vision';

/**
 * Which model files the node runs, and at which onnxruntime graph optimisation level.
 *
 * - `fast` (the default): the derived files (scripts/derive-models.mjs, pinned in models.lock.json;
 *   embeddings identical to the originals, test/vision/derived-models.test.ts) at 'all', the fastest
 *   level for every model once the subnormal weights are flushed (`npm run bench:models` measures
 *   every model × file × level and writes bench/results/models.json). fr_detect has no derived copy:
 *   no rewrite measured faster.
 * - `original`: the verified files at the library's MODEL_OPTIMIZATION, as the browser runs them.
 *   With the original files 'all' is 3× slower than 'extended' for fr_feature and fr_gender: their
 *   subnormal weights take a microcode assist in the blocked (NCHWc) kernels. The benches'
 *   `--baseline` runs this set, so before/after ratios come from one run.
 */
export type ModelSet = 'fast' | 'original';

const FAST: Partial<Record<ModelName, ModelChoice>> = {
  detect: { file: 'fr_detect.onnx', level: 'all' },
  landmark: { file: 'fr_landmark.fast.onnx', level: 'all' },
  feature: { file: 'fr_feature.fast.onnx', level: 'all' },
  liveness: { file: 'fr_liveness.fast.onnx', level: 'all' },
  age: { file: 'fr_age.fast.onnx', level: 'all' },
  gender: { file: 'fr_gender.fast.onnx', level: 'all' },
};

/** The file and level per model for a set (models a set does not list use MODEL_FILES / MODEL_OPTIMIZATION). */
export function nodeModels(set: ModelSet): Partial<Record<ModelName, ModelChoice>> {
  return set === 'fast' ? FAST : {};
}

/** The file a set runs for a model. */
export function nodeModelFile(set: ModelSet, model: ModelName): string {
  return nodeModels(set)[model]?.file ?? MODEL_FILES[model];
}

/** The level a set runs a model at. */
export function nodeModelLevel(set: ModelSet, model: ModelName): string {
  return nodeModels(set)[model]?.level ?? MODEL_OPTIMIZATION[model];
}
