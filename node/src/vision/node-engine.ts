import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import type { EngineOptions, ModelName, ModelRunner, OrtLike } from 'openfaceio/vision';
import { createOrtRunner, MODEL_FILES, REQUIRED_MODELS, VisionEngine } from 'openfaceio/vision';
import type { ModelSet } from './node-models.js';
import { nodeModelFile, nodeModels } from './node-models.js';

/** models/ at the node package's root unless OPENFACEIO_MODELS_DIR says otherwise. */
export function modelsDirectory(): string {
  return process.env.OPENFACEIO_MODELS_DIR ?? resolve(fileURLToPath(new URL('../../models', import.meta.url)));
}

export class ModelsMissingError extends Error {
  constructor(dir: string, missing: string[]) {
    super(`model files missing in ${dir}: ${missing.join(', ')}. Install them with: npx openfaceio models (in this repository: npm run models)`);
    this.name = 'ModelsMissingError';
  }
}

export interface NodeEngineOptions extends EngineOptions {
  modelsDir?: string;
  /** onnxruntime intra-op threads. 1 per process: on small CPUs 2 threads with spinning was 2× slower end to end. */
  threads?: number;
  /** The derived files (default) or the verified originals (node-models.ts). */
  models?: ModelSet;
}

/**
 * The model runner on onnxruntime-node (CPU). Fails fast, with the fix, when a required model file
 * is missing; an optional one (fr_eye) that is missing only turns its feature off (`has`).
 */
export function createNodeRunner(options: Pick<NodeEngineOptions, 'modelsDir' | 'threads' | 'models'> = {}): ModelRunner {
  const dir = options.modelsDir ?? modelsDirectory();
  const set = options.models ?? 'fast';
  const missing = REQUIRED_MODELS.map((m) => nodeModelFile(set, m)).filter((f) => !existsSync(join(dir, f)));
  if (missing.length > 0) throw new ModelsMissingError(dir, missing);
  const present = new Set((Object.keys(MODEL_FILES) as ModelName[]).filter((m) => existsSync(join(dir, nodeModelFile(set, m)))));
  const threads = options.threads ?? 1;
  const runner = createOrtRunner(
    ort as unknown as OrtLike,
    async (file) => join(dir, file),
    {
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      // fr_age lists its initializers as inputs and floods the log with warnings about it.
      logSeverityLevel: 3,
    },
    nodeModels(set),
  );
  return { ...runner, has: (model) => present.has(model) };
}

/** The vision engine on onnxruntime-node (CPU). */
export function createNodeEngine(options: NodeEngineOptions = {}): VisionEngine {
  return new VisionEngine(createNodeRunner(options), options);
}
