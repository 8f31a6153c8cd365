import { ageGenderInput, decodeSsr, MALE_THRESHOLD } from './age-gender.js';
import { alignmentTransform, embeddingInput } from './align.js';
import type { Detection, DetectorOptions } from './detect.js';
import { decodeDetections, DEFAULT_DETECTOR_OPTIONS, detectorInput, paddedDetectorFrame, paddedDetectorInput, RETRY_MIN_SCORE } from './detect.js';
import { fuseEmbeddings, l2Normalize, vectorNorm } from './embedding.js';
import type { RejectedDetection } from './plausibility.js';
import { plausibleFaces } from './plausibility.js';
import type { Affine, Box, Point } from './geometry.js';
import type { FivePoints } from './landmarks.js';
import { decodeLandmarks, fivePoints, landmarkCrop, landmarkInput } from './landmarks.js';
import { decodeLiveness, livenessInput } from './liveness.js';
import { decodeEyeClosed, eyeCrops, eyeInput } from './eye-openness.js';
import type { ModelRunner } from './models.js';
import type { Pixels } from './pixels.js';
import type { FaceQuality } from './quality.js';
import { assessQuality } from './quality.js';

export interface EngineOptions {
  detector?: Partial<DetectorOptions>;
  /**
   * Average the embedding of the face and of its mirror image. Off by default: on lfw-dev it
   * changed accuracy by less than the run-to-run noise for a second feature inference (see the
   * accuracy bench's flip-fusion row).
   */
  flipFusion?: boolean;
}

export interface AnalyzeOptions {
  /** Return each face's embedding (it is computed unless `faceness: false`: its norm is the faceness check). */
  embedding?: boolean;
  /**
   * Check each detection is a face by its embedding's norm (plausibility.ts; default true). The
   * browser's hint worker turns it off: fr_feature was most of its time per frame, and a hint may
   * trust the detector (the node checks every frame it receives).
   */
  faceness?: boolean;
  liveness?: boolean;
  ageGender?: boolean;
  /** Run fr_eye on each face (skipped where the runner has no fr_eye: `eyesClosed` stays undefined). */
  eyes?: boolean;
  /** Analyse at most this many faces, largest first (detections beyond are still counted). */
  maxFaces?: number;
}

export interface AgeGender {
  /** Years (SSR-Net estimate; MAE ≈ 12 on LFW). */
  age: number;
  gender: 'male' | 'female';
  /** The gender model's raw male-ness in [0, 1]. */
  maleness: number;
}

export interface FaceAnalysis extends Partial<AgeGender> {
  box: Box;
  score: number;
  /** 68 points, iBUG order, image pixels. */
  landmarks: Point[];
  keypoints: FivePoints;
  quality: FaceQuality;
  /** Norm of the raw embedding: low for non-faces, face parts and hands (see plausibility.ts); NaN when not measured (`faceness: false`). */
  faceness: number;
  /** 512-d, L2-normalised. */
  embedding?: Float32Array;
  /** p(live) from the passive anti-spoofing model. */
  liveness?: number;
  /** Mean fr_eye p(closed) of both eyes (blink challenge). */
  eyesClosed?: number;
}

export interface ImageAnalysis {
  width: number;
  height: number;
  /** All detections above the detector threshold, best first. */
  detections: Detection[];
  /** Plausible faces, largest first (at most `maxFaces`). */
  faces: FaceAnalysis[];
  /** Detections that are not faces of a participant, with the reason. */
  rejected: RejectedDetection[];
}

const area = (b: Box): number => (b.x2 - b.x1) * (b.y2 - b.y1);

/** Image → faces → aligned crop → scores; the same code under onnxruntime-node and onnxruntime-web. */
export class VisionEngine {
  readonly detectorOptions: DetectorOptions;
  readonly flipFusion: boolean;

  constructor(
    private readonly runner: ModelRunner,
    options: EngineOptions = {},
  ) {
    this.detectorOptions = { ...DEFAULT_DETECTOR_OPTIONS, ...options.detector };
    this.flipFusion = options.flipFusion ?? false;
  }

  /** Face boxes, best first; retries once on a padded frame when the plain pass finds nothing. */
  async detect(px: Pixels): Promise<Detection[]> {
    const [scores, boxes] = await this.runner.run('detect', detectorInput(px));
    const found = decodeDetections(scores!, boxes!, px.width, px.height, this.detectorOptions);
    if (found.length > 0) return found;
    const frame = paddedDetectorFrame(px);
    const [retryScores, retryBoxes] = await this.runner.run('detect', paddedDetectorInput(px, frame));
    const retryOptions = { ...this.detectorOptions, minScore: Math.max(this.detectorOptions.minScore, RETRY_MIN_SCORE) };
    return decodeDetections(retryScores!, retryBoxes!, px.width, px.height, retryOptions, frame);
  }

