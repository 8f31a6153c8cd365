import sharp from 'sharp';
import type { Pixels } from 'openfaceio/vision';

/**
 * A "moving still": one photo moved in front of the camera like a hand-held print or a picture
 * pushed through a virtual camera — smooth translation (±6 % W, ±4 % H), in-plane rotation (±6°)
 * and scale (±8 %), optionally a perspective tilt of the picture (±25° about its vertical axis, ±12°
 * about its horizontal one, seen from 1.2 × the image side: a print held close), Gaussian noise
 * (σ 2.5) and a JPEG re-encode at quality 80 per frame. Deterministic for a seed (research/pad
 * synth-lib.ts, where these attacks were measured).
 */
export type StillMotion = 'similarity' | 'tilt';

/** mulberry32 */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const gauss = (r: () => number): number => Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r());

type M3 = number[];
const mul = (a: M3, b: M3): M3 => {
  const o: number[] = [];
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) o.push(a[3 * i]! * b[j]! + a[3 * i + 1]! * b[3 + j]! + a[3 * i + 2]! * b[6 + j]!);
  return o;
};
function inv(m: M3): M3 {
  const [a, b, c, d, e, f, g, h, i] = m as [number, number, number, number, number, number, number, number, number];
  const A = e * i - f * h,
    B = -(d * i - f * g),
    C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [A, -(b * i - c * h), b * f - c * e, B, a * i - c * g, -(a * f - c * d), C, -(a * h - b * g), a * e - b * d].map((v) => v / det);
}

interface Motion {
  tx: number;
  ty: number;
  rot: number;
  scale: number;
  tiltX: number;
  tiltY: number;
}

/** The homography of a picture plane tilted (about x, then y) and seen with focal 1.2 × side, then rotated, scaled and moved about the image centre. */
function homography(w: number, h: number, p: Motion): M3 {
  const f = 1.2 * Math.max(w, h);
  const ca = Math.cos(p.tiltX),
    sa = Math.sin(p.tiltX),
    cb = Math.cos(p.tiltY),
    sb = Math.sin(p.tiltY);
  const r1 = [cb, sa * sb, -ca * sb];
  const r2 = [0, ca, sa];
  const norm: M3 = [r1[0]!, r2[0]!, 0, r1[1]!, r2[1]!, 0, r1[2]! / f, r2[2]! / f, 1];
  const cr = Math.cos(p.rot) * p.scale,
    sr = Math.sin(p.rot) * p.scale;
  const toOrigin: M3 = [1, 0, -w / 2, 0, 1, -h / 2, 0, 0, 1];
  const back: M3 = [1, 0, w / 2 + p.tx, 0, 1, h / 2 + p.ty, 0, 0, 1];
  return mul(back, mul([cr, -sr, 0, sr, cr, 0, 0, 0, 1], mul(norm, toOrigin)));
}

/** Inverse-maps every output pixel, bilinear, mid-grey outside the picture, plus noise. */
function warp(src: Pixels, H: M3, noise: number, r: () => number): Uint8Array {
  const { width: w, height: h, channels: ch, data } = src;
  const out = new Uint8Array(w * h * 3);
  const Hi = inv(H);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const zz = Hi[6]! * x + Hi[7]! * y + Hi[8]!;
      const sx = (Hi[0]! * x + Hi[1]! * y + Hi[2]!) / zz,
        sy = (Hi[3]! * x + Hi[4]! * y + Hi[5]!) / zz;
      const x0 = Math.floor(sx),
        y0 = Math.floor(sy),
        fx = sx - x0,
        fy = sy - y0;
      const o = (y * w + x) * 3;
      for (let c = 0; c < 3; c++) {
        let v = 128;
        if (x0 >= 0 && y0 >= 0 && x0 + 1 < w && y0 + 1 < h) {
          const a = data[(y0 * w + x0) * ch + c]!,
            b = data[(y0 * w + x0 + 1) * ch + c]!,
            cc = data[((y0 + 1) * w + x0) * ch + c]!,
            d = data[((y0 + 1) * w + x0 + 1) * ch + c]!;
          v = a * (1 - fx) * (1 - fy) + b * fx * (1 - fy) + cc * (1 - fx) * fy + d * fx * fy;
        }
        out[o + c] = Math.max(0, Math.min(255, Math.round(v + noise * gauss(r))));
      }
    }
  return out;
}

/**
 * `count` JPEG frames of the picture moving over `periodFrames` frames per cycle (the research used
 * 20 frames = 2 s at 10 fps; longer sequences repeat the motion with a fresh phase per cycle).
 */
export async function movingStill(src: Pixels, motion: StillMotion, count: number, seed = 1, periodFrames = 20): Promise<Uint8Array[]> {
  const r = rng(seed);
  const ph = Array.from({ length: 6 }, () => r() * 2 * Math.PI);
  const frames: Uint8Array[] = [];
  for (let k = 0; k < count; k++) {
    const t = k / (periodFrames - 1);
    const p: Motion = {
      tx: 0.06 * src.width * Math.sin(2 * Math.PI * 0.9 * t + ph[0]!),
      ty: 0.04 * src.height * Math.sin(2 * Math.PI * 1.3 * t + ph[1]!),
      rot: ((6 * Math.PI) / 180) * Math.sin(2 * Math.PI * 0.7 * t + ph[2]!),
      scale: 1 + 0.08 * Math.sin(2 * Math.PI * 1.1 * t + ph[3]!),
      tiltY: motion === 'tilt' ? ((25 * Math.PI) / 180) * Math.sin(2 * Math.PI * t + ph[4]!) : 0,
      tiltX: motion === 'tilt' ? ((12 * Math.PI) / 180) * Math.sin(2 * Math.PI * 0.8 * t + ph[5]!) : 0,
    };
    const raw = warp(src, homography(src.width, src.height, p), 2.5, r);
    frames.push(
      await sharp(raw, { raw: { width: src.width, height: src.height, channels: 3 } })
        .jpeg({ quality: 80 })
        .toBuffer(),
    );
  }
  return frames;
}
