import { contextCrop } from './crops.js';
import type { Box } from './geometry.js';
import type { TensorInput } from './models.js';
import type { Pixels } from './pixels.js';
import { cropResize } from './sampling.js';

/**
 * fr_age / fr_gender (SSR-Net): a 1.4× context crop → 64×64, BGR, ImageNet normalisation.
 * Measured on LFW (MODELS.md): age MAE ≈ 12 years, squeezed into 30–55; gender 87.6 %. Good for
 * fio.js's coarse `details`, not for a minors decision on its own.
 */
export const AGE_GENDER_INPUT = 64;
export const AGE_GENDER_CONTEXT = 1.4;
/** "male-ness" at or above this is reported male: the balanced cut measured with BGR input. */
export const MALE_THRESHOLD = 0.82;

// ImageNet statistics in BGR plane order (the planes are written B, G, R).
const IMAGENET_BGR = { mean: [0.406 * 255, 0.456 * 255, 0.485 * 255], scale: [1 / (0.225 * 255), 1 / (0.224 * 255), 1 / (0.229 * 255)] };

export function ageGenderInput(px: Pixels, box: Box): TensorInput {
  const crop = contextCrop(box, px.width, px.height, AGE_GENDER_CONTEXT);
  const data = cropResize(px, crop, AGE_GENDER_INPUT, AGE_GENDER_INPUT, 'bgr', IMAGENET_BGR);
  return { data, dims: [1, 3, AGE_GENDER_INPUT, AGE_GENDER_INPUT] };
}

/**
 * SSR-Net's soft stagewise regression. `outputs` in the model's order: prob_stage_1..3 (3 each),
 * stage1..3_delta_k (1 each), index_offset_stage1..3 (3 each), flattened to x[0..20].
 */
export function decodeSsr(outputs: readonly Float32Array[], range: number): number {
  const x: number[] = [];
  for (const o of outputs) x.push(...o);
  if (x.length !== 21) throw new RangeError(`SSR-Net output has ${x.length} values, expected 21`);
  const k1 = 3 * (1 + x[9]!),
    k2 = 3 * (1 + x[10]!),
    k3 = 3 * (1 + x[11]!);
  let a = 0,
    b = 0,
    c = 0;
  for (let i = 0; i < 3; i++) {
    a += (i + x[12 + i]!) * x[i]!;
    b += (i + x[15 + i]!) * x[3 + i]!;
    c += (i + x[18 + i]!) * x[6 + i]!;
  }
  return (a / k1 + b / k1 / k2 + c / k1 / k2 / k3) * range;
}
