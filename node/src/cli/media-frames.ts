import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { decodeImageFile, ImageInputError } from '../vision/index.js';
import type { StillMotion } from './moving-still.js';
import { movingStill } from './moving-still.js';

const run = promisify(execFile);

/** Extensions read as video with ffmpeg (Debian's, installed by the project); anything else is an image. */
export const VIDEO_EXTENSIONS = new Set(['.mp4', '.webm', '.gif', '.y4m', '.mov', '.mkv', '.avi', '.m4v']);
/** Frames go at ≤ 640 px, as the widget sends them. */
const FRAME_SIDE = 640;

export interface TimedFrame {
  /** Milliseconds from the recording's start. */
  t: number;
  jpeg: Uint8Array;
}

export interface MediaOptions {
  /** Frames per second to sample a video at (a session's frame rate, not the file's). */
  fps: number;
  /** How a still image is presented: the same frame looped (`loop`), or moved like a print (`move`, `tilt`). */
  still: 'loop' | StillMotion | 'move';
  /** Length of a still's presentation. */
  stillSeconds: number;
}

const toJpeg = (bytes: Uint8Array | Buffer) =>
  sharp(bytes).resize(FRAME_SIDE, FRAME_SIDE, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 90 }).toBuffer();

/** A still image as a sequence of frames: looped, or moved (a print held by hand, a picture through a virtual camera). */
async function stillFrames(file: string, options: MediaOptions): Promise<TimedFrame[]> {
  const px = await decodeImageFile(file);
  const count = Math.max(1, Math.round(options.stillSeconds * options.fps));
  const times = Array.from({ length: count }, (_, i) => (i * 1000) / options.fps);
  if (options.still === 'loop') {
    const jpeg = await toJpeg(
      await sharp(px.data, { raw: { width: px.width, height: px.height, channels: 3 } })
        .png()
        .toBuffer(),
    );
    return times.map((t) => ({ t, jpeg }));
  }
  const scale = Math.min(1, FRAME_SIDE / Math.max(px.width, px.height));
  const width = Math.round(px.width * scale),
    height = Math.round(px.height * scale);
  const data = await sharp(px.data, { raw: { width: px.width, height: px.height, channels: 3 } })
    .resize(width, height)
    .raw()
    .toBuffer();
  const frames = await movingStill(
    { width, height, channels: 3, data: new Uint8Array(data) },
    options.still === 'move' ? 'similarity' : options.still,
    count,
  );
  return frames.map((jpeg, i) => ({ t: times[i]!, jpeg }));
}

/** A video sampled at `fps` by ffmpeg (frame i at i / fps seconds). */
async function videoFrames(file: string, options: MediaOptions): Promise<TimedFrame[]> {
  const dir = await mkdtemp(join(tmpdir(), 'openfaceio-liveness-'));
  try {
    const scale = `scale='min(${FRAME_SIDE},iw)':'min(${FRAME_SIDE},ih)':force_original_aspect_ratio=decrease`;
    try {
      await run('ffmpeg', ['-v', 'error', '-i', file, '-vf', `fps=${options.fps},${scale}`, '-q:v', '2', join(dir, '%05d.jpg')]);
    } catch (error) {
      const message = String((error as { stderr?: string }).stderr ?? (error as Error).message)
        .trim()
        .split('\n')[0];
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        throw new ImageInputError('IMAGE_UNREADABLE', 'ffmpeg is not installed (apt-get install ffmpeg)');
      throw new ImageInputError('IMAGE_UNREADABLE', `${file} could not be decoded as video (${message})`);
    }
    const names = (await readdir(dir)).filter((n) => n.endsWith('.jpg')).sort();
    if (names.length === 0) throw new ImageInputError('IMAGE_UNREADABLE', `${file} has no video frames`);
    return Promise.all(names.map(async (n, i) => ({ t: (i * 1000) / options.fps, jpeg: await readFile(join(dir, n)) })));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The file's frames with their times: a video sampled, a still looped or moved. A one-frame video is a still. */
export async function mediaFrames(file: string, options: MediaOptions): Promise<{ frames: TimedFrame[]; kind: 'video' | 'still' }> {
  try {
    if (!(await stat(file)).isFile()) throw new ImageInputError('IMAGE_UNREADABLE', `${file} is not a file`);
  } catch (error) {
    if (error instanceof ImageInputError) throw error;
    throw new ImageInputError('IMAGE_NOT_FOUND', `${file}: no such file`);
  }
  if (VIDEO_EXTENSIONS.has(extname(file).toLowerCase())) {
    const frames = await videoFrames(file, options);
    if (frames.length > 1) return { frames, kind: 'video' };
  }
  return { frames: await stillFrames(file, options), kind: 'still' };
}
