import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** ../shared/data, read in place (never copied into the repo). */
export const DATA_DIR = process.env.OPENFACEIO_DATA_DIR ?? resolve(fileURLToPath(new URL('../../../shared/data', import.meta.url)));

/** The repository's root (the library package). */
export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** The verified models the node's install step puts in node/models (OPENFACEIO_MODELS_DIR overrides, as on the node). */
export const MODELS_DIR = process.env.OPENFACEIO_MODELS_DIR ?? join(REPO_ROOT, 'node/models');

export const dataPath = (...parts: string[]): string => join(DATA_DIR, ...parts);

/** Image files (jpg/png/webp) directly inside a data folder, sorted. */
export function imagesIn(...parts: string[]): string[] {
  const dir = dataPath(...parts);
  return readdirSync(dir)
    .filter((f) => /\.(jpe?g|png|webp)$/i.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/** Every image under faces/<identity>/, with its identity. */
export function labelledFaces(): { identity: string; file: string }[] {
  return readdirSync(dataPath('faces'))
    .sort()
    .flatMap((identity) => imagesIn('faces', identity).map((file) => ({ identity, file })));
}
