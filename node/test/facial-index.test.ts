import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FacialIndex, type FacialIndexOptions, type SearchHit } from '../src/index/facial-index.js';
import { kernelBytes, kernelsFor } from '../src/index/kernels.js';

const DIMS = 512;

/** Seeded (mulberry32) so every run sees the same vectors. */
function vectors(seed: number) {
  let s = seed >>> 0;
  const uniform = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const normalize = (v: Float32Array) => {
    let sum = 0;
    for (const x of v) sum += x * x;
    const n = Math.sqrt(sum);
    return v.map((x) => x / n);
  };
  const unit = () => {
    const v = new Float32Array(DIMS);
    for (let i = 0; i < DIMS; i += 2) {
      const r = Math.sqrt(-2 * Math.log(1 - uniform()));
      const a = 2 * Math.PI * uniform();
      v[i] = r * Math.cos(a);
      v[i + 1] = r * Math.sin(a);
    }
    return normalize(v);
  };
  /** A unit vector at cosine ≈ `cos` to `v` (a genuine probe of the same face at cos ≈ 0.6–0.8). */
  const near = (v: Float32Array, cos: number) => {
    const r = unit();
    return normalize(v.map((x, i) => cos * x + Math.sqrt(1 - cos * cos) * r[i]!));
  };
  return { unit, near, uniform };
}

const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

