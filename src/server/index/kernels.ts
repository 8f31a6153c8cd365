/**
 * The facial index's hot loops as a tiny WebAssembly module, assembled here from named opcodes
 * (no toolchain: the project ships no wat2wasm). Plain JS reaches only ~0.3 GFLOP/s on a float32
 * dot product on the 2-core benchmark machine, and has no popcount instruction, so a 1M-template
 * scan would take ~1.5 s in JS against ~10 ms here.
 *
 * The module imports its memory, so one compiled module serves two instances per index: one over
 * the sign codes (64 bytes a row) and one over the float32 rows (2 KiB a row). Each memory grows in
 * place with `memory.grow` (no copy of the 2 GB matrix) and their layouts live in facial-index.ts.
 *
 * Exports (every argument is a byte address in the instance's memory, every count an i32):
 * - `hamming(codes, n, query, dist)`: for each of `n` 64-byte codes, the number of bits differing
 *   from the 64-byte `query` → `dist` (u16 per row).
 * - `select(dist, n, cutoff, out) → count`: the row numbers whose distance ≤ `cutoff`, written to
 *   `out` as u32 (branch-free: `out` needs room for count + 1).
 * - `dotAll(rows, n, query, out)`: f32 dot product of each 512-float row with `query` → `out`.
 * - `dotSome(rows, idx, m, query, out)`: the same for the `m` row numbers listed (u32) at `idx`.
 */
export const KERNEL_DIMS = 512;
export const CODE_BYTES = KERNEL_DIMS / 8;
export const ROW_BYTES = KERNEL_DIMS * 4;

export interface Kernels {
  hamming(codes: number, n: number, query: number, dist: number): void;
  select(dist: number, n: number, cutoff: number, out: number): number;
  dotAll(rows: number, n: number, query: number, out: number): void;
  dotSome(rows: number, idx: number, m: number, query: number, out: number): void;
}

const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
};
const sleb = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) return [...out, byte];
    out.push(byte | 0x80);
  }
};
const str = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))]; // ASCII names
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];

const I32 = 0x7f;
const I64 = 0x7e;
const V128 = 0x7b;
// Opcodes (WebAssembly core spec §5.4, SIMD proposal for the 0xfd prefix).
const get = (i: number) => [0x20, ...uleb(i)];
const set = (i: number) => [0x21, ...uleb(i)];
const tee = (i: number) => [0x22, ...uleb(i)];
const i32c = (v: number) => [0x41, ...sleb(v)];
const mem = (opcode: number, alignLog2: number, offset: number) => [opcode, alignLog2, ...uleb(offset)];
const simd = (opcode: number, ...imm: number[]) => [0xfd, ...uleb(opcode), ...imm];
const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  brIf: (depth: number) => [0x0d, ...uleb(depth)],
  i32Add: [0x6a],
  i32Sub: [0x6b],
  i32ShrU: [0x76],
  i32Shl: [0x74],
  i32LtU: [0x49],
  i32LeU: [0x4d],
  i32GeU: [0x4f],
  i32Load: (offset: number) => mem(0x28, 2, offset),
  i32Store: (offset: number) => mem(0x36, 2, offset),
  i32Load16U: (offset: number) => mem(0x2f, 1, offset),
  i64Load: (offset: number) => mem(0x29, 3, offset),
  i64Xor: [0x85],
  i64Popcnt: [0x7b],
  i64Add: [0x7c],
  i32WrapI64: [0xa7],
  i32Store16: (offset: number) => mem(0x3b, 1, offset),
  f32Add: [0x92],
  f32Store: (offset: number) => mem(0x38, 2, offset),
  v128Load: (offset: number) => simd(0x00, 4, ...uleb(offset)),
  f32x4ExtractLane: (lane: number) => simd(0x1f, lane),
  f32x4Add: simd(0xe4),
  f32x4Mul: simd(0xe6),
};

