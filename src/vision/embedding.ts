/** Face embeddings: 512-d, L2-normalised; the similarity of two faces is their dot product (cosine). */
export const EMBEDDING_SIZE = 512;

/**
 * Default match threshold on cosine similarity, calibrated on ../shared/data/lfw-dev by
 * `npm run bench:accuracy` (see bench/results/accuracy.json and README "Accuracy"). MODELS.md's
 * measurement over all LFW pairs puts FAR ≈ 1e-4 at 0.42 (TAR 98.6 %) and 1e-5 at 0.49.
 */
export const DEFAULT_MATCH_THRESHOLD = 0.42;
/** Stricter threshold (FAR ≈ 1e-5 on LFW) for applications that prefer asking a PIN over a false accept. */
export const STRICT_MATCH_THRESHOLD = 0.49;

export function vectorNorm(v: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i]! * v[i]!;
  return Math.sqrt(sum);
}

export function l2Normalize(v: Float32Array): Float32Array {
  const norm = vectorNorm(v);
  const out = new Float32Array(v.length);
  if (norm === 0) return out;
  for (let i = 0; i < v.length; i++) out[i] = v[i]! / norm;
  return out;
}

/** Cosine similarity of two L2-normalised embeddings. */
export function similarity(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new RangeError(`embedding sizes differ: ${a.length} vs ${b.length}`);
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
  return dot;
}

/** Sum of raw embeddings, normalised: used for flip fusion and for fusing several frames of one face. */
export function fuseEmbeddings(vectors: readonly Float32Array[]): Float32Array {
  if (vectors.length === 0) throw new RangeError('fuseEmbeddings needs at least one vector');
  const sum = new Float32Array(vectors[0]!.length);
  for (const v of vectors) for (let i = 0; i < sum.length; i++) sum[i]! += v[i]!;
  return l2Normalize(sum);
}
