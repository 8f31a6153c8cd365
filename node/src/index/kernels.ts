/**
 * The facial index's hot loops as a tiny WebAssembly module, written below in WebAssembly's text
 * instructions and assembled by the 60-line assembler at the end of this file (the project has no
 * wat2wasm). Plain JS reaches ~0.3 GFLOP/s on a float32 dot product on the 2-core benchmark machine
 * and has no popcount instruction: a 1M-template scan took ~1.5 s in JS against ~10 ms here.
 *
 * The module imports its memory, so one compiled module serves two instances per index: one over
 * the sign codes (64 bytes a row) and one over the float32 rows (2 KiB a row). Each memory grows in
 * place with `memory.grow` (no copy of a 2 GB matrix); their layouts live in facial-index.ts.
 * Every argument is a byte address in the instance's memory, every count an i32.
 */
export const KERNEL_DIMS = 512;
export const CODE_BYTES = KERNEL_DIMS / 8;
export const ROW_BYTES = KERNEL_DIMS * 4;

export interface Kernels {
  /** For each of `n` 64-byte codes, the number of bits that differ from the 64-byte `query` → `dist` (u16 per row). */
  hamming(codes: number, n: number, query: number, dist: number): void;
  /** The row numbers whose distance is ≤ `cutoff`, as u32 at `out` (branch-free: `out` needs room for count + 1); returns the count. */
  select(dist: number, n: number, cutoff: number, out: number): number;
  /** The f32 dot product of each of `n` 512-float rows with `query` → `out` (f32 per row). */
  dotAll(rows: number, n: number, query: number, out: number): void;
  /** The same for the `m` row numbers listed (u32) at `idx` → `out`. */
  dotSome(rows: number, idx: number, m: number, query: number, out: number): void;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** `body` while local `ptr` < local `end`, advancing `ptr` by `step`; skipped when already past. */
const whileBelow = (ptr: string, end: string, step: number, body: string) => `
  block
    local.get ${ptr} local.get ${end} i32.ge_u br_if 0
    loop
      ${body}
      local.get ${ptr} i32.const ${step} i32.add local.tee ${ptr} local.get ${end} i32.lt_u br_if 0
    end
  end`;

// Scalar i64.popcnt (one x64 instruction) measured faster than i8x16.popcnt (a pshufb sequence):
// 11 against 15 ms at 1M rows, and the scan runs near memory bandwidth (64 MB in ~9 ms, where
// memchr over the same bytes takes ~7.5). The cutoff's histogram is sampled in JS: counting every
// row here cost another 4 ms.
const hamming = `
  ${range(8)
    .map((k) => `local.get query i64.load offset=${8 * k} local.set q${k}`)
    .join('\n')}
  local.get n i32.const 6 i32.shl local.get codes i32.add local.set end
  ${whileBelow(
    'codes',
    'end',
    CODE_BYTES,
    `local.get dist
    ${range(8)
      .map((k) => `local.get codes i64.load offset=${8 * k} local.get q${k} i64.xor i64.popcnt ${k > 0 ? 'i64.add' : ''}`)
      .join('\n')}
    i32.wrap_i64 i32.store16
    local.get dist i32.const 2 i32.add local.set dist`,
  )}`;

// `n` doubles as the row counter once `end` is known.
const select = `
  local.get out local.set start
  local.get n i32.const 1 i32.shl local.get dist i32.add local.set end
  i32.const 0 local.set n
  ${whileBelow(
    'dist',
    'end',
    2,
    `;; always write the row number; move on only when it passes
    local.get out local.get n i32.store
    local.get out local.get dist i32.load16_u local.get cutoff i32.le_u i32.const 2 i32.shl i32.add local.set out
    local.get n i32.const 1 i32.add local.set n`,
  )}
  local.get out local.get start i32.sub i32.const 2 i32.shr_u`;

/** One 512-float dot product of the row at local `row` with `query`, fully unrolled → f32 on the stack. */
const dotRow = (row: string) => `
  ${range(KERNEL_DIMS / 4)
    .map((v) => {
      // Four accumulators hide the add latency; the first four products start them.
      const product = `local.get ${row} v128.load offset=${16 * v} local.get query v128.load offset=${16 * v} f32x4.mul`;
      return v < 4 ? `${product} local.set acc${v}` : `local.get acc${v % 4} ${product} f32x4.add local.set acc${v % 4}`;
    })
    .join('\n')}
  local.get acc0 local.get acc1 f32x4.add local.get acc2 local.get acc3 f32x4.add f32x4.add
  local.tee sum f32x4.extract_lane 0
  local.get sum f32x4.extract_lane 1 f32.add
  local.get sum f32x4.extract_lane 2 f32.add
  local.get sum f32x4.extract_lane 3 f32.add`;

const dotAll = `
  local.get n i32.const 11 i32.shl local.get rows i32.add local.set end
  ${whileBelow('rows', 'end', ROW_BYTES, `local.get out ${dotRow('rows')} f32.store  local.get out i32.const 4 i32.add local.set out`)}`;

const dotSome = `
  local.get m i32.const 2 i32.shl local.get idx i32.add local.set end
  ${whileBelow(
    'idx',
    'end',
    4,
    `local.get idx i32.load i32.const 11 i32.shl local.get rows i32.add local.set row
    local.get out ${dotRow('row')} f32.store
    local.get out i32.const 4 i32.add local.set out`,
  )}`;

const vectorLocals = { acc0: 'v128', acc1: 'v128', acc2: 'v128', acc3: 'v128', sum: 'v128' } as const;
const FUNCTIONS: Func[] = [
  {
    name: 'hamming',
    params: ['codes', 'n', 'query', 'dist'],
    locals: { end: 'i32', ...(Object.fromEntries(range(8).map((k) => [`q${k}`, 'i64'])) as Record<string, ValueType>) },
    body: hamming,
  },
  { name: 'select', params: ['dist', 'n', 'cutoff', 'out'], result: true, locals: { end: 'i32', start: 'i32' }, body: select },
  { name: 'dotAll', params: ['rows', 'n', 'query', 'out'], locals: { end: 'i32', ...vectorLocals }, body: dotAll },
  { name: 'dotSome', params: ['rows', 'idx', 'm', 'query', 'out'], locals: { end: 'i32', row: 'i32', ...vectorLocals }, body: dotSome },
];

// ---- The assembler: the instructions above, their immediates, and the binary format's sections. ----

type ValueType = 'i32' | 'i64' | 'v128';
interface Func {
  name: string;
  /** All i32. */
  params: string[];
  /** Returns one i32. */
  result?: boolean;
  locals: Record<string, ValueType>;
  body: string;
}

const TYPE_CODES: Record<ValueType, number> = { i32: 0x7f, i64: 0x7e, v128: 0x7b };
/** Opcode bytes and immediate kind (WebAssembly core spec §5.4; 0xfd-prefixed: the SIMD proposal). Memory ops take `offset=`, with natural alignment. */
const OPCODES: Record<string, [bytes: number[], immediate?: 'local' | 'i32' | 'label' | 'lane' | { align: number }]> = {
  block: [[0x02, 0x40]],
  loop: [[0x03, 0x40]],
  end: [[0x0b]],
  br_if: [[0x0d], 'label'],
  'local.get': [[0x20], 'local'],
  'local.set': [[0x21], 'local'],
  'local.tee': [[0x22], 'local'],
  'i32.const': [[0x41], 'i32'],
  'i32.load': [[0x28], { align: 2 }],
  'i64.load': [[0x29], { align: 3 }],
  'i32.load16_u': [[0x2f], { align: 1 }],
  'i32.store': [[0x36], { align: 2 }],
  'f32.store': [[0x38], { align: 2 }],
  'i32.store16': [[0x3b], { align: 1 }],
  'i32.lt_u': [[0x49]],
  'i32.le_u': [[0x4d]],
  'i32.ge_u': [[0x4f]],
  'i32.add': [[0x6a]],
  'i32.sub': [[0x6b]],
  'i32.shl': [[0x74]],
  'i32.shr_u': [[0x76]],
  'i64.popcnt': [[0x7b]],
  'i64.add': [[0x7c]],
  'i64.xor': [[0x85]],
  'f32.add': [[0x92]],
  'i32.wrap_i64': [[0xa7]],
  'v128.load': [[0xfd, 0x00], { align: 4 }],
  'f32x4.extract_lane': [[0xfd, 0x1f], 'lane'],
  'f32x4.add': [[0xfd, 0xe4, 0x01]],
  'f32x4.mul': [[0xfd, 0xe6, 0x01]],
};

const uleb = (n: number): number[] => (n < 0x80 ? [n] : [(n & 0x7f) | 0x80, ...uleb(n >>> 7)]);
const sleb = (n: number): number[] => {
  const byte = n & 0x7f;
  const rest = n >> 7;
  return (rest === 0 && !(byte & 0x40)) || (rest === -1 && byte & 0x40) ? [byte] : [byte | 0x80, ...sleb(rest)];
};
const name = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))]; // ASCII
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];

