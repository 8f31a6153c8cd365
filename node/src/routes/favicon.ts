// The node's icon (the sign-on pages' app icon) at /favicon.svg and /favicon.ico: browsers ask for
// /favicon.ico on every page, and a 404 there is noise in the demo's and the console's consoles.
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';

const SVG = readFileSync(new URL('../sign-on/pages/icon.svg', import.meta.url));

/** An .ico holding one 32×32 PNG (the ICO format allows PNG images since Windows Vista; every browser reads it). */
async function icoOf(svg: Buffer): Promise<Buffer> {
  const png = await sharp(svg, { density: 72 }).resize(32, 32).png().toBuffer();
  const header = Buffer.alloc(22);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(32, 6); // width
  header.writeUInt8(32, 7); // height
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(22, 18); // offset of the image
  return Buffer.concat([header, png]);
}

export function registerFavicon(app: FastifyInstance): void {
  let ico: Promise<Buffer> | undefined;
  const options = { schema: { hide: true }, logLevel: 'warn' as const };
  app.get('/favicon.svg', options, async (_request, reply) => reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(SVG));
  app.get('/favicon.ico', options, async (_request, reply) => {
    ico ??= icoOf(SVG);
    return reply
      .type('image/x-icon')
      .header('cache-control', 'public, max-age=86400')
      .send(await ico);
  });
}
