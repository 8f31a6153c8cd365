// Fake-camera clips for the liveness end-to-end tests, made from ../shared/data at test time (never
// committed) and cached under .cache/y4m, keyed by the source's content.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { movingStill } from '../../src/cli/moving-still.js';

const CACHE = join(new URL('../..', import.meta.url).pathname, '.cache/y4m');
const key = (source: string, kind: string) => `${kind}-${createHash('sha256').update(readFileSync(source)).digest('hex').slice(0, 12)}.y4m`;

/** Numbered PNG frames (10 per second) → a 640×480 y4m that Chromium's fake camera loops. */
function y4mFromFrames(dir: string, out: string): void {
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-framerate',
    '10',
    '-i',
    join(dir, '%04d.png'),
    '-vf',
    'scale=640:480,format=yuv420p',
    '-f',
    'yuv4mpegpipe',
    `${out}.tmp`,
  ]);
  execFileSync('mv', [`${out}.tmp`, out]);
}

/**
 * The head-turn GIF (10 fps, 400×220) cropped around the face to 4:3 and re-timed for a session
 * that starts anywhere in the loop: 3.6 s looking at the camera (its frontal frames, slowed down:
 * what a user does while the widget starts), then its turn to her left, back through the centre
 * and to her right (GIF frames 5–32, as recorded), then 1.2 s frontal again. A session therefore
 * always gets its frontal baseline before the turns, and the next movement after the baseline is
 * always "left, then right".
 */
export function headTurnClip(gif: string): string {
  mkdirSync(CACHE, { recursive: true });
  const out = join(CACHE, key(gif, 'headturn-retimed'));
  if (existsSync(out)) return out;
  const work = mkdtempSync(join(tmpdir(), 'openfaceio-headturn-'));
  try {
    const src = join(work, 'src');
    mkdirSync(src);
    execFileSync('ffmpeg', ['-v', 'error', '-i', gif, '-vf', 'crop=220:165:70:0', join(src, '%04d.png')]);
    const frontal = [84, 85, 86, 87, 88, 2, 3, 4, 84];
    const sequence = [
      ...frontal.flatMap((f) => [f, f, f, f]),
      ...Array.from({ length: 28 }, (_, i) => 5 + i),
      ...[29, 30, 31, 32].flatMap((f) => [f, f, f]),
    ];
    const seq = join(work, 'seq');
    mkdirSync(seq);
    sequence.forEach((f, i) => copyFileSync(join(src, `${String(f).padStart(4, '0')}.png`), join(seq, `${String(i + 1).padStart(4, '0')}.png`)));
    y4mFromFrames(seq, out);
    return out;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** A still photo moved like a hand-held print (moving-still.ts), 2 s looped: never two identical frames within the loop. */
export async function movingStillClip(image: string): Promise<string> {
  mkdirSync(CACHE, { recursive: true });
  const out = join(CACHE, key(image, 'moving-still'));
  if (existsSync(out)) return out;
  const work = mkdtempSync(join(tmpdir(), 'openfaceio-moving-'));
  try {
    const { data, info } = await sharp(readFileSync(image))
      .rotate()
      .resize(640, 480, { fit: 'contain', background: '#808080' })
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const frames = await movingStill({ width: info.width, height: info.height, channels: 3, data: new Uint8Array(data) }, 'similarity', 40, 7, 40);
    for (const [i, jpeg] of frames.entries()) writeFileSync(join(work, `${String(i + 1).padStart(4, '0')}.png`), await sharp(jpeg).png().toBuffer());
    y4mFromFrames(work, out);
    return out;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
