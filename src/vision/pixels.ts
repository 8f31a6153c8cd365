/**
 * The one image type the vision engine reads: 8-bit RGB or RGBA pixels, row-major, no padding.
 * sharp's raw output (3 channels) and a canvas's ImageData (4 channels) both fit without copying.
 */
export interface Pixels {
  readonly width: number;
  readonly height: number;
  /** 3 = RGB, 4 = RGBA (alpha is ignored). */
  readonly channels: 3 | 4;
  readonly data: Uint8Array | Uint8ClampedArray;
}

/** Wraps an ImageData (browser canvas, OffscreenCanvas) without copying. */
export function pixelsFromImageData(image: { width: number; height: number; data: Uint8ClampedArray }): Pixels {
  return { width: image.width, height: image.height, channels: 4, data: image.data };
}

/** Mean luminance (0..255) and Rec.601 gray conversion used across the engine. */
export function luma(r: number, g: number, b: number): number {
  return 0.299 * r + 0.587 * g + 0.114 * b;
}
