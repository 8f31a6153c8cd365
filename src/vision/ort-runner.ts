import type { ModelName, ModelRunner, TensorInput } from './models.js';
import { MODEL_FILES, MODEL_OPTIMIZATION } from './models.js';

/** The slice of onnxruntime's API (identical in onnxruntime-node and onnxruntime-web) the runner uses. */
export interface OrtSessionLike {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Record<string, unknown>): Promise<Record<string, { data: unknown }>>;
  release?(): Promise<void>;
}
export interface OrtLike {
  InferenceSession: { create(model: never, options?: never): Promise<OrtSessionLike> };
  Tensor: new (type: 'float32', data: Float32Array, dims: readonly number[]) => unknown;
}

/** Where a model's bytes come from: a file path (node) or fetched bytes (browser). */
export type ModelSource = (file: string) => Promise<string | Uint8Array>;

/** onnxruntime's graph optimisation levels. */
export type OptimizationLevel = 'disabled' | 'basic' | 'extended' | 'all';

/** A runtime's own file and graph optimisation level for a model (the node runs derived files, node/src/vision/node-models.ts). */
export interface ModelChoice {
  file: string;
  level: OptimizationLevel;
}

/**
 * A ModelRunner over onnxruntime (node or web): sessions are created lazily, once per model, one
 * at a time (the WebGPU EP rejects concurrent creation), and runs on one session are serialised
 * (onnxruntime-web rejects overlapping runs on a session). Each model gets its measured graph
 * optimisation level (MODEL_OPTIMIZATION) unless `sessionOptions` sets one; `models` replaces the file
 * and level of some models (MODEL_FILES and MODEL_OPTIMIZATION otherwise).
 */
export function createOrtRunner(
  ort: OrtLike,
  source: ModelSource,
  sessionOptions: Record<string, unknown>,
  models: Partial<Record<ModelName, ModelChoice>> = {},
): ModelRunner {
  const sessions = new Map<ModelName, Promise<OrtSessionLike>>();
  const queues = new Map<ModelName, Promise<unknown>>();
  let creating: Promise<unknown> = Promise.resolve();

  const create = (model: ModelName, bytes: string | Uint8Array): Promise<OrtSessionLike> => {
    const options = { graphOptimizationLevel: models[model]?.level ?? MODEL_OPTIMIZATION[model], ...sessionOptions };
    const next = creating.then(() => ort.InferenceSession.create(bytes as never, options as never));
    creating = next.catch(() => undefined);
    return next;
  };

  const session = (model: ModelName): Promise<OrtSessionLike> => {
    let created = sessions.get(model);
    if (!created) {
      created = source(models[model]?.file ?? MODEL_FILES[model]).then((bytes) => create(model, bytes));
      // A failed load must not stay cached: the next call retries.
      created.catch(() => sessions.delete(model));
      sessions.set(model, created);
    }
    return created;
  };

  const runOnce = async (model: ModelName, input: TensorInput): Promise<Float32Array[]> => {
    const s = await session(model);
    const feeds = { [s.inputNames[0]!]: new ort.Tensor('float32', input.data, input.dims) };
    const results = await s.run(feeds);
    return s.outputNames.map((name) => results[name]!.data as Float32Array);
  };

  return {
    run(model, input) {
      const previous = queues.get(model) ?? Promise.resolve();
      const next = previous.then(
        () => runOnce(model, input),
        () => runOnce(model, input),
      );
      queues.set(
        model,
        next.catch(() => undefined),
      );
      return next;
    },
    async warm(models) {
      await Promise.all(models.map(session));
    },
    async dispose() {
      const all = await Promise.allSettled(sessions.values());
      sessions.clear();
      await Promise.all(all.map((r) => (r.status === 'fulfilled' ? r.value.release?.() : undefined)));
    },
  };
}