  async landmarks(px: Pixels, box: Box): Promise<Point[]> {
    const crop = landmarkCrop(box, px.width, px.height);
    const [out] = await this.runner.run('landmark', landmarkInput(px, crop));
    return decodeLandmarks(out!, crop);
  }

  align(five: FivePoints): Affine {
    return alignmentTransform(five);
  }

  async embed(px: Pixels, transform: Affine, flipFusion = this.flipFusion): Promise<Float32Array> {
    return (await this.embedWithNorm(px, transform, flipFusion)).embedding;
  }

  /** The normalised embedding and the raw vector's norm (the faceness signal). */
  async embedWithNorm(px: Pixels, transform: Affine, flipFusion = this.flipFusion): Promise<{ embedding: Float32Array; norm: number }> {
    const [raw] = await this.runner.run('feature', embeddingInput(px, transform));
    const norm = vectorNorm(raw!);
    if (!flipFusion) return { embedding: l2Normalize(raw!), norm };
    const [mirrored] = await this.runner.run('feature', embeddingInput(px, transform, true));
    return { embedding: fuseEmbeddings([l2Normalize(raw!), l2Normalize(mirrored!)]), norm };
  }

  async liveness(px: Pixels, box: Box): Promise<number> {
    const [out] = await this.runner.run('liveness', livenessInput(px, box));
    return decodeLiveness(out!);
  }

  /** Mean fr_eye p(closed) of both eyes, or undefined where the runner has no fr_eye (an optional model). */
  async eyesClosed(px: Pixels, landmarks: readonly Point[]): Promise<number | undefined> {
    if (this.runner.has && !this.runner.has('eye')) return undefined;
    let sum = 0;
    for (const crop of eyeCrops(landmarks, px.width, px.height)) {
      const [out] = await this.runner.run('eye', eyeInput(px, crop));
      sum += decodeEyeClosed(out!);
    }
    return sum / 2;
  }

  async ageGender(px: Pixels, box: Box): Promise<AgeGender> {
    const input = ageGenderInput(px, box);
    const age = decodeSsr(await this.runner.run('age', input), 101);
    // The regression overshoots [0, 1] slightly (1.1 seen on clear male faces).
    const maleness = Math.min(1, Math.max(0, decodeSsr(await this.runner.run('gender', input), 1)));
    return { age, maleness, gender: maleness >= MALE_THRESHOLD ? 'male' : 'female' };
  }

  /**
   * Detects every face, keeps the plausible participants (plausibility.ts), then adds quality and
   * the requested scores, largest face first.
   */
  async analyze(px: Pixels, options: AnalyzeOptions = {}): Promise<ImageAnalysis> {
    const detections = await this.detect(px);
    const candidates: FaceAnalysis[] = [];
    for (const det of [...detections].sort((a, b) => area(b.box) - area(a.box))) {
      const landmarks = await this.landmarks(px, det.box);
      const keypoints = fivePoints(landmarks);
      const transform = this.align(keypoints);
      const quality = assessQuality(px, det.box, landmarks, keypoints, transform);
      if (options.faceness === false) {
        candidates.push({ box: det.box, score: det.score, landmarks, keypoints, quality, faceness: Number.NaN });
        continue;
      }
      const { embedding, norm } = await this.embedWithNorm(px, transform);
      candidates.push({ box: det.box, score: det.score, landmarks, keypoints, quality, faceness: norm, embedding });
    }
    const { accepted, rejected } = plausibleFaces(candidates, { faceness: options.faceness !== false });
    const faces = accepted.slice(0, options.maxFaces ?? Infinity);
    for (const face of faces) {
      if (!options.embedding) delete face.embedding;
      if (options.liveness) face.liveness = await this.liveness(px, face.box);
      if (options.ageGender) Object.assign(face, await this.ageGender(px, face.box));
      if (options.eyes) {
        const closed = await this.eyesClosed(px, face.landmarks);
        if (closed !== undefined) face.eyesClosed = closed;
      }
    }
    return { width: px.width, height: px.height, detections, faces, rejected };
  }

  dispose(): Promise<void> {
    return this.runner.dispose();
  }
}
