import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Affine, Detection, Pixels } from '../../src/vision/index.js';
import {
  applyAffine,
  contextCrop,
  cropResize,
  decodeSsr,
  invertAffine,
  nonMaximumSuppression,
  similarityTransform,
  warpAffine,
} from '../../src/vision/index.js';

const close = (a: number, b: number, eps = 1e-6) => assert.ok(Math.abs(a - b) < eps, `${a} ≉ ${b}`);

describe('geometry and sampling', () => {
  it('recovers a known similarity transform from five points', () => {
    const angle = 0.3,
      scale = 1.7;
    const truth: Affine = [scale * Math.cos(angle), -scale * Math.sin(angle), 12, scale * Math.sin(angle), scale * Math.cos(angle), -7];
    const from = [
      { x: 1, y: 2 },
      { x: 40, y: 5 },
      { x: 20, y: 30 },
      { x: 8, y: 50 },
      { x: 35, y: 48 },
    ];
    const found = similarityTransform(
      from,
      from.map((p) => applyAffine(truth, p)),
    );
    found.forEach((v, i) => close(v, truth[i]!));
  });

  it('inverts an affine matrix', () => {
    const m: Affine = [2, 0.5, 3, -0.25, 1.5, 4];
    const p = applyAffine(invertAffine(m), applyAffine(m, { x: 5, y: -2 }));
    close(p.x, 5);
    close(p.y, -2);
  });

  it('resizes with half-pixel centres like OpenCV INTER_LINEAR', () => {
    // 2×1 gray image [0, 100] upscaled to 4×1: OpenCV gives 0, 25, 75, 100.
    const px: Pixels = { width: 2, height: 1, channels: 3, data: new Uint8Array([0, 0, 0, 100, 100, 100]) };
    const out = cropResize(px, { x: 0, y: 0, width: 2, height: 1 }, 4, 1, 'rgb', { mean: [0, 0, 0], scale: [1, 1, 1] });
    assert.deepEqual(Array.from(out.slice(0, 4)), [0, 25, 75, 100]);
  });

  it('writes BGR planes and black outside the image when warping', () => {
    const px: Pixels = { width: 1, height: 1, channels: 4, data: new Uint8Array([10, 20, 30, 255]) };
    const out = warpAffine(px, [1, 0, 0, 0, 1, 0], 2, 1, 'bgr', { mean: [0, 0, 0], scale: [1, 1, 1] });
    // planes B, G, R; pixel 0 is the image, pixel 1 lies outside it.
    assert.deepEqual(Array.from(out), [30, 0, 20, 0, 10, 0]);
  });

  it('drops overlapping and nested detections, keeps separate faces', () => {
    const d = (x1: number, y1: number, x2: number, y2: number, score: number): Detection => ({ box: { x1, y1, x2, y2 }, score });
    const kept = nonMaximumSuppression([d(0, 0, 100, 100, 0.99), d(5, 5, 105, 105, 0.9), d(20, 10, 60, 50, 0.8), d(200, 0, 300, 100, 0.7)], 0.4, 0.6);
    assert.deepEqual(
      kept.map((k) => k.score),
      [0.99, 0.7],
    );
  });

  it('keeps context crops inside the image, shifting rather than clipping', () => {
    const crop = contextCrop({ x1: 0, y1: 0, x2: 50, y2: 50 }, 640, 480, 2.7);
    assert.equal(crop.x, 0);
    assert.equal(crop.y, 0);
    assert.ok(crop.width > 130 && crop.width <= 640);
    const big = contextCrop({ x1: 100, y1: 100, x2: 400, y2: 400 }, 640, 480, 2.7);
    assert.ok(big.x >= 0 && big.y >= 0 && big.x + big.width <= 640 && big.y + big.height <= 480);
  });

  it('decodes SSR-Net stagewise regression', () => {
    // All probability on bin 2 of stage 1, no deltas or offsets: (2 / 3) · V.
    const outputs = [
      new Float32Array([0, 0, 1]),
      new Float32Array([1, 0, 0]),
      new Float32Array([1, 0, 0]),
      new Float32Array([0]),
      new Float32Array([0]),
      new Float32Array([0]),
      new Float32Array([0, 0, 0]),
      new Float32Array([0, 0, 0]),
      new Float32Array([0, 0, 0]),
    ];
    close(decodeSsr(outputs, 90), 60);
  });
});
