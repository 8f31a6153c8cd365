import type { Affine, Point } from './geometry.js';
import { applyAffine, similarityTransform } from './geometry.js';

/**
 * Rigidity of a landmark sequence: does the face move like a flat picture (every frame one 2-D
 * projective transform of the others) or like a living head (3-D rotation parallax, expression)?
 *
 * Per frame: fit the best transform of a reference shape onto the frame's 68 landmarks and take
 * the RMS residual in units of that frame's outer-eye-corner distance |p36 − p45| (the 300-W
 * normalisation). The reference is the Procrustes mean of the reference frames.
 *
 * The `homography` model is the one to use: a flat picture moved AND tilted in front of a camera is
 * exactly a homography, so a print or a screen stays at the landmark model's noise floor however
 * it is held, while `affine` leaves the perspective of a close, tilted print as residual (0.085
 * measured, as much as a real 20° turn). Measured values are with the thresholds
 * (node/src/sessions/pad/thresholds.ts). A real user holding still is as rigid as a picture, so a
 * low score is never a reason to reject; a replayed VIDEO of a live face is non-rigid, so rigidity
 * cannot catch video replay either. Its jobs: make the turn and look-up steps print-proof, and
 * count as positive evidence of a live 3-D face.
 */

export type MotionModel = 'similarity' | 'affine' | 'homography';

/** Least-squares affine transform (6 parameters) mapping `from` onto `to`; falls back to similarity when degenerate. */
export function affineTransform(from: readonly Point[], to: readonly Point[]): Affine {
  const n = from.length;
  if (n < 3 || to.length !== n) throw new RangeError('affineTransform needs ≥ 3 matching points');
  let mx = 0,
    my = 0,
    ux = 0,
    uy = 0;
  for (let i = 0; i < n; i++) {
    mx += from[i]!.x;
    my += from[i]!.y;
    ux += to[i]!.x;
    uy += to[i]!.y;
  }
  mx /= n;
  my /= n;
  ux /= n;
  uy /= n;
  // Normal equations on centred coordinates: [sxx sxy; sxy syy] · [a b]ᵀ = [sxu syu]ᵀ (and for v).
  let sxx = 0,
    sxy = 0,
    syy = 0,
    sxu = 0,
    syu = 0,
    sxv = 0,
    syv = 0;
  for (let i = 0; i < n; i++) {
    const x = from[i]!.x - mx,
      y = from[i]!.y - my,
      u = to[i]!.x - ux,
      v = to[i]!.y - uy;
    sxx += x * x;
    sxy += x * y;
    syy += y * y;
    sxu += x * u;
    syu += y * u;
    sxv += x * v;
    syv += y * v;
  }
  const det = sxx * syy - sxy * sxy;
  if (Math.abs(det) < 1e-9 * (sxx * syy + 1e-12)) return similarityTransform(from, to);
  const a = (sxu * syy - syu * sxy) / det;
  const b = (syu * sxx - sxu * sxy) / det;
  const d = (sxv * syy - syv * sxy) / det;
  const e = (syv * sxx - sxv * sxy) / det;
  return [a, b, ux - a * mx - b * my, d, e, uy - d * mx - e * my];
}

/** Row-major 3×3 projective matrix (h33 = 1). */
export type Homography = readonly [number, number, number, number, number, number, number, number, number];

/** Solves the n×n system A·x = b in place (Gaussian elimination, partial pivoting); null when singular. */
function solve(a: number[][], b: number[]): number[] | null {
  const n = b.length;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    if (Math.abs(a[p]![c]!) < 1e-12) return null;
    [a[c], a[p]] = [a[p]!, a[c]!];
    [b[c], b[p]] = [b[p]!, b[c]!];
    for (let r = c + 1; r < n; r++) {
      const k = a[r]![c]! / a[c]![c]!;
      for (let j = c; j < n; j++) a[r]![j]! -= k * a[c]![j]!;
      b[r]! -= k * b[c]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r]!;
    for (let j = r + 1; j < n; j++) s -= a[r]![j]! * x[j]!;
    x[r] = s / a[r]![r]!;
  }
  return x;
}

/** Hartley normalisation: centroid to the origin, mean distance √2. */
function normalise(pts: readonly Point[]): { t: [number, number, number]; p: Point[] } {
  const cx = pts.reduce((s, p) => s + p.x, 0) / pts.length;
  const cy = pts.reduce((s, p) => s + p.y, 0) / pts.length;
  const d = pts.reduce((s, p) => s + Math.hypot(p.x - cx, p.y - cy), 0) / pts.length || 1;
  const k = Math.SQRT2 / d;
  return { t: [k, cx, cy], p: pts.map((p) => ({ x: (p.x - cx) * k, y: (p.y - cy) * k })) };
}

/**
 * Least-squares (algebraic, Hartley-normalised) homography mapping `from` onto `to`; falls back to
 * affine when the system is degenerate.
 */
