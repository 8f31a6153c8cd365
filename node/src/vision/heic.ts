// HEIC/HEIF (what phones upload) → RGB pixels. sharp's prebuilt libvips reads AVIF but not HEVC-coded
// HEIF (the codec is patent-encumbered), so these go through libheif compiled to WebAssembly
// (heic-convert's decoder, heic-decode). Decoding a 12 MP photo takes seconds of synchronous wasm:
// it runs in one worker thread, never on the node's event loop (live scan sessions share it).
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Pixels } from 'openfaceio/vision';
import type { ImageErrorCode } from './decode.js';

/** Largest HEIC accepted (a 48 MP phone photo is ~15 MB). */
export const MAX_HEIC_BYTES = 32 * 1024 * 1024;
/** A decode (queue wait included) that takes longer is abandoned and the worker restarted. */
export const HEIC_TIMEOUT_MS = 30_000;
/** The worker (~100 MB with libheif's heap) is let go after this long without work. */
const WORKER_IDLE_MS = 30_000;

/** Major brands of HEVC-coded HEIF (ISO/IEC 23008-12 Annex B): images, sequences, multi-layer. */
const HEVC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs']);
/** Codec-neutral HEIF brands: HEIC unless the compatible brands say AV1 (AVIF, which sharp reads). */
const GENERIC_BRANDS = new Set(['mif1', 'msf1']);
const AV1_BRANDS = new Set(['avif', 'avis']);

const fourcc = (bytes: Uint8Array, at: number): string => String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** The `ftyp` box's major and compatible brands, or null when the bytes do not start with one. */
export function ftypBrands(bytes: Uint8Array): { major: string; compatible: string[] } | null {
  if (bytes.length < 16 || fourcc(bytes, 4) !== 'ftyp') return null;
  const size = view(bytes).getUint32(0);
  if (size < 16 || size > bytes.length || size % 4 !== 0) return null;
  const compatible: string[] = [];
  for (let at = 16; at + 4 <= size; at += 4) compatible.push(fourcc(bytes, at));
  return { major: fourcc(bytes, 8), compatible };
}

/** True for HEIC: HEIF whose `ftyp` names an HEVC brand (or a generic HEIF brand without AV1). */
export function isHeic(bytes: Uint8Array): boolean {
  const brands = ftypBrands(bytes);
  if (!brands) return false;
  if (HEVC_BRANDS.has(brands.major)) return true;
  return GENERIC_BRANDS.has(brands.major) && !brands.compatible.some((b) => AV1_BRANDS.has(b));
}

/** ISO-BMFF boxes between `start` and `end`: [type, content start, content end]. */
function* boxes(bytes: Uint8Array, start: number, end: number): Generator<[string, number, number]> {
  const dv = view(bytes);
  for (let at = start, n = 0; at + 8 <= end && n < 10_000; n++) {
    let size = dv.getUint32(at);
    let header = 8;
    if (size === 1) {
      if (at + 16 > end) return;
      size = Number(dv.getBigUint64(at + 8));
      header = 16;
    } else if (size === 0) size = end - at;
    if (size < header || at + size > end) return;
    yield [fourcc(bytes, at + 4), at + header, at + size];
    at += size;
  }
}

const child = (bytes: Uint8Array, type: string, start: number, end: number): [number, number] | null => {
  for (const [t, s, e] of boxes(bytes, start, end)) if (t === type) return [s, e];
  return null;
};

/**
 * The largest image size declared in the file's `ispe` properties (meta → iprp → ipco), read
 * without decoding: the primary image, a grid's full size, or a thumbnail, whichever is largest.
 * Null when there is none (the decoded size is then checked afterwards).
 */
export function heifDimensions(bytes: Uint8Array): { width: number; height: number } | null {
  const meta = child(bytes, 'meta', 0, bytes.length);
  // `meta` is a FullBox: 4 bytes of version and flags before its children.
  const iprp = meta && child(bytes, 'iprp', meta[0] + 4, meta[1]);
  const ipco = iprp && child(bytes, 'ipco', iprp[0], iprp[1]);
  if (!ipco) return null;
  let best: { width: number; height: number } | null = null;
  for (const [type, s, e] of boxes(bytes, ipco[0], ipco[1])) {
    if (type !== 'ispe' || e - s < 12) continue;
    const width = view(bytes).getUint32(s + 4);
    const height = view(bytes).getUint32(s + 8);
    if (!best || width * height > best.width * best.height) best = { width, height };
  }
  return best;
}

/** A HEIC this node will not decode; decode.ts turns it into an ImageInputError. */
export class HeicError extends Error {
  constructor(
    readonly code: ImageErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HeicError';
  }
}

