// The binary frame message: an optional small header before the JPEG / WebP bytes, carrying the
// frame's capture time. The node judges timing by its own arrival clock first; capture times feed
// consistency checks (monotonic, bounded lag behind arrival) that make a pre-recorded or buffered
// stream stand out. A frame without the header (older widgets) is still accepted.
//
// Layout, little-endian: bytes 0–3 the magic "OFRM"; 4 the version (1); 5 the header's length in
// bytes (16 for version 1; later versions only append fields, so a reader skips what it does not
// know); 6–7 reserved (0); 8–15 float64 capture time, milliseconds since the Unix epoch (the
// client's clock). Neither JPEG (FF D8) nor WebP ("RIFF") starts with the magic.

export const FRAME_HEADER_MAGIC = [0x4f, 0x46, 0x52, 0x4d] as const;
export const FRAME_HEADER_VERSION = 1;
export const FRAME_HEADER_BYTES = 16;

/** The 16-byte header for a frame captured at `captureMs` (epoch milliseconds). */
export function encodeFrameHeader(captureMs: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(FRAME_HEADER_BYTES);
  bytes.set(FRAME_HEADER_MAGIC, 0);
  bytes[4] = FRAME_HEADER_VERSION;
  bytes[5] = FRAME_HEADER_BYTES;
  new DataView(bytes.buffer).setFloat64(8, captureMs, true);
  return bytes;
}

export interface DecodedFrame {
  /** The image bytes (JPEG or WebP). */
  image: Uint8Array;
  /** Capture time from the header; undefined for a frame without one. */
  captureMs?: number;
}

/** Splits a binary frame message into header and image. A malformed header is treated as no header (the image check then fails it). */
export function decodeFrameMessage(bytes: Uint8Array): DecodedFrame {
  const magic = FRAME_HEADER_MAGIC.every((b, i) => bytes[i] === b);
  const length = bytes[5] ?? 0;
  if (!magic || (bytes[4] ?? 0) < 1 || length < FRAME_HEADER_BYTES || bytes.length < length) return { image: bytes };
  const captureMs = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getFloat64(8, true);
  const image = bytes.subarray(length);
  return Number.isFinite(captureMs) ? { image, captureMs } : { image };
}
