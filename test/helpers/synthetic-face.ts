import type { Point } from '../../src/vision/index.js';

/**
 * A synthetic 3-D face with the 68 iBUG landmarks, projected under a head pose: enough geometry
 * (a jaw contour behind the face plane, a nose in front of it, eyes with lids, a mouth) for the
 * pose, blink and rigidity code to be tested without committing anyone's face. Units are pixels
 * of a face about 120 px wide; x to the image's right, y down, z towards the camera.
 */
type P3 = [number, number, number];

function template(eyeOpen: number): P3[] {
  const pts: P3[] = [];
  // 0–16 jaw: a half-ellipse from ear to ear, its sides set back.
  for (let i = 0; i <= 16; i++) {
    const a = Math.PI * (i / 16);
    pts.push([-60 * Math.cos(a), -10 + 70 * Math.sin(a) * 0.95, -40 * Math.abs(Math.cos(a)) - 10]);
  }
  // 17–26 brows.
  for (let i = 0; i < 5; i++) pts.push([-50 + i * 9, -38 - 4 * Math.sin((Math.PI * i) / 4), 5]);
  for (let i = 0; i < 5; i++) pts.push([14 + i * 9, -38 - 4 * Math.sin((Math.PI * (4 - i)) / 4), 5]);
  // 27–30 nose bridge to tip (in front), 31–35 nostrils.
  for (let i = 0; i < 4; i++) pts.push([0, -28 + i * 10, 10 + i * 8]);
  for (let i = 0; i < 5; i++) pts.push([-10 + i * 5, 16, 22 - Math.abs(i - 2) * 3]);
  // 36–41 and 42–47 eyes: corner, two upper lid points, corner, two lower lid points.
  const eye = (cx: number): P3[] => {
    const h = 5 * eyeOpen;
    return [
      [cx - 11, -22, 2],
      [cx - 4, -22 - h, 4],
      [cx + 4, -22 - h, 4],
      [cx + 11, -22, 2],
      [cx + 4, -22 + h, 4],
      [cx - 4, -22 + h, 4],
    ];
  };
  pts.push(...eye(-25), ...eye(25));
  // 48–59 outer lip, 60–67 inner lip.
  for (let i = 0; i < 12; i++) {
    const a = (2 * Math.PI * i) / 12;
    pts.push([-22 * Math.cos(a), 34 - 7 * Math.sin(a), 8 - 3 * Math.abs(Math.sin(a))]);
  }
  for (let i = 0; i < 8; i++) {
    const a = (2 * Math.PI * i) / 8;
    pts.push([-15 * Math.cos(a), 34 - 2 * Math.sin(a), 8]);
  }
  return pts;
}

export interface FacePose {
  /** Degrees; > 0 turns the nose to the image's right (the user's left in an unmirrored frame). */
  yaw?: number;
  /** Degrees; > 0 looks up. */
  pitch?: number;
  /** Degrees; > 0 clockwise in the image. */
  roll?: number;
  /** 1 open, 0 closed. */
  eyeOpen?: number;
  scale?: number;
  /** Position of the face centre in the image. */
  x?: number;
  y?: number;
}

const rad = (d: number) => (d * Math.PI) / 180;

/** The 68 landmarks of the synthetic face in a pose, perspective-projected (camera 600 px away). */
export function syntheticLandmarks(pose: FacePose = {}): Point[] {
  const { yaw = 0, pitch = 0, roll = 0, eyeOpen = 1, scale = 1, x = 320, y = 240 } = pose;
  const [cy, sy] = [Math.cos(rad(yaw)), Math.sin(rad(yaw))];
  const [cp, sp] = [Math.cos(rad(pitch)), Math.sin(rad(pitch))];
  const [cr, sr] = [Math.cos(rad(roll)), Math.sin(rad(roll))];
  const f = 600;
  return template(eyeOpen).map(([px, py, pz]) => {
    // yaw about the vertical axis (nose towards +x for yaw > 0), then pitch (chin up: points move up), then roll.
    const x1 = px * cy + pz * sy,
      z1 = -px * sy + pz * cy;
    const y2 = py * cp - z1 * sp,
      z2 = py * sp + z1 * cp;
    const x3 = x1 * cr - y2 * sr,
      y3 = x1 * sr + y2 * cr;
    const k = (f / (f - z2)) * scale;
    return { x: x + x3 * k, y: y + y3 * k };
  });
}
