// Derives faster-to-run copies of the verified models for onnxruntime-node (CPU), deterministically,
// from the files install-models.mjs has just checked. What is derived, from which file, by which
// rewrites, and the SHA-256 each result must have are one table: `derived` in models.lock.json.
// The originals stay in models/ (the identity test compares both; the browser gets the originals).
//
// Needs only protobufjs and the vendored ./onnx-min.proto. A model whose decode → encode round trip
// is not byte-identical is refused (the minimal schema would silently drop a field it lacks), and so
// is a source whose SHA-256 is not the verified one. Deterministic: no timestamps, no randomness, new
// names derived from existing ones, the same float maths on every run; a result whose SHA-256
// differs from the pinned one is not installed.
//
// Why each rewrite is exact (or how close), measured with onnxruntime-node 1.30, 1 intra-op thread
// (the derivation and measurements: PERF-NOTES.md and /work/research/perf/REPORT.md):
//
//  flush-denormals {threshold} — weights with |w| < threshold become ±0.
//     fr_feature, fr_landmark and fr_gender hold float32 subnormal weights (8 938 / 26 567 / 13 331),
//     and fr_feature has dead channels whose bias × PRelu slope underflows into ~21 000 subnormal
//     activations per face. Every x86 FMA touching a subnormal takes a microcode assist: that, not
//     the graph, is what made 'all' 3× slower than 'extended' for fr_feature and fr_gender. 1e-15
//     (not 2^-126) also clears the dead-channel products. Outputs are bit-identical for fr_feature
//     and fr_landmark; fr_gender differs only in outputs that are themselves ~1e-36.
//  prelu {variant: 'dwconv'} — PRelu(x) = Relu(x) + (−slope) ⊛ Relu((−1) ⊛ x), ⊛ a 1×1 depthwise
//     Conv without bias. ORT's PRelu has no NCHWc kernel, so under 'all' each PRelu cost a layout
//     reorder pair (67 in fr_feature); Relu, Conv+Relu and Conv+Add all have one, so the network stays
//     blocked (1 reorder left). Exact in IEEE float32: x > 0 gives x + (−s)·0 = x, x ≤ 0 gives
//     0 + (−s)·(−x) = s·x, one rounding as in PRelu. (The plain Relu/Sub/Mul/Add form is exact too
//     but ×1.6 slower at 'all': it keeps the reorders.)
//  pad-channels {multiple} — fr_liveness's bottleneck chains have 13/26/52/77/103/231/308 channels,
//     which ORT's NCHWc transformer skips (block 16 with AVX-512). Widening them with all-zero
//     channels (zero weights, bias, slope: they carry exact zeros) lets the dwconv PRelu form keep the
//     network blocked: ~2× faster at 'all'. Bit-identical at 'extended'; at 'all' the blocked kernels
//     sum in another order (max |Δ| 1e-5 on p(live); the original moves 6e-5 between levels).
//  initializers-not-inputs — fr_age (IR 4) lists its 104 initializers as graph inputs, which ORT
//     treats as overridable: it neither folds nor fuses them. Dropping them from graph.input (legal
//     since IR 4) lets Conv+BatchNorm fuse: ~1.8× faster. Max |Δ| 6.6e-7 on the raw outputs.
//
// Measured and not applied (no gain or not exact): other PRelu forms, PRelu rewrites on fr_liveness
// without the padding, flushing fr_age, no-op Pad removal, Shape→Reshape folding (ORT does it),
// trailing BatchNorm folding, static int8 (slower than these fp32 files here, and it moves the
// embedding: PERF-NOTES.md).
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';

const root = protobuf.loadSync(fileURLToPath(new URL('./onnx-min.proto', import.meta.url)));
const ModelProto = root.lookupType('onnx.ModelProto');
const NodeProto = root.lookupType('onnx.NodeProto');
const TensorProto = root.lookupType('onnx.TensorProto');
const StringStringEntryProto = root.lookupType('onnx.StringStringEntryProto');

const FLOAT = 1;
const ATTR = { FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, FLOATS: 6, INTS: 7 };

export const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

const encodeModel = (model) => Buffer.from(ModelProto.encode(model).finish());

