// HEIC uploads (issue 5): detection by the ftyp brand, decoding through libheif (wasm, in a worker),
// and the errors for broken or oversized files.
//
// fixtures/quadrants-1080p.heic is a real HEVC-coded HEIC (7 KB), made offline with Debian's
// libheif-examples 1.15 (x265 encoder) from a 1920×1080 PNG of four flat quadrants — red
// (220,30,30), green (30,200,60), blue (40,60,220), light grey (240,240,240), left to right, top to
// bottom: `heif-enc -q 90 -o quadrants-1080p.heic quadrants.png`. Synthetic, so no face data is
// copied into the repository.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { decodeImage, ImageInputError } from '../../src/vision/decode.js';
import { ftypBrands, heifDimensions, isHeic, MAX_HEIC_BYTES } from '../../src/vision/heic.js';

const HEIC = readFileSync(new URL('./fixtures/quadrants-1080p.heic', import.meta.url));
const QUADRANTS = [
  [220, 30, 30],
  [30, 200, 60],
  [40, 60, 220],
  [240, 240, 240],
] as const;
const expected = (x: number, y: number, w: number, h: number) => QUADRANTS[(y < h / 2 ? 0 : 2) + (x < w / 2 ? 0 : 1)]!;

/** An ISO-BMFF file start: an ftyp box with these brands, then `rest`. */
const ftyp = (major: string, compatible: string[], rest = Buffer.alloc(0)) => {
  const box = Buffer.alloc(16 + 4 * compatible.length);
  box.writeUInt32BE(box.length, 0);
  box.write('ftyp', 4, 'latin1');
  box.write(major, 8, 'latin1');
  compatible.forEach((b, i) => box.write(b, 16 + 4 * i, 'latin1'));
  return Buffer.concat([box, rest]);
};

