import { EMBEDDING_SIZE } from 'openfaceio/vision';
import { CODE_BYTES, KERNEL_DIMS, ROW_BYTES, kernelsFor, type Kernels } from './kernels.js';

/** One identity in a 1:N result: its best template's score (dot product = cosine on unit vectors). */
export interface SearchHit {
  facialId: string;
  score: number;
}

export interface FacialIndexOptions {
  /**
   * Up to this many templates every search scores every float32 row (exact: ~3.5 ms at 10k, ~6 ms
   * at the default); above it, sign codes pick `candidates` rows to score. Default 16,384.
   */
  exactScanLimit?: number;
  /** Rows scored exactly per search above `exactScanLimit` (the rest are skipped on their sign codes). Default 4,096. */
  candidates?: number;
}

export interface SearchOptions {
  /** Score every row, whatever the size (~0.35 s at 1M templates): for audits and the benchmark's ground truth. */
  exact?: boolean;
}

const DIMS = EMBEDDING_SIZE;
const PAGE = 65536;
const WORDS = CODE_BYTES / 4;
// Float memory: the probe at 0, rows from ROW_BYTES, then scratch (candidate row numbers, scores).
const FLOAT_ROWS_AT = ROW_BYTES;
// Code memory: the probe's code at 0, codes from CODE_BYTES, then scratch (distances, candidates).
const CODES_AT = CODE_BYTES;
// memory32 caps a WebAssembly.Memory at 65,536 pages (4 GiB): ≈ 2.09M rows of 2,048 + 8 bytes.
const MAX_ROWS = Math.floor((4 * 1024 ** 3 - FLOAT_ROWS_AT) / (ROW_BYTES + 8)) & ~63;

if (KERNEL_DIMS !== DIMS) throw new Error(`kernels are built for ${KERNEL_DIMS} dims, embeddings have ${DIMS}`);

/**
 * One application's templates for 1:N search, in memory: every 512-float template is a row of one
 * contiguous, row-major float32 matrix, with its identity in a parallel row → identity array.
 *
 * Up to `exactScanLimit` rows a search scores every row (WebAssembly SIMD dot products). Above it,
 * scanning is the cost: 1M float32 rows are 2 GB (~330 ms here), int8 rows still 512 MB (≥ 55 ms at
 * the ~9 GB/s one core streams), so each row also has a 1-bit sign code (64 bytes: bit j = sign of
 * `v[j]`, i.e. SimHash with the embedding's axes as hyperplanes; on real embeddings of LFW the
 * Hamming distance correlates with cosine exactly as well as after a random rotation, r = −0.88).
 * The probe's code is compared with all of them (64 MB at 1M, ~9 ms), and the `candidates` rows
 * with the nearest codes are scored exactly in float32. Every returned score is therefore exact;
 * only which rows get scored is approximate. A template at cosine 0.42 (DEFAULT_MATCH_THRESHOLD) has
 * an expected distance ~3.7 σ inside the 4,096-of-1M cutoff, so genuine matches are not skipped; the
 * identity of a noise-level best match (cos ≈ 0.2, no match) often is: see bench/index.ts.
 *
 * Memory per allocated row: 2,048 (float32) + 64 (code) + 4 (row → identity) + 14 (search
 * scratch) = 2,130 bytes, in two WebAssembly memories that grow in place by 1.5× (no copy of the
 * matrix, no 2× peak) and never shrink; the identity bookkeeping adds ~130 bytes of JS heap per
 * facial ID. A WebAssembly memory holds at most 4 GiB: ≈ 2.09M templates per application.
 */
export class FacialIndex {
  readonly #exactScanLimit: number;
  readonly #candidates: number;
  readonly #floats = new WebAssembly.Memory({ initial: 0 });
  readonly #codes = new WebAssembly.Memory({ initial: 0 });
  readonly #floatKernels: Kernels = kernelsFor(this.#floats);
  readonly #codeKernels: Kernels = kernelsFor(this.#codes);
  #capacity = 0;
  #rows = 0;
  /** Row → identity slot. */
  #owner = new Int32Array(0);
  /** Slot → facial ID, and slot → its rows; slots of removed identities are reused. */
  #ids: (string | undefined)[] = [];
  #rowsOf: number[][] = [];
  #slotOf = new Map<string, number>();
  #freeSlots: number[] = [];
  // Views over the memories, renewed after every grow (growing detaches the old ArrayBuffer).
  #f32 = new Float32Array(0);
  #u32 = new Uint32Array(0);
  #c32 = new Uint32Array(0);
  #c16 = new Uint16Array(0);