export function homographyTransform(from: readonly Point[], to: readonly Point[]): Homography {
  const n = from.length;
  if (n < 4 || to.length !== n) throw new RangeError('homographyTransform needs ≥ 4 matching points');
  const F = normalise(from),
    T = normalise(to);
  // Unknowns h = [h11 h12 h13 h21 h22 h23 h31 h32], h33 = 1; two equations per point; normal equations.
  const ata = Array.from({ length: 8 }, () => new Array<number>(8).fill(0));
  const atb = new Array<number>(8).fill(0);
  const add = (row: number[], rhs: number): void => {
    for (let i = 0; i < 8; i++) {
      atb[i]! += row[i]! * rhs;
      for (let j = 0; j < 8; j++) ata[i]![j]! += row[i]! * row[j]!;
    }
  };
  for (let i = 0; i < n; i++) {
    const { x, y } = F.p[i]!,
      { x: u, y: v } = T.p[i]!;
    add([x, y, 1, 0, 0, 0, -u * x, -u * y], u);
    add([0, 0, 0, x, y, 1, -v * x, -v * y], v);
  }
  const h = solve(ata, atb);
  if (!h) {
    const a = affineTransform(from, to);
    return [a[0], a[1], a[2], a[3], a[4], a[5], 0, 0, 1];
  }
  // Denormalise: H = T⁻¹ · Hn · F, with F = [k 0 −k·cx; 0 k −k·cy; 0 0 1].
  const [kf, fx, fy] = F.t,
    [kt, tx, ty] = T.t;
  const hn = [h[0]!, h[1]!, h[2]!, h[3]!, h[4]!, h[5]!, h[6]!, h[7]!, 1];
  const Fm = [kf, 0, -kf * fx, 0, kf, -kf * fy, 0, 0, 1];
  const Ti = [1 / kt, 0, tx, 0, 1 / kt, ty, 0, 0, 1];
  const mul = (a: number[], b: number[]): number[] => {
    const o: number[] = [];
    for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) o.push(a[3 * r]! * b[c]! + a[3 * r + 1]! * b[3 + c]! + a[3 * r + 2]! * b[6 + c]!);
    return o;
  };
  const H = mul(Ti, mul(hn, Fm));
  const s = H[8]! || 1;
  return H.map((v) => v / s) as unknown as Homography;
}

/** The best mapping of `from` onto `to` under the motion model, as a point function. */
export function fitMapping(from: readonly Point[], to: readonly Point[], model: MotionModel): (p: Point) => Point {
  if (model === 'homography') {
    const h = homographyTransform(from, to);
    return (p) => {
      const w = h[6] * p.x + h[7] * p.y + h[8];
      return { x: (h[0] * p.x + h[1] * p.y + h[2]) / w, y: (h[3] * p.x + h[4] * p.y + h[5]) / w };
    };
  }
  const t = model === 'affine' ? affineTransform(from, to) : similarityTransform(from, to);
  return (p) => applyAffine(t, p);
}

/** Outer-eye-corner distance |p36 − p45| (the 300-W inter-ocular normalisation). */
export const outerInterocular = (lm: readonly Point[]): number => Math.hypot(lm[45]!.x - lm[36]!.x, lm[45]!.y - lm[36]!.y);

/** RMS distance between T(from) and `to`, divided by `scale`. */
export function alignmentResidual(from: readonly Point[], to: readonly Point[], model: MotionModel, scale: number): number {
  const map = fitMapping(from, to, model);
  let sum = 0;
  for (let i = 0; i < from.length; i++) {
    const p = map(from[i]!);
    sum += (p.x - to[i]!.x) ** 2 + (p.y - to[i]!.y) ** 2;
  }
  return Math.sqrt(sum / from.length) / scale;
}

function quantile(values: readonly number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos),
    hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

/** One-pass generalised Procrustes mean of 68-point landmark sets (each brought onto the first by a similarity). */
export function meanShape(frames: readonly (readonly Point[])[]): Point[] {
  const first = frames[0]!;
  const mean = first.map(() => ({ x: 0, y: 0 }));
  for (const s of frames) {
    const t = similarityTransform(s, first);
    s.forEach((p, i) => {
      const a = applyAffine(t, p);
      mean[i]!.x += a.x / frames.length;
      mean[i]!.y += a.y / frames.length;
    });
  }
  return mean;
}

/**
 * Residual of one frame against a reference shape from `meanShape`, in units of the frame's outer
 * interocular distance. The turn check: residualToShape(meanShape(frontal frames), turned frame).
 */
export function residualToShape(shape: readonly Point[], frame: readonly Point[], model: MotionModel = 'homography'): number {
  return alignmentResidual(shape, frame, model, outerInterocular(frame) || 1);
}

export interface RigidityResult {
  /** Per-frame residuals against the sequence's mean shape (fraction of the outer interocular distance). */
  residuals: number[];
  /** The 90th percentile of `residuals`: low = rigid (a picture or a still user); high = a moving 3-D face. */
  score: number;
}

/** Rigidity score of a sequence of 68-point landmark sets (one per frame, same face). Needs ≥ 2 frames. */
export function rigidity(frames: readonly (readonly Point[])[], model: MotionModel = 'homography'): RigidityResult {
  if (frames.length < 2) return { residuals: [], score: NaN };
  const mean = meanShape(frames);
  const residuals = frames.map((lm) => residualToShape(mean, lm, model));
  return { residuals, score: quantile(residuals, 0.9) };
}
