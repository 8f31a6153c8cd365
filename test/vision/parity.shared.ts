// Types and helpers shared by the parity test (node) and its worker (browser): no node or DOM-only imports.
import type { ImageAnalysis, ModelName } from '../../src/vision/index.js';

/** Raw 8-bit RGB pixels decoded once in node and served as bytes (the browser never decodes the file). */
export interface RawImage {
  url: string;
  width: number;
  height: number;
}

/** The worker protocol: one discriminated union, `{ type, in }` → `{ id, out? , err? }`. */
export type ParityRequest =
  | { type: 'init'; in: { wasmPaths: string; modelBaseUrl: string } }
  | { type: 'analyze'; in: RawImage }
  | { type: 'detector'; in: RawImage }
  | { type: 'run'; in: { model: ModelName; data: number[]; dims: number[] } };

export interface ParityResults {
  init: { backend: string };
  /** `mismatches`: bytes where pixelsFromImageBitmap's RGBA differs from the served RGB. */
  analyze: { channels: number; mismatches: number; analysis: PlainAnalysis };
  /** The detector's input tensor and its raw outputs [scores, boxes]. */
  detector: { input: number[]; outputs: number[][] };
  run: number[][];
}

/** ImageAnalysis with plain arrays instead of Float32Array, so it crosses postMessage/evaluate as JSON. */
export type PlainFace = Omit<ImageAnalysis['faces'][number], 'embedding'> & { embedding?: number[] };
export type PlainAnalysis = Omit<ImageAnalysis, 'faces'> & { faces: PlainFace[] };

export function toPlain(analysis: ImageAnalysis): PlainAnalysis {
  return {
    ...analysis,
    faces: analysis.faces.map(({ embedding, ...face }) => (embedding ? { ...face, embedding: Array.from(embedding) } : face)),
  };
}

declare global {
  interface Window {
    /** Set by parity.page.ts: sends one request to the worker and resolves with its `out`. */
    parityCall<T extends ParityRequest['type']>(type: T, input: Extract<ParityRequest, { type: T }>['in']): Promise<ParityResults[T]>;
  }
}