/** Decodes, and refuses a model whose re-encoding differs from its bytes (a field the schema lacks). */
export function decodeModel(bytes, label = 'model') {
  const model = ModelProto.decode(bytes);
  const again = encodeModel(model);
  if (Buffer.compare(again, Buffer.from(bytes)) !== 0) {
    throw new Error(
      `${label}: decode → encode is not byte-identical (${again.length} vs ${bytes.length} bytes): onnx-min.proto lacks a field it uses`,
    );
  }
  return model;
}

// ---------------------------------------------------------------- tensors, nodes, attributes

/** float32 tensor contents (little-endian raw_data or float_data). */
function floatValues(t) {
  if (t.dataType !== FLOAT) throw new Error(`tensor ${t.name}: data type ${t.dataType} is not float32`);
  if (!t.rawData?.length) return Float32Array.from(t.floatData);
  const raw = new DataView(t.rawData.buffer, t.rawData.byteOffset, t.rawData.byteLength);
  const out = new Float32Array(raw.byteLength / 4);
  for (let i = 0; i < out.length; i++) out[i] = raw.getFloat32(i * 4, true);
  return out;
}

function floatTensor(name, dims, values) {
  const raw = Buffer.alloc(values.length * 4);
  for (let i = 0; i < values.length; i++) raw.writeFloatLE(values[i], i * 4);
  return TensorProto.fromObject({ dims, dataType: FLOAT, name, rawData: raw });
}

const makeNode = (opType, input, output, name, attribute = []) => NodeProto.fromObject({ input, output, name, opType, attribute });
// Attributes as plain objects: NodeProto.fromObject converts them. (An AttributeProto instance
// would have its prototype defaults f=0, s="" copied as set fields, which onnxruntime rejects for
// some ops: "type field and data field mismatch".)
const attrInts = (name, ints) => ({ name, ints, type: ATTR.INTS });
const attrInt = (name, i) => ({ name, i, type: ATTR.INT });

function intAttribute(node, name, fallback) {
  const a = node.attribute.find((x) => x.name === name);
  return a && a.type === ATTR.INT ? Number(a.i) : fallback;
}

// ---------------------------------------------------------------- graph bookkeeping

class GraphView {
  constructor(model) {
    this.model = model;
    this.graph = model.graph;
    this.names = new Set();
    for (const t of this.graph.initializer) this.names.add(t.name);
    for (const v of [...this.graph.input, ...this.graph.output, ...this.graph.valueInfo]) this.names.add(v.name);
    for (const n of this.graph.node) {
      for (const x of [...n.input, ...n.output]) this.names.add(x);
      if (n.name) this.names.add(n.name);
    }
  }
  initializer(name) {
    return this.graph.initializer.find((t) => t.name === name);
  }
  /** A name unused so far: base, base_1, base_2, … (deterministic). */
  fresh(base) {
    let name = base;
    for (let i = 1; this.names.has(name); i++) name = `${base}_${i}`;
    this.names.add(name);
    return name;
  }
  consumersOf(name) {
    return this.graph.node.filter((n) => n.input.includes(name));
  }
  isGraphOutput(name) {
    return this.graph.output.some((o) => o.name === name);
  }
  /** Drops nodes nobody consumes and initializers nobody reads, to a fixed point. */
  removeDead() {
    const usedNames = () => {
      const used = new Set(this.graph.output.map((o) => o.name));
      for (const n of this.graph.node) for (const x of n.input) used.add(x);
      return used;
    };
    for (;;) {
      const used = usedNames();
      const keep = this.graph.node.filter((n) => n.output.some((o) => used.has(o)));
      if (keep.length === this.graph.node.length) break;
      this.graph.node = keep;
    }
    const used = usedNames();
    const inputs = new Set(this.graph.input.map((i) => i.name));
    this.graph.initializer = this.graph.initializer.filter((t) => used.has(t.name) || inputs.has(t.name));
    this.graph.valueInfo = this.graph.valueInfo.filter((v) => used.has(v.name));
  }
}

// ---------------------------------------------------------------- rewrites