/** HEIC bytes → RGB pixels (libheif applies the image's rotation and mirroring). */
export async function decodeHeic(bytes: Uint8Array, label: string, maxPixels: number): Promise<Pixels> {
  if (bytes.length > MAX_HEIC_BYTES) {
    throw new HeicError(
      'IMAGE_TOO_LARGE',
      `${label} is a ${(bytes.length / 2 ** 20).toFixed(1)} MB HEIC image, over the ${MAX_HEIC_BYTES / 2 ** 20} MB limit: export it as JPEG or downscale it first`,
    );
  }
  const tooLarge = (width: number, height: number) =>
    new HeicError(
      'IMAGE_TOO_LARGE',
      `${label} is ${width}×${height} (${((width * height) / 1e6).toFixed(1)} MP), over the ${maxPixels / 1e6} MP limit: downscale it first`,
    );
  const declared = heifDimensions(bytes);
  if (declared && declared.width * declared.height > maxPixels) throw tooLarge(declared.width, declared.height);

  let rgba: DecodedRgba;
  try {
    rgba = await heicWorker().decode(bytes);
  } catch (error) {
    throw new HeicError('IMAGE_UNREADABLE', `${label} is a HEIC/HEIF image that could not be decoded (${(error as Error).message.split('\n')[0]})`);
  }
  if (rgba.width * rgba.height > maxPixels) throw tooLarge(rgba.width, rgba.height);
  const rgb = new Uint8Array(rgba.width * rgba.height * 3);
  for (let i = 0, j = 0; j < rgb.length; i += 4, j += 3) {
    rgb[j] = rgba.data[i]!;
    rgb[j + 1] = rgba.data[i + 1]!;
    rgb[j + 2] = rgba.data[i + 2]!;
  }
  return { width: rgba.width, height: rgba.height, channels: 3, data: rgb };
}

// ---- The decoding worker ----------------------------------------------------------------------

interface DecodedRgba {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

type WorkerReply = { id: number; width: number; height: number; data: Uint8ClampedArray } | { id: number; error: string };

// CommonJS, evaluated in the worker (no TypeScript loader there). Requests are decoded one at a
// time, in order; the pixels go back transferred, not copied. libheif-js reports why a file failed
// only through console.log (its exception just says "HEIF image not found"): that line becomes the
// error, and nothing reaches the node's stdout.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let said = [];
const text = (a) => (a && typeof a === 'object' ? a.message || '' : String(a));
console.log = console.warn = console.error = (...args) => void said.push(args.map(text).filter(Boolean).join(' '));
const decode = require(workerData.decoder);
let queue = Promise.resolve();
parentPort.on('message', ({ id, bytes }) => {
  queue = queue
    .then(() => {
      said = [];
      return decode({ buffer: bytes });
    })
    .then(
      (image) => parentPort.postMessage({ id, width: image.width, height: image.height, data: image.data }, [image.data.buffer]),
      (error) => parentPort.postMessage({ id, error: said.length ? said[said.length - 1] : String((error && error.message) || error) }),
    );
});`;

/**
 * heic-convert = heic-decode (libheif in wasm) + a JPEG/PNG encoder. Only the decoder is needed
 * (re-encoding to JPEG would cost seconds and quality), so it is resolved through heic-convert's
 * own dependency rather than being a second top-level package.
 */
const decoderPath = (): string => {
  const require = createRequire(import.meta.url);
  return createRequire(require.resolve('heic-convert')).resolve('heic-decode');
};

class HeicWorker {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, { resolve: (r: DecodedRgba) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | undefined;

  decode(bytes: Uint8Array): Promise<DecodedRgba> {
    const worker = this.start();
    clearTimeout(this.idleTimer);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      // A decode stuck this long (a pathological file) takes the worker down with it; the next starts fresh.
      const timer = setTimeout(() => this.stop(new Error(`decoding took over ${HEIC_TIMEOUT_MS / 1000} s`)), HEIC_TIMEOUT_MS);
      this.pending.set(id, { resolve, reject, timer });
      // A copy of just these bytes, moved (cloning a view would copy its whole backing buffer; the
      // caller's bytes stay intact — not `bytes.slice()`, which on a Buffer is a view).
      const copy = new Uint8Array(bytes);
      worker.postMessage({ id, bytes: copy }, [copy.buffer]);
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { decoder: decoderPath() } });
    worker.on('message', (reply: WorkerReply) => {
      const entry = this.pending.get(reply.id);
      if (!entry) return;
      this.pending.delete(reply.id);
      clearTimeout(entry.timer);
      if ('error' in reply) entry.reject(new Error(reply.error));
      else entry.resolve(reply);
      if (this.pending.size === 0) {
        clearTimeout(this.idleTimer);
        this.idleTimer = setTimeout(() => this.stop(new Error('idle')), WORKER_IDLE_MS).unref();
      }
    });
    worker.on('error', (error) => this.stop(error));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.stop(new Error(`the HEIC decoder exited (${code})`));
    });
    // Pending decodes hold the process open through their timers; an idle worker must not. After
    // the listeners: adding a 'message' listener refs the worker's port again.
    worker.unref();
    return (this.worker = worker);
  }

  private stop(reason: Error): void {
    const worker = this.worker;
    this.worker = null;
    clearTimeout(this.idleTimer);
    for (const { reject, timer } of this.pending.values()) {
      clearTimeout(timer);
      reject(reason);
    }
    this.pending.clear();
    void worker?.terminate();
  }
}

let shared: HeicWorker | undefined;
const heicWorker = (): HeicWorker => (shared ??= new HeicWorker());
