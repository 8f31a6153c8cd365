import type { FaceAnalysis, ImageAnalysis } from './engine.js';

/**
 * The face an image is "of": the largest plausible face, slightly favouring the centre (LFW-style
 * portraits put the subject in the middle; a bystander of similar size at the edge loses).
 */
export function primaryFace(analysis: ImageAnalysis): FaceAnalysis | undefined {
  const cx = analysis.width / 2;
  const cy = analysis.height / 2;
  const diagonal = Math.hypot(analysis.width, analysis.height);
  let best: FaceAnalysis | undefined;
  let bestScore = -Infinity;
  for (const face of analysis.faces) {
    const width = face.box.x2 - face.box.x1;
    const offCentre = Math.hypot((face.box.x1 + face.box.x2) / 2 - cx, (face.box.y1 + face.box.y2) / 2 - cy) / diagonal;
    const score = width * (1 - offCentre);
    if (score > bestScore) {
      bestScore = score;
      best = face;
    }
  }
  return best;
}
