#!/usr/bin/env node
// Builds test/fixtures/ — the small, licensed face set the tests run on, so a clone anywhere passes
// `npm test` — from the team's shared data set (../shared/data). Kept for provenance: the fixtures
// are committed; run this only to rebuild them (`node scripts/make-fixtures.mjs [SOURCE_DIR]`).
// Only MIT / Apache-2.0 / BSD / public-domain sources (see test/fixtures/ATTRIBUTION.md); photos are
// downscaled to ≤ 640 px (what the widget sends anyway), the clip is its first 3 s.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = process.argv[2] ?? join(root, '../shared/data');
const out = join(root, 'test/fixtures');

/** Folders copied whole (each is one identity, or one kind of scene), and single files. */
const FOLDERS = [
  'faces/deepface_id01',
  'faces/deepface_id03',
  'faces/deepface_id11',
  'faces/bbt_amy',
  'faces/bbt_bernadette',
  'faces/bbt_howard',
  'faces/bbt_leonard',
  'faces/bbt_penny',
  'faces/bbt_raj',
  'faces/bbt_sheldon',
  'faces/bbt_stuart',
  'faces/fr_alex_lacamoire',
  'faces/fr_biden',
  'faces/fr_kit_harington',
  'faces/fr_rose_leslie',
  'faces/fr_lin_manuel_miranda',
  'faces/skimage_astronaut',
  'antispoof',
];
const FILES = [
  'faces/fr_obama/obama_1.jpg',
  'faces/fr_obama/obama_2.jpg',
  'faces/fr_obama/obama_3.jpg',
  'scenes/no-face/chelsea.png',
  'scenes/no-face/coffee.png',
  'scenes/many-faces/bbt1.jpg',
  'scenes/many-faces/bbt2.jpg',
  'scenes/many-faces/obama_and_biden.jpg',
  'scenes/many-faces/two_people.jpg',
];
const CLIP = 'video/person-lmm-webcam.mp4';
const MAX_SIDE = 640;

async function copyImage(relative) {
  const from = join(source, relative);
  const to = join(out, relative);
  mkdirSync(dirname(to), { recursive: true });
  const image = sharp(from).rotate();
  const { width = 0, height = 0 } = await image.metadata();
  if (Math.max(width, height) <= MAX_SIDE) return copyFileSync(from, to);
  const resized = image.resize(MAX_SIDE, MAX_SIDE, { fit: 'inside' });
  await (extname(relative) === '.png' ? resized.png({ compressionLevel: 9 }) : resized.jpeg({ quality: 90 })).toFile(to);
}

// ATTRIBUTION.md stays; the data folders are rebuilt.
for (const folder of ['faces', 'scenes', 'antispoof', 'video']) rmSync(join(out, folder), { recursive: true, force: true });
for (const folder of FOLDERS)
  for (const name of readdirSync(join(source, folder))
    .filter((n) => /\.(jpe?g|png)$/i.test(n))
    .sort())
    await copyImage(`${folder}/${name}`);
for (const file of FILES) await copyImage(file);
mkdirSync(join(out, 'video'), { recursive: true });
execFileSync('ffmpeg', [
  '-loglevel',
  'error',
  '-y',
  '-i',
  join(source, CLIP),
  '-t',
  '3',
  '-an',
  '-c:v',
  'libx264',
  '-crf',
  '20',
  '-pix_fmt',
  'yuv420p',
  join(out, CLIP),
]);
console.log(`fixtures written to ${out}`);