const rejectsWith = (promise: Promise<unknown>, code: string, pattern: RegExp) =>
  assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ImageInputError, `an ImageInputError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.match(error.message, pattern);
    return true;
  });

describe('HEIC detection', () => {
  it('recognises HEIC by its ftyp brand, and leaves AVIF, JPEG and PNG to sharp', async () => {
    assert.deepEqual(ftypBrands(HEIC), { major: 'heic', compatible: ['mif1', 'heic', 'miaf'] });
    assert.ok(isHeic(HEIC));
    for (const brand of ['heic', 'heix', 'hevc', 'heim', 'heis', 'hevx']) assert.ok(isHeic(ftyp(brand, ['mif1'])), brand);
    assert.ok(isHeic(ftyp('mif1', ['heic', 'miaf'])), 'generic HEIF brand with HEVC');
    assert.ok(isHeic(ftyp('msf1', ['hevc'])), 'generic HEIF sequence');
    assert.ok(!isHeic(ftyp('mif1', ['avif', 'miaf'])), 'mif1 declaring AV1 is AVIF');
    assert.ok(!isHeic(ftyp('isom', ['mp41'])), 'an MP4 video');
    const avif = await sharp({ create: { width: 32, height: 24, channels: 3, background: { r: 200, g: 10, b: 10 } } })
      .avif()
      .toBuffer();
    assert.equal(ftypBrands(avif)?.major, 'avif');
    assert.ok(!isHeic(avif));
    assert.ok(
      !isHeic(
        await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } })
          .jpeg()
          .toBuffer(),
      ),
    );
    assert.ok(!isHeic(Buffer.from('ftyp')), 'too short');
  });

  it('reads the declared size from the ispe property without decoding', () => {
    assert.deepEqual(heifDimensions(HEIC), { width: 1920, height: 1080 });
    assert.equal(heifDimensions(ftyp('heic', ['mif1'])), null);
  });
});

describe('HEIC decoding', () => {
  it('decodes a real HEIC to RGB pixels that match the source', async () => {
    const px = await decodeImage(HEIC, 'photo.heic');
    assert.equal(px.width, 1920);
    assert.equal(px.height, 1080);
    assert.equal(px.channels, 3);
    assert.equal(px.data.length, 1920 * 1080 * 3);
    let error = 0;
    for (let y = 0; y < px.height; y += 7) {
      for (let x = 0; x < px.width; x += 7) {
        const want = expected(x, y, px.width, px.height);
        for (let c = 0; c < 3; c++) error += Math.abs(px.data[(y * px.width + x) * 3 + c]! - want[c]!);
      }
    }
    const samples = Math.ceil(px.height / 7) * Math.ceil(px.width / 7) * 3;
    assert.ok(error / samples < 2, `mean absolute error ${(error / samples).toFixed(2)} (lossy HEVC, 4:2:0 chroma at the edges)`);
    // The quadrant centres exactly (flat areas survive HEVC intact, up to rounding).
    for (const [x, y] of [
      [480, 270],
      [1440, 270],
      [480, 810],
      [1440, 810],
    ] as const) {
      const at = (y * px.width + x) * 3;
      const got = [...px.data.subarray(at, at + 3)];
      expected(x, y, px.width, px.height).forEach((v, c) =>
        assert.ok(Math.abs(got[c]! - v) <= 3, `(${x},${y}) ${got} ≈ ${expected(x, y, px.width, px.height)}`),
      );
    }
  });

  it('decodes off the event loop (timers keep firing during a decode)', async () => {
    let last = performance.now();
    let worstGap = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      worstGap = Math.max(worstGap, now - last);
      last = now;
    }, 5);
    try {
      const started = performance.now();
      await decodeImage(HEIC, 'photo.heic');
      const took = performance.now() - started;
      assert.ok(worstGap < Math.max(150, took / 3), `the event loop stalled ${worstGap.toFixed(0)} ms during a ${took.toFixed(0)} ms decode`);
    } finally {
      clearInterval(ticker);
    }
  });

  it('refuses a HEIC over the pixel limit from its header, before decoding', async () => {
    const started = performance.now();
    await rejectsWith(decodeImage(HEIC, 'huge.heic', 1_000_000), 'IMAGE_TOO_LARGE', /huge\.heic is 1920×1080 \(2\.1 MP\), over the 1 MP limit/);
    assert.ok(performance.now() - started < 100, 'no decode was attempted');
  });

  it('refuses a HEIC over the byte limit', async () => {
    const big = ftyp('heic', ['mif1'], Buffer.alloc(MAX_HEIC_BYTES));
    await rejectsWith(decodeImage(big, 'big.heic'), 'IMAGE_TOO_LARGE', /big\.heic is a 32\.0 MB HEIC image, over the 32 MB limit/);
  });

  it('gives a clear error for a broken HEIC, and the next good one still decodes', async () => {
    // The reason is libheif's own.
    await rejectsWith(
      decodeImage(HEIC.subarray(0, 300), 'cut.heic'),
      'IMAGE_UNREADABLE',
      /^cut\.heic is a HEIC\/HEIF image that could not be decoded \(.*No 'meta' box.*\)$/,
    );
    await rejectsWith(
      decodeImage(HEIC.subarray(0, HEIC.length - 3000), 'upload.heic'),
      'IMAGE_UNREADABLE',
      /upload\.heic is a HEIC\/HEIF image that could not be decoded \(.*outside of file bounds.*\)/,
    );
    await rejectsWith(
      decodeImage(ftyp('heic', ['mif1'], Buffer.from('not really a heif file at all')), 'fake.heic'),
      'IMAGE_UNREADABLE',
      /fake\.heic is a HEIC\/HEIF image that could not be decoded \(.+\)/,
    );
    assert.equal((await decodeImage(HEIC, 'photo.heic')).width, 1920);
  });

  it('still hands AVIF to sharp', async () => {
    const avif = await sharp({ create: { width: 32, height: 24, channels: 3, background: { r: 200, g: 10, b: 10 } } })
      .avif()
      .toBuffer();
    const px = await decodeImage(avif);
    assert.equal(px.width, 32);
    assert.ok(Math.abs(px.data[0]! - 200) < 12);
  });
});