/** What search() must return, computed the slow way from the identities' templates. */
function bruteForce(reference: Map<string, Float32Array[]>, probe: Float32Array, k: number): SearchHit[] {
  return [...reference]
    .map(([facialId, templates]) => ({ facialId, score: Math.max(...templates.map((t) => dot(t, probe))) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, k);
}

function assertSameHits(actual: SearchHit[], expected: SearchHit[], message?: string) {
  assert.deepEqual(
    actual.map((h) => h.facialId),
    expected.map((h) => h.facialId),
    message,
  );
  for (const [i, hit] of actual.entries())
    assert.ok(Math.abs(hit.score - expected[i]!.score) < 1e-5, `${message ?? ''} score ${hit.score} vs ${expected[i]!.score}`);
}

// Both search paths: every row scored, and the sign-code prefilter (here asked for every row, so its
// result must still be exact: this checks its bookkeeping, not its recall).
const modes: [string, FacialIndexOptions][] = [
  ['exact scan', {}],
  ['prefiltered', { exactScanLimit: 0, candidates: 1_000_000 }],
];

describe('FacialIndex', () => {
  it('finds the planted identity among 6,000 templates, with the exact score', () => {
    const { unit, near } = vectors(1);
    const index = new FacialIndex();
    const templates = new Map<string, Float32Array[]>();
    for (let i = 0; i < 2000; i++) {
      const ts = [unit(), unit(), unit()];
      templates.set(`user-${i}`, ts);
      index.add(`user-${i}`, ts);
    }
    for (const target of ['user-0', 'user-777', 'user-1999']) {
      const probe = near(templates.get(target)![1]!, 0.6);
      const [best] = index.search(probe, 1);
      assert.equal(best!.facialId, target);
      assert.ok(Math.abs(best!.score - Math.max(...templates.get(target)!.map((t) => dot(t, probe)))) < 1e-5);
    }
  });

  for (const [mode, options] of modes) {
    it(`${mode}: returns k distinct identities by their best template, highest first`, () => {
      const { unit, near } = vectors(2);
      const index = new FacialIndex(options);
      const reference = new Map<string, Float32Array[]>();
      const add = (id: string, ts: Float32Array[]) => {
        index.add(id, ts);
        reference.set(id, [...(reference.get(id) ?? []), ...ts]);
      };
      const face = unit();
      add('many-templates', [near(face, 0.9), near(face, 0.85), near(face, 0.8), near(face, 0.95)]);
      add('second', [near(face, 0.5)]);
      for (let i = 0; i < 300; i++) add(`other-${i}`, [unit(), unit()]);
      add('second', [near(face, 0.7)]); // a later template of an existing identity
      const hits = index.search(face, 5);
      assert.equal(hits.length, 5);
      assert.equal(new Set(hits.map((h) => h.facialId)).size, 5);
      assert.deepEqual(
        hits.slice(0, 2).map((h) => h.facialId),
        ['many-templates', 'second'],
      );
      assertSameHits(hits, bruteForce(reference, face, 5));
      assert.deepEqual(
        hits.map((h) => h.score),
        [...hits.map((h) => h.score)].sort((a, b) => b - a),
      );
      assert.equal(index.search(face).length, 2); // k defaults to 2
      assert.equal(index.search(face, 1000).length, index.identities);
    });

    it(`${mode}: stays consistent with a brute-force reference over many add/remove cycles`, () => {
      const { unit, uniform } = vectors(3);
      const index = new FacialIndex(options);
      const reference = new Map<string, Float32Array[]>();
      let next = 0;
      for (let round = 0; round < 40; round++) {
        for (let i = 0; i < 25; i++) {
          const id = uniform() < 0.2 && reference.size > 0 ? [...reference.keys()][Math.floor(uniform() * reference.size)]! : `id-${next++}`;
          const ts = Array.from({ length: 1 + Math.floor(uniform() * 4) }, unit);
          index.add(id, ts);
          reference.set(id, [...(reference.get(id) ?? []), ...ts]);
        }
        for (const id of [...reference.keys()]) {
          if (uniform() < 0.3) {
            assert.equal(index.remove(id), reference.get(id)!.length);
            reference.delete(id);
          }
        }
        assert.equal(index.identities, reference.size);
        assert.equal(
          index.size,
          [...reference.values()].reduce((n, ts) => n + ts.length, 0),
        );
        const probe = unit();
        assertSameHits(index.search(probe, 3), bruteForce(reference, probe, 3), `round ${round}`);
        // Every stored template is still findable as itself.
        const [someId, someTemplates] = [...reference][Math.floor(uniform() * reference.size)]!;
        const own = someTemplates[Math.floor(uniform() * someTemplates.length)]!;
        assert.equal(index.search(own, 1)[0]!.facialId, someId);
      }
      assert.equal(index.remove('never-added'), 0);
      for (const id of [...reference.keys()]) index.remove(id);
      assert.equal(index.size, 0);
      assert.equal(index.identities, 0);
      assert.deepEqual(index.search(unit()), []);
    });
  }

  it('removes every template of an identity, wherever its rows are', () => {
    const { unit } = vectors(4);
    const index = new FacialIndex();
    const gone = [unit(), unit(), unit()];
    index.add('gone', [gone[0]!]);
    for (let i = 0; i < 50; i++) index.add(`keep-${i}`, [unit()]);
    index.add('gone', [gone[1]!]);
    for (let i = 50; i < 100; i++) index.add(`keep-${i}`, [unit()]);
    index.add('gone', [gone[2]!]); // the last row
    assert.equal(index.remove('gone'), 3);
    assert.equal(index.has('gone'), false);
    assert.equal(index.size, 100);
    for (const t of gone) assert.notEqual(index.search(t, 1)[0]!.facialId, 'gone');
    assert.equal(index.searchOne(gone[0]!, 'gone'), null);
  });

  it('set() replaces the templates of an identity', () => {
    const { unit } = vectors(5);
    const index = new FacialIndex();
    const [a, b, c] = [unit(), unit(), unit()];
    index.add('x', [a, b]);
    index.add('y', [unit()]);
    index.set('x', [c]);
    assert.equal(index.size, 2);
    assert.ok(Math.abs(index.searchOne(c, 'x')! - 1) < 1e-5);
    assert.ok(index.searchOne(a, 'x')! < 0.5);
    assert.throws(() => index.set('x', [new Float32Array(3)]), RangeError);
    assert.equal(index.size, 2, 'a rejected set() leaves the identity as it was');
  });

  it('searchOne gives the best score of that identity only, as search() reports it', () => {
    const { unit, near } = vectors(6);
    const index = new FacialIndex();
    const face = unit();
    const mine = [near(face, 0.3), near(face, 0.7), near(face, 0.5)];
    index.add('me', mine);
    index.add('twin', [near(face, 0.9)]);
    for (let i = 0; i < 100; i++) index.add(`other-${i}`, [unit()]);
    const score = index.searchOne(face, 'me')!;
    assert.ok(Math.abs(score - Math.max(...mine.map((t) => dot(t, face)))) < 1e-5);
    const hits = index.search(face, 2);
    assert.equal(hits[1]!.facialId, 'me');
    assert.equal(hits[1]!.score, score);
    assert.equal(index.searchOne(face, 'nobody'), null);
  });

  it('grows past its initial capacity, keeping every row', () => {
    const { unit } = vectors(7);
    const index = new FacialIndex();
    const rows: Float32Array[] = [];
    const before = index.memoryBytes();
    for (let i = 0; i < 5000; i++) {
      rows.push(unit());
      index.add(`id-${i}`, [rows[i]!]);
    }
    assert.equal(index.size, 5000);
    assert.ok(index.memoryBytes() > before);
    assert.ok(index.memoryBytes() >= 5000 * (DIMS * 4 + 64));
    for (const i of [0, 1023, 1024, 2500, 4999]) {
      const [hit] = index.search(rows[i]!, 1);
      assert.equal(hit!.facialId, `id-${i}`);
      assert.ok(Math.abs(hit!.score - 1) < 1e-5);
    }
  });

  it('finds genuine matches through the sign-code prefilter when it scores a few candidates', () => {
    const { unit, near } = vectors(8);
    const index = new FacialIndex({ exactScanLimit: 0, candidates: 32 });
    const faces: Float32Array[] = [];
    for (let i = 0; i < 10_000; i++) {
      faces.push(unit());
      index.add(`id-${i}`, [faces[i]!]);
    }
    for (let i = 0; i < 10_000; i += 499) {
      const probe = near(faces[i]!, 0.5); // at the match threshold's side of the impostors
      assert.deepEqual(index.search(probe, 1), index.search(probe, 1, { exact: true }));
      assert.equal(index.search(probe, 1)[0]!.facialId, `id-${i}`);
    }
  });

  it('handles many near-duplicate rows (a large tie of Hamming distances) in the prefilter', () => {
    const { unit } = vectors(9);
    const index = new FacialIndex({ exactScanLimit: 0, candidates: 16 });
    const same = unit();
    for (let i = 0; i < 3000; i++) index.add(`dup-${i}`, [same]);
    const hits = index.search(same, 3);
    assert.equal(hits.length, 3);
    for (const h of hits) assert.ok(Math.abs(h.score - 1) < 1e-5);
  });

  it('rejects malformed input', () => {
    const index = new FacialIndex();
    assert.throws(() => index.add('x', [new Float32Array(128)]), RangeError);
    const nan = new Float32Array(DIMS);
    nan[7] = Number.NaN;
    assert.throws(() => index.add('x', [nan]), RangeError);
    assert.equal(index.size, 0);
    index.add('x', []);
    assert.equal(index.has('x'), false);
    assert.throws(() => index.search(new Float32Array(DIMS), 0), RangeError);
    assert.throws(() => index.search(new Float32Array(10)), RangeError);
    assert.deepEqual(index.search(new Float32Array(DIMS)), []);
  });
});

describe('index kernels (hand-assembled WebAssembly)', () => {
  const memory = new WebAssembly.Memory({ initial: 4 });
  const kernels = kernelsFor(memory);

  it('is a valid module', () => assert.equal(WebAssembly.validate(kernelBytes()), true));

  it('hamming and select agree with a JS popcount', () => {
    const { uniform } = vectors(10);
    const bytes = new Uint8Array(memory.buffer);
    const n = 300;
    for (let i = 0; i < 64 * (n + 1); i++) bytes[i] = Math.floor(uniform() * 256);
    const distAt = 64 * (n + 1);
    const outAt = distAt + 2 * n;
    kernels.hamming(64, n, 0, distAt);
    const dist = new Uint16Array(memory.buffer, distAt, n);
    const popcount = (x: number) => [...x.toString(2)].filter((b) => b === '1').length;
    const expected = Array.from({ length: n }, (_, r) =>
      bytes.subarray(64 * (r + 1), 64 * (r + 2)).reduce((d, b, j) => d + popcount(b ^ bytes[j]!), 0),
    );
    assert.deepEqual([...dist], expected);
    const count = kernels.select(distAt, n, 250, outAt);
    assert.deepEqual(
      [...new Uint32Array(memory.buffer, outAt, count)],
      expected.flatMap((d, r) => (d <= 250 ? [r] : [])),
    );
  });

  it('dotAll and dotSome agree with a JS dot product', () => {
    const { unit } = vectors(11);
    const f32 = new Float32Array(memory.buffer);
    const rows = [unit(), unit(), unit()];
    const probe = unit();
    f32.set(probe, 0);
    rows.forEach((r, i) => f32.set(r, DIMS * (1 + i)));
    const outAt = 4 * DIMS * 4;
    kernels.dotAll(4 * DIMS, 3, 0, outAt);
    const all = [...new Float32Array(memory.buffer, outAt, 3)];
    rows.forEach((r, i) => assert.ok(Math.abs(all[i]! - dot(r, probe)) < 1e-5));
    const idxAt = outAt + 16;
    new Uint32Array(memory.buffer).set([2, 0], idxAt / 4);
    kernels.dotSome(4 * DIMS, idxAt, 2, 0, outAt);
    assert.deepEqual([...new Float32Array(memory.buffer, outAt, 2)], [all[2], all[0]]);
  });
});
