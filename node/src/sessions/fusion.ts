import { fuseEmbeddings, similarity } from 'openfaceio/vision';

/**
 * Fusing several frames of one face into one template, and telling one person from two.
 *
 * Single frames are unreliable (MODELS.md, webcam clip: same-person frame pairs median cosine
 * 0.46, some as low as 0.04), so a pairwise "all frames must match" rule would reject bona fide
 * users. Instead: compare each frame with the fused template, drop outliers, and call it a
 * mismatch only when the frames split into two groups that each hang together and are far apart.
 */
export const OUTLIER_SIMILARITY = 0.25;
/** Two groups are two people when their fused templates are this far apart… */
export const MISMATCH_BETWEEN = 0.3;
/** …and each group is itself consistent (mean similarity of its frames to its template). */
export const MISMATCH_WITHIN = 0.5;

export interface FusedTemplate {
  template: Float32Array;
  /** Indices of the frames that went into the template (outliers left out). */
  used: number[];
}

/** Fuses embeddings into one template, leaving out frames far from the first-pass template. */
export function fuseWithoutOutliers(embeddings: readonly Float32Array[]): FusedTemplate {
  const all = fuseEmbeddings(embeddings);
  const used = embeddings
    .map((e, i) => [i, similarity(e, all)] as const)
    .filter(([, s]) => s >= OUTLIER_SIMILARITY)
    .map(([i]) => i);
  if (used.length === 0 || used.length === embeddings.length) return { template: all, used: embeddings.map((_, i) => i) };
  return { template: fuseEmbeddings(used.map((i) => embeddings[i]!)), used };
}

/**
 * True when the frames show two different people: seed two groups with the least similar pair,
 * assign every frame to the closer seed, then require both groups to be consistent, each at least
 * a third of the frames, and their templates far apart.
 */
export function showsTwoPeople(embeddings: readonly Float32Array[]): boolean {
  const n = embeddings.length;
  if (n < 2) return false;
  let seedA = 0,
    seedB = 1,
    lowest = Infinity;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const s = similarity(embeddings[i]!, embeddings[j]!);
      if (s < lowest) [lowest, seedA, seedB] = [s, i, j];
    }
  if (lowest >= MISMATCH_BETWEEN) return false;
  const groups: [Float32Array[], Float32Array[]] = [[], []];
  for (const e of embeddings) groups[similarity(e, embeddings[seedA]!) >= similarity(e, embeddings[seedB]!) ? 0 : 1].push(e);
  if (groups.some((g) => g.length < Math.max(1, Math.ceil(n / 3)))) return false;
  const templates = groups.map((g) => fuseEmbeddings(g));
  const consistent = groups.every((g, k) => g.reduce((sum, e) => sum + similarity(e, templates[k]!), 0) / g.length >= MISMATCH_WITHIN);
  return consistent && similarity(templates[0]!, templates[1]!) < MISMATCH_BETWEEN;
}
