import sharp from 'sharp';

/**
 * A small JPEG whose header claims `side`×`side` pixels (a decompression bomb: a few KB that would
 * decode to gigabytes). Made by patching the SOF0 frame header of a real 64×64 JPEG.
 */
export async function jpegBomb(side = 65_000): Promise<Buffer> {
  const jpeg = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#808080' } })
    .jpeg({ quality: 50 })
    .toBuffer();
  for (let i = 2; i < jpeg.length - 9; i++) {
    // SOF0..SOF2 marker, then length (2), precision (1), height (2), width (2).
    if (jpeg[i] === 0xff && jpeg[i + 1]! >= 0xc0 && jpeg[i + 1]! <= 0xc2) {
      jpeg.writeUInt16BE(side, i + 5);
      jpeg.writeUInt16BE(side, i + 7);
      return jpeg;
    }
  }
  throw new Error('no SOF marker in the generated JPEG');
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes: Uint8Array): number => {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

/** A small PNG whose IHDR claims `side`×`side` pixels (with a valid CRC, so only the size gives it away). */
export async function pngBomb(side = 60_000): Promise<Buffer> {
  const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#000000' } })
    .png()
    .toBuffer();
  // Signature (8), then the IHDR chunk: length (4), "IHDR" (4), width (4), height (4), …, CRC over type + data.
  png.writeUInt32BE(side, 16);
  png.writeUInt32BE(side, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}
