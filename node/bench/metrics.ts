/** Verification metrics over similarity scores (higher = more similar). */

export interface ScoredPair {
  score: number;
  same: boolean;
  fold: number;
}

/** Accuracy at a threshold: same pairs ≥ t, different pairs < t. */
export function accuracyAt(pairs: readonly ScoredPair[], threshold: number): number {
  let correct = 0;
  for (const p of pairs) if (p.score >= threshold === p.same) correct++;
  return correct / pairs.length;
}

/** The threshold (a midpoint between adjacent scores) that maximises accuracy on these pairs. */
export function bestThreshold(pairs: readonly ScoredPair[]): number {
  const sorted = [...pairs].sort((a, b) => a.score - b.score);
  // Start with everything accepted: correct = number of same pairs.
  let correct = sorted.filter((p) => p.same).length;
  let best = correct;
  let threshold = sorted[0]!.score - 1e-6;
  for (let i = 0; i < sorted.length; i++) {
    correct += sorted[i]!.same ? -1 : 1; // moving the threshold above pair i rejects it
    const next = i + 1 < sorted.length ? sorted[i + 1]!.score : sorted[i]!.score + 1e-3;
    if (correct > best) {
      best = correct;
      threshold = (sorted[i]!.score + next) / 2;
    }
  }
  return threshold;
}

/** LFW's protocol over k folds: the threshold is chosen on the other folds, accuracy measured on the held-out one. */
export function crossFoldAccuracy(pairs: readonly ScoredPair[]): {
  mean: number;
  std: number;
  perFold: { fold: number; threshold: number; accuracy: number }[];
} {
  const folds = [...new Set(pairs.map((p) => p.fold))].sort((a, b) => a - b);
  const perFold = folds.map((fold) => {
    const threshold = bestThreshold(pairs.filter((p) => p.fold !== fold));
    return {
      fold,
      threshold,
      accuracy: accuracyAt(
        pairs.filter((p) => p.fold === fold),
        threshold,
      ),
    };
  });
  const mean = perFold.reduce((s, f) => s + f.accuracy, 0) / perFold.length;
  const std = Math.sqrt(perFold.reduce((s, f) => s + (f.accuracy - mean) ** 2, 0) / perFold.length);
  return { mean, std, perFold };
}

/**
 * TAR at a target FAR: the threshold is the impostor score quantile that lets at most `far` of
 * impostors through; TAR is the share of genuine scores at or above it.
 */
export function tarAtFar(genuine: Float32Array | number[], impostor: Float32Array, far: number): { tar: number; threshold: number } {
  const imp = Float32Array.from(impostor).sort();
  const allowed = Math.floor(far * imp.length);
  // Scores strictly above the threshold are accepted; take the (allowed+1)-th highest impostor.
  const threshold = imp[imp.length - 1 - allowed]!;
  let accepted = 0;
  for (const g of genuine) if (g > threshold) accepted++;
  return { tar: accepted / genuine.length, threshold };
}

/** Equal error rate: where the false accept and false reject rates cross. */
export function equalErrorRate(genuine: Float32Array | number[], impostor: Float32Array): { eer: number; threshold: number } {
  const gen = Float32Array.from(genuine).sort();
  const imp = Float32Array.from(impostor).sort();
  let lo = -1,
    hi = 1;
  const rates = (t: number) => {
    const frr = lowerBound(gen, t) / gen.length;
    const far = (imp.length - lowerBound(imp, t)) / imp.length;
    return { frr, far };
  };
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    const { frr, far } = rates(mid);
    if (far > frr) lo = mid;
    else hi = mid;
  }
  const { frr, far } = rates(hi);
  return { eer: (frr + far) / 2, threshold: hi };
}

/** Index of the first element ≥ value in a sorted array. */
function lowerBound(sorted: Float32Array, value: number): number {
  let lo = 0,
    hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** False accept rate of a threshold over impostor scores. */
export function farAt(impostor: Float32Array, threshold: number): number {
  let n = 0;
  for (const s of impostor) if (s >= threshold) n++;
  return n / impostor.length;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx]!;
}
