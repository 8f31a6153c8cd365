import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import type { Pixels } from 'openfaceio/vision';
import { decodeHeic, HeicError, isHeic } from './heic.js';

/** Largest image the node decodes (50 megapixels: current phone photos; a 100 MP file is refused). */
export const MAX_INPUT_PIXELS = 50_000_000;

export type ImageErrorCode = 'IMAGE_NOT_FOUND' | 'IMAGE_EMPTY' | 'IMAGE_UNREADABLE' | 'IMAGE_TOO_LARGE';

/** A bad input image; `message` tells a person what to do about it. */
export class ImageInputError extends Error {
  constructor(
    readonly code: ImageErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ImageInputError';
  }
}

/**
 * Decodes JPEG / PNG / WebP / GIF / TIFF / AVIF / HEIC bytes to RGB pixels, applying EXIF orientation
 * (browsers do when drawing to a canvas; without it every score changes).
 */
export async function decodeImage(bytes: Uint8Array, label = 'image', maxPixels = MAX_INPUT_PIXELS): Promise<Pixels> {
  if (bytes.length === 0) throw new ImageInputError('IMAGE_EMPTY', `${label} is empty (0 bytes)`);
  // Phones upload HEIC, which sharp cannot read (heic.ts).
  if (isHeic(bytes)) {
    return decodeHeic(bytes, label, maxPixels).catch((error: unknown) => {
      throw error instanceof HeicError ? new ImageInputError(error.code, error.message) : error;
    });
  }
  // One sharp pipeline: `limitInputPixels` enforces the cap while decoding, and only a refused
  // image pays for a metadata() read to say how large it was (that pre-check cost every frame 0.6 ms).
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: maxPixels, failOn: 'error' })
      .rotate()
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, channels: 3, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
  } catch (error) {
    throw await decodeFailure(bytes, label, maxPixels, error as Error);
  }
}

/** Why sharp refused the bytes, in words a person can act on. */
async function decodeFailure(bytes: Uint8Array, label: string, maxPixels: number, error: Error): Promise<ImageInputError> {
  let meta: { width?: number; height?: number };
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    return new ImageInputError('IMAGE_UNREADABLE', `${label} is not an image this node can read (JPEG, PNG, WebP, GIF, TIFF, AVIF or HEIC)`);
  }
  const pixels = (meta.width ?? 0) * (meta.height ?? 0);
  if (pixels > maxPixels) {
    return new ImageInputError(
      'IMAGE_TOO_LARGE',
      `${label} is ${meta.width}×${meta.height} (${(pixels / 1e6).toFixed(1)} MP), over the ${maxPixels / 1e6} MP limit: downscale it first`,
    );
  }
  return new ImageInputError('IMAGE_UNREADABLE', `${label} could not be decoded (${error.message.split('\n')[0]})`);
}

export async function decodeImageFile(path: string, maxPixels = MAX_INPUT_PIXELS): Promise<Pixels> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new ImageInputError('IMAGE_UNREADABLE', `${path} is a directory, not an image`);
    throw new ImageInputError('IMAGE_NOT_FOUND', `${path}: no such file`);
  }
  return decodeImage(bytes, path, maxPixels);
}
