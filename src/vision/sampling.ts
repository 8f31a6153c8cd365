import type { Affine, Rect } from './geometry.js';
import { invertAffine } from './geometry.js';
import type { Pixels } from './pixels.js';

/**
 * Plane layout of a model input. The orders are measured per model (MODELS.md): the detector
 * wants RGB, the embedding, liveness and age/gender models want BGR, landmarks want gray.
 */
export type PlaneOrder = 'rgb' | 'bgr' | 'gray';

/** out = (v − mean[c]) · scale[c], per output plane (in the plane order's channel order). */
export interface Normalization {
  readonly mean: readonly number[];
  readonly scale: readonly number[];
}

export const planesOf = (order: PlaneOrder): number => (order === 'gray' ? 1 : 3);

/** Writes one sampled RGB value into the planar tensor at pixel index i. */
function store(out: Float32Array, plane: number, i: number, r: number, g: number, b: number, order: PlaneOrder, n: Normalization): void {
  if (order === 'gray') {
    out[i] = (0.299 * r + 0.587 * g + 0.114 * b - n.mean[0]!) * n.scale[0]!;
    return;
  }
  const first = order === 'rgb' ? r : b;
  const last = order === 'rgb' ? b : r;
  out[i] = (first - n.mean[0]!) * n.scale[0]!;
  out[plane + i] = (g - n.mean[1]!) * n.scale[1]!;
  out[2 * plane + i] = (last - n.mean[2]!) * n.scale[2]!;
}

/**
 * Crops `rect` (clipped to the image) and resizes it to outW×outH into a planar float tensor,
 * bilinear with half-pixel centres and edge clamping inside the crop — OpenCV's INTER_LINEAR on
 * the cropped sub-image, without antialiasing (what the models were trained with).
 */
export function cropResize(px: Pixels, rect: Rect, outW: number, outH: number, order: PlaneOrder, norm: Normalization): Float32Array {
  const x0 = Math.max(0, Math.floor(rect.x));
  const y0 = Math.max(0, Math.floor(rect.y));
  const cw = Math.max(1, Math.min(px.width, Math.floor(rect.x + rect.width)) - x0);
  const ch = Math.max(1, Math.min(px.height, Math.floor(rect.y + rect.height)) - y0);
  const plane = outW * outH;
  const out = new Float32Array(plane * planesOf(order));
  const { data, channels, width } = px;
  const sxScale = cw / outW;
  const syScale = ch / outH;
  // Precompute the horizontal taps once per column.
  const colA = new Int32Array(outW);
  const colB = new Int32Array(outW);
  const colF = new Float32Array(outW);
  for (let x = 0; x < outW; x++) {
    let fx = (x + 0.5) * sxScale - 0.5;
    let sx = Math.floor(fx);
    fx -= sx;
    if (sx < 0) {
      sx = 0;
      fx = 0;
    }
    if (sx >= cw - 1) {
      sx = cw - 1;
      fx = 0;
    }
    colA[x] = (x0 + sx) * channels;
    colB[x] = (x0 + Math.min(sx + 1, cw - 1)) * channels;
    colF[x] = fx;
  }
  for (let y = 0; y < outH; y++) {
    let fy = (y + 0.5) * syScale - 0.5;
    let sy = Math.floor(fy);
    fy -= sy;
    if (sy < 0) {
      sy = 0;
      fy = 0;
    }
    if (sy >= ch - 1) {
      sy = ch - 1;
      fy = 0;
    }
    const rowA = (y0 + sy) * width * channels;
    const rowB = (y0 + Math.min(sy + 1, ch - 1)) * width * channels;
    for (let x = 0; x < outW; x++) {
      const fx = colF[x]!;
      const a = rowA + colA[x]!,
        b = rowA + colB[x]!,
        c = rowB + colA[x]!,
        d = rowB + colB[x]!;
      const w00 = (1 - fx) * (1 - fy),
        w01 = fx * (1 - fy),
        w10 = (1 - fx) * fy,
        w11 = fx * fy;
      const r = data[a]! * w00 + data[b]! * w01 + data[c]! * w10 + data[d]! * w11;
      const g = data[a + 1]! * w00 + data[b + 1]! * w01 + data[c + 1]! * w10 + data[d + 1]! * w11;
      const bl = data[a + 2]! * w00 + data[b + 2]! * w01 + data[c + 2]! * w10 + data[d + 2]! * w11;
      store(out, plane, y * outW + x, r, g, bl, order, norm);
    }
  }
  return out;
}

/**
 * Warps the image by `forward` (source → output coordinates) into an outW×outH planar tensor,
 * bilinear, black outside the image (OpenCV warpAffine, BORDER_CONSTANT 0). `mirror` samples the
 * horizontally flipped output (used for flip-fused embeddings).
 */
export function warpAffine(
  px: Pixels,
  forward: Affine,
  outW: number,
  outH: number,
  order: PlaneOrder,
  norm: Normalization,
  mirror = false,
): Float32Array {
  const inv = invertAffine(forward);
  const plane = outW * outH;
  const out = new Float32Array(plane * planesOf(order));
  const { data, channels, width, height } = px;
  // Byte offset of pixel (x, y), or -1 outside the image (black border).
  const at = (x: number, y: number): number => (x < 0 || y < 0 || x >= width || y >= height ? -1 : (y * width + x) * channels);
  const tap = (offset: number, c: number): number => (offset < 0 ? 0 : data[offset + c]!);
  for (let y = 0; y < outH; y++) {
    for (let ox = 0; ox < outW; ox++) {
      const x = mirror ? outW - 1 - ox : ox;
      const sx = inv[0] * x + inv[1] * y + inv[2];
      const sy = inv[3] * x + inv[4] * y + inv[5];
      const x0 = Math.floor(sx),
        y0 = Math.floor(sy);
      const fx = sx - x0,
        fy = sy - y0;
      const w00 = (1 - fx) * (1 - fy),
        w01 = fx * (1 - fy),
        w10 = (1 - fx) * fy,
        w11 = fx * fy;
      // The four neighbours' offsets are found once per pixel, not once per channel.
      const a = at(x0, y0),
        b = at(x0 + 1, y0),
        c = at(x0, y0 + 1),
        d = at(x0 + 1, y0 + 1);
      const r = tap(a, 0) * w00 + tap(b, 0) * w01 + tap(c, 0) * w10 + tap(d, 0) * w11;
      const g = tap(a, 1) * w00 + tap(b, 1) * w01 + tap(c, 1) * w10 + tap(d, 1) * w11;
      const bl = tap(a, 2) * w00 + tap(b, 2) * w01 + tap(c, 2) * w10 + tap(d, 2) * w11;
      store(out, plane, y * outW + ox, r, g, bl, order, norm);
    }
  }
  return out;
}
