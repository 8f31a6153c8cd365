// Types and helpers shared by the parity test (node) and its page and worker (browser).
import type { ImageAnalysis, ModelName } from 'openfaceio/vision';

/** Raw 8-bit RGB pixels decoded once in node and served as bytes (the browser never decodes the file). */
export interface RawImage {
  url: string;
  width: number;
  height: number;
}

/** The worker protocol: one discriminated union, `{ id, type, in }` → `{ id, out?, err? }`. */
export type ParityRequest =
  | { type: 'init'; in: { wasmPaths: string; modelBaseUrl: string } }
  | { type: 'analyze'; in: RawImage }
  | { type: 'detector'; in: RawImage }
  /** Runs one model on a float32 tensor node serves at `url`. */
  | { type: 'run'; in: { model: ModelName; url: string; dims: number[] } };

export interface ParityResults {
  init: { backend: string };
  /** `mismatches`: pixels where pixelsFromImageBitmap's RGBA differs from the served RGB. */
  analyze: { channels: number; mismatches: number; analysis: ImageAnalysis };
  /** The detector's input tensor and its raw outputs [scores, boxes]. */
  detector: { input: Float32Array; outputs: Float32Array[] };
  run: Float32Array[];
}

/**
 * JSON with Float32Arrays as base64 of their bytes: exact, and far faster through playwright's
 * evaluate than arrays of numbers (a 230,400-value tensor took seconds as a number[]).
 */
export function packJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (!(v instanceof Float32Array)) return v;
    const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { $f32: btoa(binary) };
  });
}

export function unpackJson<T>(text: string): T {
  return JSON.parse(text, (_key, v: unknown) => {
    if (typeof v !== 'object' || v === null || !('$f32' in v)) return v;
    const binary = atob((v as { $f32: string }).$f32);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return new Float32Array(bytes.buffer);
  }) as T;
}

declare global {
  interface Window {
    /** Set by parity.page.ts: sends one request to the worker; resolves with its `out`, packed by packJson. */
    parityCall(type: ParityRequest['type'], input: ParityRequest['in']): Promise<string>;
  }
}
