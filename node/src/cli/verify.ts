import type { VisionEngine } from 'openfaceio/vision';
import { DEFAULT_MATCH_THRESHOLD, primaryFace, similarity } from 'openfaceio/vision';
import { decodeImageFile } from '../vision/index.js';
import { readPairs } from './lfw-pairs.js';
import { errorRecord, rounded, writeLine } from './output.js';

/** What one image yields: its primary face's embedding, no face, or an input error. */
type Probe = { embedding: Float32Array } | { reason: string } | { error: { code: string; message: string } };

/** Embeds each image once, however many pairs it is in. */
function probeCache(engine: VisionEngine): (file: string) => Promise<Probe> {
  const cache = new Map<string, Promise<Probe>>();
  const load = async (file: string): Promise<Probe> => {
    try {
      const face = primaryFace(await engine.analyze(await decodeImageFile(file), { embedding: true }));
      return face?.embedding ? { embedding: face.embedding } : { reason: `no face found in ${file}` };
    } catch (error) {
      return { error: errorRecord(error) };
    }
  };
  return (file) => {
    let probe = cache.get(file);
    if (!probe) cache.set(file, (probe = load(file)));
    return probe;
  };
}

interface PairResult {
  a: string;
  b: string;
  similarity: number | null;
  match: boolean;
  reason?: string;
  error?: { code: string; message: string };
}

async function comparePair(probe: (f: string) => Promise<Probe>, a: string, b: string, threshold: number): Promise<PairResult> {
  const [pa, pb] = await Promise.all([probe(a), probe(b)]);
  for (const p of [pa, pb]) if ('error' in p) return { a, b, similarity: null, match: false, error: p.error };
  for (const p of [pa, pb]) if ('reason' in p) return { a, b, similarity: null, match: false, reason: p.reason };
  const s = similarity((pa as { embedding: Float32Array }).embedding, (pb as { embedding: Float32Array }).embedding);
  return { a, b, similarity: rounded(s), match: s >= threshold };
}

/** `openfaceio verify <a> <b>`: prints {similarity, match}; exit 1 if an input could not be read. */
export async function verifyTwo(engine: VisionEngine, a: string, b: string, threshold = DEFAULT_MATCH_THRESHOLD): Promise<number> {
  const result = await comparePair(probeCache(engine), a, b, threshold);
  const { a: _a, b: _b, ...rest } = result;
  writeLine(JSON.stringify({ ...rest, threshold }));
  return result.error ? 1 : 0;
}

/** `openfaceio verify --pairs <file> --root <dir>`: one JSON line per pair, then a summary line. */
export async function verifyPairs(engine: VisionEngine, pairsFile: string, root: string, threshold = DEFAULT_MATCH_THRESHOLD): Promise<number> {
  const pairs = await readPairs(pairsFile, root);
  const probe = probeCache(engine);
  let correct = 0,
    noFace = 0,
    errors = 0,
    matches = 0;
  for (const pair of pairs) {
    const result = await comparePair(probe, pair.a, pair.b, threshold);
    writeLine(JSON.stringify(result));
    if (result.error) errors++;
    else if (result.reason) noFace++;
    if (result.match) matches++;
    if (result.match === pair.same) correct++;
  }
  const summary = { pairs: pairs.length, matches, accuracy: rounded(correct / pairs.length), threshold, noFace, errors };
  writeLine(JSON.stringify({ summary }));
  return errors > 0 ? 1 : 0;
}