/** Loops `body` while `ptr` < `end` (both locals), advancing `ptr` by `step`; skipped when empty. */
const whileBelow = (ptr: number, end: number, step: number, body: number[]): number[] => [
  ...op.block,
  ...get(ptr), ...get(end), ...op.i32GeU, ...op.brIf(0),
  ...op.loop,
  ...body,
  ...get(ptr), ...i32c(step), ...op.i32Add, ...tee(ptr), ...get(end), ...op.i32LtU, ...op.brIf(0),
  ...op.end,
  ...op.end,
];

/** Sums the four f32 lanes of the v128 on the stack, using local `tmp`. */
const sumLanes = (tmp: number): number[] => [
  ...tee(tmp), ...op.f32x4ExtractLane(0),
  ...get(tmp), ...op.f32x4ExtractLane(1), ...op.f32Add,
  ...get(tmp), ...op.f32x4ExtractLane(2), ...op.f32Add,
  ...get(tmp), ...op.f32x4ExtractLane(3), ...op.f32Add,
];

// hamming(codes 0, n 1, query 2, dist 3); locals: end 4, q0..q7 5–12 (i64).
// Scalar i64.popcnt beats i8x16.popcnt here (one x64 instruction against a pshufb sequence):
// 11 against 15 ms at 1M rows. The histogram for choosing a cutoff is sampled in JS, since
// counting every row in this loop cost another 4 ms.
function hammingBody(): number[] {
  const [codes, n, query, dist, end, q0] = [0, 1, 2, 3, 4, 5];
  const body: number[] = [...get(dist)];
  for (let k = 0; k < 8; k++) {
    body.push(...get(codes), ...op.i64Load(8 * k), ...get(q0 + k), ...op.i64Xor, ...op.i64Popcnt);
    if (k > 0) body.push(...op.i64Add);
  }
  body.push(...op.i32WrapI64, ...op.i32Store16(0), ...get(dist), ...i32c(2), ...op.i32Add, ...set(dist));
  return [
    ...[0, 1, 2, 3, 4, 5, 6, 7].flatMap((k) => [...get(query), ...op.i64Load(8 * k), ...set(q0 + k)]),
    ...get(n), ...i32c(6), ...op.i32Shl, ...get(codes), ...op.i32Add, ...set(end),
    ...whileBelow(codes, end, CODE_BYTES, body),
  ];
}

// select(dist 0, n 1, cutoff 2, out 3) → count; locals: end 4, start 5.
function selectBody(): number[] {
  const [dist, n, cutoff, out, end, start] = [0, 1, 2, 3, 4, 5];
  const row = n; // `n` is reused as the row counter once `end` is known
  return [
    ...get(out), ...set(start),
    ...get(n), ...i32c(1), ...op.i32Shl, ...get(dist), ...op.i32Add, ...set(end),
    ...i32c(0), ...set(row),
    ...whileBelow(dist, end, 2, [
      // Always write the row number; advance `out` only when it passes.
      ...get(out), ...get(row), ...op.i32Store(0),
      ...get(out), ...get(dist), ...op.i32Load16U(0), ...get(cutoff), ...op.i32LeU, ...i32c(2), ...op.i32Shl, ...op.i32Add, ...set(out),
      ...get(row), ...i32c(1), ...op.i32Add, ...set(row),
    ]),
    ...get(out), ...get(start), ...op.i32Sub, ...i32c(2), ...op.i32ShrU,
  ];
}