  constructor(options: FacialIndexOptions = {}) {
    this.#exactScanLimit = options.exactScanLimit ?? 16_384;
    this.#candidates = Math.max(1, options.candidates ?? 4096);
  }

  /** Templates (rows). */
  get size(): number {
    return this.#rows;
  }

  /** Distinct facial IDs. */
  get identities(): number {
    return this.#slotOf.size;
  }

  /** Rows allocated (grows by 1.5×, never shrinks). */
  get capacity(): number {
    return this.#capacity;
  }

  /** Allocates room for `templates` rows at once (e.g. the count of stored templates before a load). */
  reserve(templates: number): void {
    this.#reserve(templates);
  }

  has(facialId: string): boolean {
    return this.#slotOf.has(facialId);
  }

  /** Appends templates (512-float, L2-normalised embeddings; stored as given) to `facialId`, creating it if new. */
  add(facialId: string, templates: readonly Float32Array[]): void {
    for (const t of templates) checkVector(t, 'template');
    if (templates.length === 0) return;
    this.#reserve(this.#rows + templates.length);
    let slot = this.#slotOf.get(facialId);
    if (slot === undefined) {
      slot = this.#freeSlots.pop() ?? this.#ids.length;
      this.#ids[slot] = facialId;
      this.#rowsOf[slot] = [];
      this.#slotOf.set(facialId, slot);
    }
    const rows = this.#rowsOf[slot]!;
    for (const t of templates) {
      const row = this.#rows++;
      this.#f32.set(t, FLOAT_ROWS_AT / 4 + row * DIMS);
      encodeSigns(t, this.#c32, CODES_AT / 4 + row * WORDS);
      this.#owner[row] = slot;
      rows.push(row);
    }
  }

  /** Replaces `facialId`'s templates with `templates` (idempotent: what a bus event applies). */
  set(facialId: string, templates: readonly Float32Array[]): void {
    for (const t of templates) checkVector(t, 'template'); // before removing anything
    this.remove(facialId);
    this.add(facialId, templates);
  }

  /** Removes every template of `facialId`; returns how many. The last rows move into the holes. */
  remove(facialId: string): number {
    const slot = this.#slotOf.get(facialId);
    if (slot === undefined) return 0;
    // Highest first: every row above the one being filled is then another identity's.
    const rows = this.#rowsOf[slot]!.sort((a, b) => b - a);
    for (const row of rows) {
      const last = --this.#rows;
      if (row === last) continue;
      const from = FLOAT_ROWS_AT / 4 + last * DIMS;
      this.#f32.copyWithin(FLOAT_ROWS_AT / 4 + row * DIMS, from, from + DIMS);
      const code = CODES_AT / 4 + last * WORDS;
      this.#c32.copyWithin(CODES_AT / 4 + row * WORDS, code, code + WORDS);
      const moved = this.#owner[last]!;
      this.#owner[row] = moved;
      const list = this.#rowsOf[moved]!;
      list[list.indexOf(last)] = row;
    }
    this.#slotOf.delete(facialId);
    this.#ids[slot] = undefined;
    this.#rowsOf[slot] = [];
    this.#freeSlots.push(slot);
    return rows.length;
  }

  /** The best `k` distinct identities by their best template's score, highest first. */
  search(probe: Float32Array, k = 2, options: SearchOptions = {}): SearchHit[] {
    checkVector(probe, 'probe');
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
    const n = this.#rows;
    if (n === 0) return [];
    this.#f32.set(probe, 0);
    const scoresAt = this.#floatScratch() + 4 * this.#capacity;
    if (options.exact || n <= this.#exactScanLimit) {
      this.#floatKernels.dotAll(FLOAT_ROWS_AT, n, 0, scoresAt);
      return this.#topDistinct(this.#f32.subarray(scoresAt / 4, scoresAt / 4 + n), null, k);
    }
    const count = this.#candidatesFor(probe);
    const idxAt = this.#floatScratch();
    const candidatesAt = this.#codeScratch() + 2 * this.#capacity;
    this.#u32.set(this.#c32.subarray(candidatesAt / 4, candidatesAt / 4 + count), idxAt / 4);
    this.#floatKernels.dotSome(FLOAT_ROWS_AT, idxAt, count, 0, scoresAt);
    return this.#topDistinct(this.#f32.subarray(scoresAt / 4, scoresAt / 4 + count), this.#u32.subarray(idxAt / 4, idxAt / 4 + count), k);
  }

  /** 1:1: the best score of `facialId`'s templates against `probe` (null when the ID is unknown). */
  searchOne(probe: Float32Array, facialId: string): number | null {
    checkVector(probe, 'probe');
    const slot = this.#slotOf.get(facialId);
    if (slot === undefined) return null;
    const rows = this.#rowsOf[slot]!;
    this.#f32.set(probe, 0);
    const idxAt = this.#floatScratch();
    const scoresAt = idxAt + 4 * this.#capacity;
    this.#u32.set(rows, idxAt / 4);
    // The same kernel as search(), so both report bit-identical scores for a template.
    this.#floatKernels.dotSome(FLOAT_ROWS_AT, idxAt, rows.length, 0, scoresAt);
    let best = -Infinity;
    for (let i = 0; i < rows.length; i++) best = Math.max(best, this.#f32[scoresAt / 4 + i]!);
    return best;
  }

  /** Facial IDs in the index (no order). */
  facialIds(): IterableIterator<string> {
    return this.#slotOf.keys();
  }

  /**
   * Bytes allocated (capacity, not size): both WebAssembly memories (float32 rows, sign codes and
   * search scratch) and the row → identity array. The identity map adds ~100 bytes per facial ID.
   */
  memoryBytes(): number {
    return this.#floats.buffer.byteLength + this.#codes.buffer.byteLength + this.#owner.byteLength;
  }

  #floatScratch(): number {
    return FLOAT_ROWS_AT + this.#capacity * ROW_BYTES;
  }

  #codeScratch(): number {
    return CODES_AT + this.#capacity * CODE_BYTES;
  }

