// Where tests and benchmarks find their faces.
// - Tests use the committed fixtures (test/fixtures, see its ATTRIBUTION.md): a clone anywhere passes.
// - Benchmarks and the tests that need material which cannot be committed (presentation-attack clips
//   without a licence) use the team's full data set, ../shared/data or $OPENFACEIO_SHARED_DATA, and
//   LFW from $LFW_DIR; they say what is missing, and how to get it, when it is absent.
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root (the library package). */
export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** The committed test fixtures (OPENFACEIO_DATA_DIR overrides, e.g. to run the tests on the full set). */
export const DATA_DIR = process.env.OPENFACEIO_DATA_DIR ?? join(REPO_ROOT, 'test/fixtures');

/** The team's full data set (faces, scenes, PAD clips, LFW folds): optional, never copied into the repository. */
export const SHARED_DATA_DIR = process.env.OPENFACEIO_SHARED_DATA ?? resolve(REPO_ROOT, '../shared/data');

/** LFW's folds and images, for the accuracy benchmarks (format: see README, "Benchmarks"). */
export const LFW_DIR = process.env.LFW_DIR ?? join(SHARED_DATA_DIR, 'lfw-dev');

/** The verified models the node's install step puts in node/models (OPENFACEIO_MODELS_DIR overrides, as on the node). */
export const MODELS_DIR = process.env.OPENFACEIO_MODELS_DIR ?? join(REPO_ROOT, 'node/models');

/** A file or folder a test or benchmark needs is not there: the message says which and where it comes from. */
export class MissingDataError extends Error {
  override readonly name = 'MissingDataError';
}

/** A fixture's path; throws MissingDataError (not a bare assertion failure later) when it is absent. */
export function dataPath(...parts: string[]): string {
  const path = join(DATA_DIR, ...parts);
  if (!existsSync(path))
    throw new MissingDataError(
      `test data missing: ${relative(REPO_ROOT, path)} (the committed fixtures are listed in test/fixtures/ATTRIBUTION.md; rebuild them with scripts/make-fixtures.mjs)`,
    );
  return path;
}

/** A path in the full data set, or null when this machine does not have it (a test then skips, naming it). */
export function sharedDataPath(...parts: string[]): string | null {
  const path = join(SHARED_DATA_DIR, ...parts);
  return existsSync(path) ? path : null;
}

/** A path in the full data set, for benchmarks: throws MissingDataError with how to get it when absent. */
export function requireSharedData(...parts: string[]): string {
  const path = sharedDataPath(...parts);
  if (!path)
    throw new MissingDataError(
      `benchmark data missing: ${join(SHARED_DATA_DIR, ...parts)}. Point OPENFACEIO_SHARED_DATA at the team's data set (see README, "Benchmarks").`,
    );
  return path;
}

/** Image files (jpg/png/webp) directly inside a folder of the fixtures (or of `base`), sorted. */
export function imagesIn(...parts: string[]): string[] {
  return imagesUnder(dataPath(...parts));
}

export function imagesUnder(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.(jpe?g|png|webp)$/i.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/** Every image under <base>/faces/<identity>/, with its identity (base: the fixtures unless given). */
export function labelledFaces(base = DATA_DIR): { identity: string; file: string }[] {
  const faces = base === DATA_DIR ? dataPath('faces') : join(base, 'faces');
  return readdirSync(faces)
    .sort()
    .flatMap((identity) => imagesUnder(join(faces, identity)).map((file) => ({ identity, file })));
}
