// Camera frames and images → the vision engine's Pixels, in a worker or on the main thread.
import type { Pixels } from '../../vision/index.js';
import { pixelsFromImageData } from '../../vision/index.js';

// One canvas reused across frames: allocating a canvas (and its backing store) per frame is the
// slow part at camera rates.
let canvas: OffscreenCanvas | undefined;
let context: OffscreenCanvasRenderingContext2D | undefined;

/**
 * Reads an ImageBitmap's RGBA pixels through an OffscreenCanvas (available in workers, where the
 * inference runs). The bitmap is not closed: the caller owns it.
 *
 * The bytes are exact for opaque bitmaps created without colour conversion (camera frames,
 * `createImageBitmap(imageData)`); for files, pass `{ colorSpaceConversion: 'none' }` to
 * createImageBitmap or the browser may convert embedded colour profiles.
 */
export function pixelsFromImageBitmap(bitmap: ImageBitmap): Pixels {
  const { width, height } = bitmap;
  if (width === 0 || height === 0) throw new RangeError('pixelsFromImageBitmap: the bitmap is empty (closed or detached?)');
  if (!canvas || !context) {
    canvas = new OffscreenCanvas(width, height);
    // willReadFrequently keeps the canvas in CPU memory: getImageData then needs no GPU readback.
    const ctx = canvas.getContext('2d', { willReadFrequently: true, alpha: true });
    if (!ctx) throw new Error('pixelsFromImageBitmap: no 2d context on OffscreenCanvas');
    context = ctx;
  } else if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  // 'copy' replaces the previous frame's pixels instead of blending a transparent bitmap over them
  // (resizing resets the context state, so set it every time).
  context.globalCompositeOperation = 'copy';
  context.drawImage(bitmap, 0, 0);
  return pixelsFromImageData(context.getImageData(0, 0, width, height, { colorSpace: 'srgb' }));
}
