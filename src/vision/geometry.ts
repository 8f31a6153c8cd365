/** Points, boxes and 2×3 affine matrices shared by every stage. */

export interface Point {
  x: number;
  y: number;
}

/** Axis-aligned box in pixels of the analysed image (x1,y1 top-left; x2,y2 bottom-right). */
export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Integer crop rectangle, inclusive of (x, y), exclusive of (x + width, y + height). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Row-major 2×3 affine matrix [a, b, c, d, e, f]: x' = a·x + b·y + c, y' = d·x + e·y + f. */
export type Affine = readonly [number, number, number, number, number, number];

export const boxWidth = (b: Box): number => b.x2 - b.x1;
export const boxHeight = (b: Box): number => b.y2 - b.y1;

export function intersectionOverUnion(a: Box, b: Box): number {
  const iw = Math.max(0, Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1));
  const ih = Math.max(0, Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1));
  const inter = iw * ih;
  const union = boxWidth(a) * boxHeight(a) + boxWidth(b) * boxHeight(b) - inter;
  return union <= 0 ? 0 : inter / union;
}

export function invertAffine(m: Affine): Affine {
  const [a, b, c, d, e, f] = m;
  const det = a * e - b * d;
  if (det === 0) throw new RangeError('affine matrix is singular');
  const ia = e / det;
  const ib = -b / det;
  const id = -d / det;
  const ie = a / det;
  return [ia, ib, -(ia * c + ib * f), id, ie, -(id * c + ie * f)];
}

export function applyAffine(m: Affine, p: Point): Point {
  return { x: m[0] * p.x + m[1] * p.y + m[2], y: m[3] * p.x + m[4] * p.y + m[5] };
}

/**
 * Least-squares similarity transform (rotation + uniform scale + translation, no shear, no
 * reflection) mapping `from` onto `to`. In 2-D the constrained problem is linear in
 * (a, b) = s·(cos θ, sin θ), so the closed form below is the exact optimum (same as Umeyama).
 */
export function similarityTransform(from: readonly Point[], to: readonly Point[]): Affine {
  const n = from.length;
  if (n < 2 || to.length !== n) throw new RangeError('similarityTransform needs ≥ 2 matching points');
  let fx = 0,
    fy = 0,
    tx = 0,
    ty = 0;
  for (let i = 0; i < n; i++) {
    fx += from[i]!.x;
    fy += from[i]!.y;
    tx += to[i]!.x;
    ty += to[i]!.y;
  }
  fx /= n;
  fy /= n;
  tx /= n;
  ty /= n;
  let dot = 0,
    cross = 0,
    norm = 0;
  for (let i = 0; i < n; i++) {
    const x = from[i]!.x - fx,
      y = from[i]!.y - fy;
    const u = to[i]!.x - tx,
      v = to[i]!.y - ty;
    dot += x * u + y * v;
    cross += x * v - y * u;
    norm += x * x + y * y;
  }
  if (norm === 0) throw new RangeError('similarityTransform: source points coincide');
  const a = dot / norm;
  const b = cross / norm;
  return [a, -b, tx - a * fx + b * fy, b, a, ty - b * fx - a * fy];
}
