import type { Box, Rect } from './geometry.js';

/**
 * The context crop of Silent-Face anti-spoofing (and reused by the age/gender models): the
 * detector box scaled by `scale` (reduced so it fits the image), centred on the box, shifted back
 * inside the image rather than clipped — so the model always sees the same face-to-context ratio.
 */
export function contextCrop(box: Box, imageWidth: number, imageHeight: number, scale: number): Rect {
  const bw = Math.max(1, box.x2 - box.x1);
  const bh = Math.max(1, box.y2 - box.y1);
  const s = Math.min((imageHeight - 1) / bh, (imageWidth - 1) / bw, scale);
  const w = bw * s;
  const h = bh * s;
  const cx = box.x1 + bw / 2;
  const cy = box.y1 + bh / 2;
  let x1 = cx - w / 2,
    y1 = cy - h / 2,
    x2 = cx + w / 2,
    y2 = cy + h / 2;
  if (x1 < 0) {
    x2 -= x1;
    x1 = 0;
  }
  if (y1 < 0) {
    y2 -= y1;
    y1 = 0;
  }
  if (x2 > imageWidth - 1) {
    x1 -= x2 - imageWidth + 1;
    x2 = imageWidth - 1;
  }
  if (y2 > imageHeight - 1) {
    y1 -= y2 - imageHeight + 1;
    y2 = imageHeight - 1;
  }
  const left = Math.max(0, Math.trunc(x1));
  const top = Math.max(0, Math.trunc(y1));
  // Inclusive corners, as the reference slices img[y1:y2+1, x1:x2+1].
  return { x: left, y: top, width: Math.trunc(x2) - left + 1, height: Math.trunc(y2) - top + 1 };
}
