// A QR code as an SVG string, for the "no phone registered" hand-off. Loaded only when needed.
// qrcode-generator: MIT, no dependencies (the `qrcode` package brought a CLI's 20 packages along).
export async function qrSvg(text: string): Promise<string> {
  const { default: qrcode } = await import('qrcode-generator');
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  return qr.createSvgTag({ cellSize: 4, margin: 8, scalable: true });
}
