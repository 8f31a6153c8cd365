import { contextCrop } from './crops.js';
import type { Box } from './geometry.js';
import type { TensorInput } from './models.js';
import type { Pixels } from './pixels.js';
import { cropResize } from './sampling.js';

/**
 * fr_liveness (MiniFASNet-style passive anti-spoofing): a 2.7× context crop → 128×128, BGR, raw
 * 0..255 (no normalisation). Output: logits [live, spoof, unused] (the graph has no softmax,
 * whatever its name suggests: raw values range about −3..10), so we apply it.
 *
 * A weak signal on its own (MODELS.md: it passes screen recaptures and GAN stills): the node
 * combines it with temporal checks across frames and client signals before deciding.
 */
export const LIVENESS_INPUT = 128;
export const LIVENESS_CONTEXT = 2.7;

export function livenessInput(px: Pixels, box: Box): TensorInput {
  const crop = contextCrop(box, px.width, px.height, LIVENESS_CONTEXT);
  const data = cropResize(px, crop, LIVENESS_INPUT, LIVENESS_INPUT, 'bgr', { mean: [0, 0, 0], scale: [1, 1, 1] });
  return { data, dims: [1, 3, LIVENESS_INPUT, LIVENESS_INPUT] };
}

/** p(live): softmax over the model's three logits, class 0. */
export function decodeLiveness(output: Float32Array): number {
  const max = Math.max(output[0]!, output[1]!, output[2]!);
  const e0 = Math.exp(output[0]! - max),
    e1 = Math.exp(output[1]! - max),
    e2 = Math.exp(output[2]! - max);
  return e0 / (e0 + e1 + e2);
}