/** PRelu with a constant slope → Relu(x) + (−slope) ⊛ Relu((−1) ⊛ x) (see the header). */
function rewritePRelu(g, { variant }) {
  if (variant !== 'dwconv') throw new Error(`prelu: only the 'dwconv' variant is kept (got ${variant})`);
  let count = 0;
  const out = [];
  for (const n of g.graph.node) {
    const slopeInit = n.opType === 'PRelu' ? g.initializer(n.input[1]) : undefined;
    if (!slopeInit || slopeInit.dataType !== FLOAT) {
      out.push(n);
      continue;
    }
    count++;
    const [x, slope] = n.input;
    const y = n.output[0];
    const base = n.name || y;
    const v = (s) => g.fresh(`${y}__prelu_${s}`);
    const nn = (s) => g.fresh(`${base}/prelu_${s}`);
    const s = floatValues(slopeInit);
    const C = s.length;
    const minusOne = g.fresh(`${slope}__dw_minus_one`);
    const minusSlope = g.fresh(`${slope}__dw_minus_slope`);
    g.graph.initializer.push(
      floatTensor(minusOne, [C, 1, 1, 1], new Array(C).fill(-1)),
      floatTensor(
        minusSlope,
        [C, 1, 1, 1],
        Array.from(s, (a) => -a),
      ),
    );
    const dw = [attrInt('group', C), attrInts('kernel_shape', [1, 1])];
    const r = v('relu'),
      nx = v('negx'),
      rn = v('relu_neg'),
      m = v('scaled');
    out.push(
      makeNode('Relu', [x], [r], nn('relu')),
      makeNode('Conv', [x, minusOne], [nx], nn('neg'), dw),
      makeNode('Relu', [nx], [rn], nn('relu_neg')),
      makeNode('Conv', [rn, minusSlope], [m], nn('scale'), dw),
      makeNode('Add', [r, m], [y], nn('add')),
    );
  }
  g.graph.node = out;
  return `${count} PRelu → dwconv`;
}

/**
 * Pads Conv(group 1) → [PRelu | Relu | depthwise Conv]* → Conv(group 1) chains to a multiple of
 * `multiple` channels with all-zero channels (see the header).
 */
function padChannels(g, { multiple }) {
  let chains = 0;
  const padded = [];
  const dims = (t) => t.dims.map(Number);
  const padDim0 = (name, newC) => {
    const t = g.initializer(name);
    const d = dims(t);
    const per = d.slice(1).reduce((a, b) => a * b, 1);
    const out = new Float32Array(newC * per);
    out.set(floatValues(t));
    const fresh = g.fresh(`${name}__pad${newC}`);
    g.graph.initializer.push(floatTensor(fresh, [newC, ...d.slice(1)], Array.from(out)));
    return fresh;
  };
  const padDim1 = (name, newC) => {
    const t = g.initializer(name);
    const [O, C, ...rest] = dims(t);
    const k = rest.reduce((a, b) => a * b, 1);
    const v = floatValues(t);
    const out = new Float32Array(O * newC * k);
    for (let o = 0; o < O; o++) out.set(v.subarray(o * C * k, (o + 1) * C * k), o * newC * k);
    const fresh = g.fresh(`${name}__pad${newC}`);
    g.graph.initializer.push(floatTensor(fresh, [O, newC, ...rest], Array.from(out)));
    return fresh;
  };
  for (const a of [...g.graph.node]) {
    if (a.opType !== 'Conv' || intAttribute(a, 'group', 1) !== 1) continue;
    const W = g.initializer(a.input[1]);
    if (!W) continue;
    const C = Number(W.dims[0]);
    if (C % multiple === 0) continue;
    const newC = Math.ceil(C / multiple) * multiple;
    // Walk the chain, collecting what to change; give up on anything else.
    const plan = [];
    let ok = true;
    const channelsOf = (n) => dims(g.initializer(n.input[1]))[0];
    const kindOf = (n) => {
      if (n.opType === 'Relu') return 'keep';
      if (n.opType === 'PRelu' && g.initializer(n.input[1]) && channelsOf(n) === C) return 'prelu';
      if (n.opType !== 'Conv' || !g.initializer(n.input[1])) return null;
      const group = intAttribute(n, 'group', 1);
      if (group === C && channelsOf(n) === C) return 'dw';
      return group === 1 ? 'consumer' : null;
    };
    const visit = (tensor) => {
      if (g.isGraphOutput(tensor)) return (ok = false);
      for (const n of g.consumersOf(tensor)) {
        const kind = n.input[0] === tensor ? kindOf(n) : null;
        if (!kind) return (ok = false);
        plan.push([kind, n]);
        if (kind !== 'consumer' && !visit(n.output[0])) return false;
      }
      return true;
    };
    visit(a.output[0]);
    if (!ok || !plan.some(([k]) => k === 'consumer')) continue;
    a.input[1] = padDim0(a.input[1], newC);
    if (a.input[2]) a.input[2] = padDim0(a.input[2], newC);
    for (const [kind, n] of plan) {
      if (kind === 'prelu') n.input[1] = padDim0(n.input[1], newC);
      if (kind === 'dw') {
        n.input[1] = padDim0(n.input[1], newC);
        if (n.input[2]) n.input[2] = padDim0(n.input[2], newC);
        n.attribute.find((x) => x.name === 'group').i = newC;
      }
      if (kind === 'consumer') n.input[1] = padDim1(n.input[1], newC);
    }
    chains++;
    padded.push(`${C}→${newC}`);
  }
  g.removeDead();
  return `${chains} channel chains padded (${padded.join(', ')})`;
}