/** One fully unrolled 512-float dot product of the row at local `row` with `query` → f32 on the stack. */
function dotRow(row: number, query: number, acc0: number, tmp: number): number[] {
  const out: number[] = [];
  for (let v = 0; v < KERNEL_DIMS / 4; v++) {
    const acc = acc0 + (v % 4); // four accumulators hide the add latency
    if (v >= 4) out.push(...get(acc));
    out.push(...get(row), ...op.v128Load(16 * v), ...get(query), ...op.v128Load(16 * v), ...op.f32x4Mul);
    if (v >= 4) out.push(...op.f32x4Add);
    out.push(...set(acc));
  }
  out.push(...get(acc0), ...get(acc0 + 1), ...op.f32x4Add, ...get(acc0 + 2), ...get(acc0 + 3), ...op.f32x4Add, ...op.f32x4Add);
  out.push(...sumLanes(tmp));
  return out;
}

// dotAll(rows 0, n 1, query 2, out 3); locals: end 4, acc0..3 5–8 (v128), tmp 9 (v128).
function dotAllBody(): number[] {
  const [rows, n, query, out, end, acc0, tmp] = [0, 1, 2, 3, 4, 5, 9];
  return [
    ...get(n), ...i32c(11), ...op.i32Shl, ...get(rows), ...op.i32Add, ...set(end),
    ...whileBelow(rows, end, ROW_BYTES, [
      ...get(out), ...dotRow(rows, query, acc0, tmp), ...op.f32Store(0),
      ...get(out), ...i32c(4), ...op.i32Add, ...set(out),
    ]),
  ];
}

// dotSome(rows 0, idx 1, m 2, query 3, out 4); locals: end 5, row 6, acc0..3 7–10 (v128), tmp 11 (v128).
function dotSomeBody(): number[] {
  const [rows, idx, m, query, out, end, row, acc0, tmp] = [0, 1, 2, 3, 4, 5, 6, 7, 11];
  return [
    ...get(m), ...i32c(2), ...op.i32Shl, ...get(idx), ...op.i32Add, ...set(end),
    ...whileBelow(idx, end, 4, [
      ...get(idx), ...op.i32Load(0), ...i32c(11), ...op.i32Shl, ...get(rows), ...op.i32Add, ...set(row),
      ...get(out), ...dotRow(row, query, acc0, tmp), ...op.f32Store(0),
      ...get(out), ...i32c(4), ...op.i32Add, ...set(out),
    ]),
  ];
}

function assemble(): Uint8Array<ArrayBuffer> {
  const fn = (params: number, results: number) => [0x60, ...vec(Array.from({ length: params }, () => [I32])), ...vec(Array.from({ length: results }, () => [I32]))];
  const types = [fn(5, 0), fn(4, 1), fn(4, 0)];
  // name, type index, locals as [count, type] groups, body
  const funcs: [string, number, number[][], number[]][] = [
    ['hamming', 2, [[1, I32], [8, I64]], hammingBody()],
    ['select', 1, [[2, I32]], selectBody()],
    ['dotAll', 2, [[1, I32], [5, V128]], dotAllBody()],
    ['dotSome', 0, [[2, I32], [5, V128]], dotSomeBody()],
  ];
  const code = funcs.map(([, , locals, body]) => {
    const f = [...vec(locals.map(([count, type]) => [...uleb(count!), type!])), ...body, ...op.end];
    return [...uleb(f.length), ...f];
  });
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec(types)),
    ...section(2, vec([[...str('env'), ...str('memory'), 0x02, 0x00, 0x00]])), // memory, no maximum
    ...section(3, vec(funcs.map(([, type]) => [type]))),
    ...section(7, vec(funcs.map(([name], i) => [...str(name), 0x00, i]))),
    ...section(10, vec(code)),
  ]);
}

let compiled: WebAssembly.Module | undefined;

/** Instantiates the kernels over `memory` (synchronous: the module is a few KiB and compiled once). */
export function kernelsFor(memory: WebAssembly.Memory): Kernels {
  compiled ??= new WebAssembly.Module(assemble());
  return new WebAssembly.Instance(compiled, { env: { memory } }).exports as unknown as Kernels;
}

/** The module's bytes, for tests (WebAssembly.validate). */
export const kernelBytes = (): Uint8Array<ArrayBuffer> => assemble();
