import { parseArgs } from 'node:util';
import { createNodeEngine } from '../server/vision/index.js';
import { DEFAULT_MATCH_THRESHOLD } from '../vision/index.js';
import { analyzeCommand } from './analyze.js';
import { errorRecord, writeError } from './output.js';
import { verifyPairs, verifyTwo } from './verify.js';

const USAGE = `Usage: openfaceio <command> [options]

Commands:
  analyze <image...> [--json] [--embeddings]
      Faces in each image: box, quality, liveness score, age, gender (and the 512-d embedding).
  verify <a> <b> [--threshold T]
      Prints {"similarity", "match", "threshold"} for the main face of each image.
  verify --pairs <pairs.txt> --root <dir> [--threshold T]
      LFW-format pairs: one JSON line per pair {a, b, similarity, match}, then a summary line.

Exit codes: 0 ok, 1 at least one input could not be read, 2 usage error.
Default match threshold: ${DEFAULT_MATCH_THRESHOLD} (cosine similarity; see README "Accuracy").`;

function usageError(message: string): number {
  writeError(`openfaceio: ${message}\n\n${USAGE}`);
  return 2;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    writeError(USAGE);
    return command ? 0 : 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        embeddings: { type: 'boolean', default: false },
        pairs: { type: 'string' },
        root: { type: 'string' },
        threshold: { type: 'string' },
      },
    });
  } catch (error) {
    return usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const threshold = values.threshold === undefined ? DEFAULT_MATCH_THRESHOLD : Number(values.threshold);
  if (!Number.isFinite(threshold) || threshold < -1 || threshold > 1) return usageError('--threshold must be a number between -1 and 1');

  let engine;
  try {
    if (command === 'analyze') {
      if (positionals.length === 0) return usageError('analyze needs at least one image');
      engine = createNodeEngine();
      return await analyzeCommand(engine, positionals, { json: values.json, embeddings: values.embeddings });
    }
    if (command === 'verify') {
      if (values.pairs !== undefined) {
        if (!values.root) return usageError('verify --pairs needs --root <dir> (the folder holding name/name_0001.jpg)');
        engine = createNodeEngine();
        return await verifyPairs(engine, values.pairs, values.root, threshold);
      }
      if (positionals.length !== 2) return usageError('verify needs exactly two images (or --pairs and --root)');
      engine = createNodeEngine();
      return await verifyTwo(engine, positionals[0]!, positionals[1]!, threshold);
    }
    return usageError(`unknown command "${command}"`);
  } catch (error) {
    const err = errorRecord(error);
    writeError(`openfaceio: ${err.message}`);
    return 1;
  } finally {
    await engine?.dispose();
  }
}