function assembleBody(f: Func): number[] {
  const names = [...f.params, ...Object.keys(f.locals)];
  const tokens = f.body.replace(/;;.*$/gm, '').split(/\s+/).filter(Boolean);
  const out = [...vec(Object.values(f.locals).map((t) => [1, TYPE_CODES[t]]))];
  for (let i = 0; i < tokens.length; i++) {
    const [bytes, immediate] = OPCODES[tokens[i]!] ?? fail(`${f.name}: unknown instruction ${tokens[i]}`);
    out.push(...bytes);
    if (immediate === undefined) continue;
    if (typeof immediate === 'object') {
      const offset = tokens[i + 1]?.startsWith('offset=') ? Number(tokens[++i]!.slice(7)) : 0;
      out.push(immediate.align, ...uleb(offset));
      continue;
    }
    const arg = tokens[++i] ?? fail(`${f.name}: ${tokens[i - 1]} needs an argument`);
    if (immediate === 'local') out.push(...uleb(names.includes(arg) ? names.indexOf(arg) : fail(`${f.name}: no local ${arg}`)));
    else if (immediate === 'i32') out.push(...sleb(Number(arg)));
    else out.push(...uleb(Number(arg)));
  }
  return [...out, 0x0b];
}

const fail = (message: string): never => {
  throw new Error(`index kernels: ${message}`);
};

function assemble(functions: Func[]): Uint8Array<ArrayBuffer> {
  const signature = (f: Func) => [0x60, ...vec(f.params.map(() => [TYPE_CODES.i32])), ...vec(f.result ? [[TYPE_CODES.i32]] : [])];
  const bodies = functions.map(assembleBody);
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // "\0asm", version 1
    ...section(1, vec(functions.map(signature))), // one type per function
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, 0x00]])), // imported memory, ≥ 0 pages, no maximum
    ...section(3, vec(functions.map((_, i) => uleb(i)))),
    ...section(7, vec(functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]))),
    ...section(10, vec(bodies.map((b) => [...uleb(b.length), ...b]))),
  ]);
}

let compiled: WebAssembly.Module | undefined;

/** Instantiates the kernels over `memory` (synchronously: the module is a few KiB, compiled once per process). */
export function kernelsFor(memory: WebAssembly.Memory): Kernels {
  compiled ??= new WebAssembly.Module(assemble(FUNCTIONS));
  return new WebAssembly.Instance(compiled, { env: { memory } }).exports as unknown as Kernels;
}

/** The module's bytes (for tests). */
export const kernelBytes = (): Uint8Array<ArrayBuffer> => assemble(FUNCTIONS);