  /**
   * Hamming distances from the probe's code to every row's, then the rows within a cutoff chosen so
   * that about `candidates` pass (from a sample of ≤ 64k distances; exact counts fix the rare miss).
   * Leaves the row numbers at the code scratch's candidate area; returns how many.
   */
  #candidatesFor(probe: Float32Array): number {
    const n = this.#rows;
    const distAt = this.#codeScratch();
    const candidatesAt = distAt + 2 * this.#capacity;
    encodeSigns(probe, this.#c32, 0);
    this.#codeKernels.hamming(CODES_AT, n, 0, distAt);
    const dist = this.#c16.subarray(distAt / 2, distAt / 2 + n);
    const want = Math.min(this.#candidates, n);
    const step = Math.max(1, Math.floor(n / 65_536));
    const hist = new Uint32Array(DIMS + 1);
    for (let i = 0; i < n; i += step) hist[dist[i]!]!++;
    let cutoff = 0;
    for (let seen = 0; cutoff < DIMS; cutoff++) if ((seen += hist[cutoff]! * step) >= want) break;
    let count = this.#codeKernels.select(distAt, n, cutoff, candidatesAt);
    // The sample undershot: widen one distance at a time (each pass ~1.5 ms at 1M rows).
    while (count < want / 2 && cutoff < DIMS) count = this.#codeKernels.select(distAt, n, ++cutoff, candidatesAt);
    if (count <= 2 * want) return count;
    // Overshot (a large tie at the cutoff, e.g. near-duplicate rows): keep those strictly inside,
    // then rows at the cutoff in row order, up to 2 × want.
    const out = this.#c32.subarray(candidatesAt / 4, candidatesAt / 4 + count);
    const ties: number[] = [];
    let kept = 0;
    for (let i = 0; i < count; i++) {
      const row = out[i]!;
      if (dist[row]! < cutoff) out[kept++] = row;
      else if (ties.length < 2 * want) ties.push(row);
    }
    for (let i = 0; i < ties.length && kept < 2 * want; i++) out[kept++] = ties[i]!;
    return kept;
  }

  /** The `k` best distinct identities over `scores` (of `rows[i]`, or of row i when `rows` is null). */
  #topDistinct(scores: Float32Array, rows: Uint32Array | null, k: number): SearchHit[] {
    const slots: number[] = [];
    const best: number[] = [];
    let floor = -Infinity; // the k-th best so far, once there are k
    for (let i = 0; i < scores.length; i++) {
      const s = scores[i]!;
      if (s <= floor) continue;
      const slot = this.#owner[rows ? rows[i]! : i]!;
      let j = slots.indexOf(slot);
      if (j === -1) {
        if (slots.length === k) {
          slots.pop();
          best.pop();
        }
        j = slots.push(slot) - 1;
        best.push(s);
      } else if (s > best[j]!) best[j] = s;
      else continue;
      // Keep the list sorted, highest first: the improved entry can only move up.
      for (; j > 0 && best[j - 1]! < best[j]!; j--) {
        [best[j - 1], best[j]] = [best[j]!, best[j - 1]!];
        [slots[j - 1], slots[j]] = [slots[j]!, slots[j - 1]!];
      }
      if (slots.length === k) floor = best[k - 1]!;
    }
    return slots.map((slot, i) => ({ facialId: this.#ids[slot]!, score: best[i]! }));
  }

  /** Room for `rows` rows: grows both memories in place by ≥ 1.5× (their ArrayBuffers are replaced). */
  #reserve(rows: number): void {
    if (rows <= this.#capacity) return;
    if (rows > MAX_ROWS) throw new RangeError(`a facial index holds at most ${MAX_ROWS} templates (4 GiB of WebAssembly memory)`);
    const capacity = Math.min(MAX_ROWS, Math.ceil(Math.max(rows, this.#capacity * 1.5, 1024) / 64) * 64);
    growTo(this.#floats, FLOAT_ROWS_AT + capacity * (ROW_BYTES + 8));
    growTo(this.#codes, CODES_AT + capacity * (CODE_BYTES + 6) + 4);
    const owner = new Int32Array(capacity);
    owner.set(this.#owner.subarray(0, this.#rows));
    this.#owner = owner;
    this.#capacity = capacity;
    this.#f32 = new Float32Array(this.#floats.buffer);
    this.#u32 = new Uint32Array(this.#floats.buffer);
    this.#c32 = new Uint32Array(this.#codes.buffer);
    this.#c16 = new Uint16Array(this.#codes.buffer);
  }
}

function growTo(memory: WebAssembly.Memory, bytes: number): void {
  const pages = Math.ceil(bytes / PAGE) - memory.buffer.byteLength / PAGE;
  if (pages > 0) memory.grow(pages);
}

function checkVector(v: Float32Array, what: string): void {
  if (!(v instanceof Float32Array) || v.length !== DIMS) throw new RangeError(`${what} must be a Float32Array of ${DIMS} values`);
  let sumSquares = 0; // NaN or ±Infinity anywhere makes it non-finite (cheaper than testing each value)
  for (let i = 0; i < DIMS; i++) sumSquares += v[i]! * v[i]!;
  if (!Number.isFinite(sumSquares)) throw new RangeError(`${what} has a non-finite value`);
}

/**
 * Bit j of the code (word j >> 5, bit j & 31) is the sign bit of `v[j]`: read through an integer
 * view, branch-free (a `v[j] > 0` test mispredicts half the time on embeddings: 4.7 against 1 µs).
 */
function encodeSigns(v: Float32Array, out: Uint32Array, at: number): void {
  const bits = new Int32Array(v.buffer, v.byteOffset, DIMS);
  for (let w = 0; w < WORDS; w++) {
    let word = 0;
    for (let b = 0, j = w * 32; b < 32; b++, j++) word |= (bits[j]! >>> 31) << b;
    out[at + w] = word;
  }
}
