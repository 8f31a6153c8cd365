import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One labelled pair of an LFW-format pairs file. */
export interface LabelledPair {
  fold: number;
  a: string;
  b: string;
  same: boolean;
}

const image = (root: string, name: string, index: string): string => join(root, name, `${name}_${index.padStart(4, '0')}.jpg`);

/**
 * Reads LFW's pairs.txt: a header `folds<TAB>n`, then per fold n same-person lines `name i j` and
 * n different-person lines `name1 i name2 j`. Paths are resolved under `root`.
 */
export async function readPairs(file: string, root: string): Promise<LabelledPair[]> {
  const lines = (await readFile(file, 'utf8')).split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines.shift()?.trim().split(/\s+/).map(Number);
  if (!header || header.length !== 2 || header.some((n) => !Number.isInteger(n) || n <= 0)) {
    throw new Error(`${file}: first line must be "<folds> <pairs per half-fold>", e.g. "3\t300"`);
  }
  const [folds, perHalf] = header as [number, number];
  if (lines.length !== folds * perHalf * 2)
    throw new Error(`${file}: expected ${folds * perHalf * 2} pair lines after the header, found ${lines.length}`);
  return lines.map((line, i) => {
    const fold = Math.floor(i / (2 * perHalf));
    const parts = line.trim().split(/\s+/);
    if (parts.length === 3) return { fold, a: image(root, parts[0]!, parts[1]!), b: image(root, parts[0]!, parts[2]!), same: true };
    if (parts.length === 4) return { fold, a: image(root, parts[0]!, parts[1]!), b: image(root, parts[2]!, parts[3]!), same: false };
    throw new Error(`${file}:${i + 2}: expected "name i j" or "name1 i name2 j", got "${line}"`);
  });
}
