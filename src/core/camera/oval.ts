// Where the framing oval goes, in the camera frame's own pixels: the overlay is an SVG whose
// viewBox is the frame and whose preserveAspectRatio "xMidYMid slice" crops exactly as the
// video's `object-fit: cover` does, and both are mirrored by the same CSS, so frame coordinates
// from the tracker land on the face whatever the stage's shape. Pure: node tests run it.
import type { FaceBox } from '../flow/flow.types.js';

export interface Oval {
  /** The frame (the SVG's viewBox). */
  width: number;
  height: number;
  cx: number;
  cy: number;
  rx: number;
  ry: number;
}

/** Before the first tracked frame (and in stories): a 4:3 camera. */
export const DEFAULT_FRAME = { width: 640, height: 480 } as const;

/**
 * The oval around the tracked face, or a centred one where a face should go. The detector's box
 * spans brow to chin; the oval takes in the whole head (wider, and taller than wide, 3:4).
 */
export function ovalOf(face: FaceBox | null): Oval {
  const { width, height } = face?.frame ?? DEFAULT_FRAME;
  if (!face) {
    const ry = height * 0.38;
    return { width, height, cx: width / 2, cy: height / 2, rx: ry * 0.75, ry };
  }
  const boxWidth = face.width * width;
  const boxHeight = face.height * height;
  const rx = boxWidth * 0.72;
  const ry = Math.max(boxHeight * 0.78, (rx * 4) / 3);
  return { width, height, cx: (face.x + face.width / 2) * width, cy: (face.y + face.height / 2) * height - boxHeight * 0.08, rx, ry };
}

/** The frame with an oval hole (even-odd fill): the dimmed surround that makes the oval read as the target. */
export function maskPath({ width, height, cx, cy, rx, ry }: Oval): string {
  const r = (n: number) => Math.round(n * 10) / 10;
  return `M0 0H${width}V${height}H0Z M${r(cx - rx)} ${r(cy)}a${r(rx)} ${r(ry)} 0 1 0 ${r(2 * rx)} 0a${r(rx)} ${r(ry)} 0 1 0 ${r(-2 * rx)} 0Z`;
}