/** Removes initializers from graph.input (IR ≥ 4), so ORT may fold and fuse them. */
function initializersNotInputs(g) {
  if (Number(g.model.irVersion) < 4) throw new Error('initializers-not-inputs needs IR version ≥ 4');
  const inits = new Set(g.graph.initializer.map((t) => t.name));
  const before = g.graph.input.length;
  g.graph.input = g.graph.input.filter((i) => !inits.has(i.name));
  return `${before - g.graph.input.length} initializers dropped from graph.input`;
}

/** float32 weights with |w| < threshold → zero of the same sign (see the header). */
function flushDenormals(g, { threshold }) {
  let tensors = 0;
  let values = 0;
  for (const t of g.graph.initializer) {
    if (t.dataType !== FLOAT) continue;
    const v = floatValues(t);
    let changed = 0;
    for (let i = 0; i < v.length; i++) {
      if (v[i] !== 0 && Math.abs(v[i]) < threshold) {
        v[i] = v[i] < 0 ? -0 : 0;
        changed++;
      }
    }
    if (!changed) continue;
    tensors++;
    values += changed;
    if (t.rawData?.length) {
      const raw = Buffer.alloc(v.length * 4);
      for (let i = 0; i < v.length; i++) raw.writeFloatLE(v[i], i * 4);
      t.rawData = raw;
    } else {
      t.floatData = Array.from(v);
    }
  }
  return `${values} weights below ${threshold} in ${tensors} tensors set to ±0`;
}

const REWRITES = {
  'flush-denormals': flushDenormals,
  prelu: rewritePRelu,
  'pad-channels': padChannels,
  'initializers-not-inputs': initializersNotInputs,
};

/**
 * Applies `rewrites` ([name, options] pairs, in order) to verified model bytes. The provenance goes
 * into the model's metadata (it is part of the pinned SHA-256). Returns the derived bytes and a log.
 */
export function deriveModel(bytes, rewrites, { label, provenance }) {
  const model = decodeModel(bytes, label);
  const g = new GraphView(model);
  const log = [];
  for (const [name, options] of rewrites) {
    const rewrite = REWRITES[name];
    if (!rewrite) throw new Error(`${label}: unknown rewrite ${name}`);
    log.push(`${name}: ${rewrite(g, options ?? {})}`);
  }
  g.removeDead();
  model.metadataProps.push(
    StringStringEntryProto.fromObject({
      key: 'openfaceio.derived',
      value: `${provenance}; rewrites: ${rewrites.map(([n, o]) => (o?.variant ? `${n}(${o.variant})` : n)).join(', ')}`,
    }),
  );
  return { bytes: encodeModel(model), log };
}
