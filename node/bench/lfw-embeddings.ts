import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { decodeImageFile } from '../src/vision/index.js';
import type { VisionEngine } from 'openfaceio/vision';
import { primaryFace } from 'openfaceio/vision';

export interface LabelledImage {
  identity: string;
  file: string;
}

/** Every image under an LFW-style root (root/<identity>/<identity>_NNNN.jpg). */
export function lfwImages(root: string): LabelledImage[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .flatMap((identity) =>
      readdirSync(join(root, identity))
        .filter((f) => f.endsWith('.jpg'))
        .sort()
        .map((f) => ({ identity, file: join(root, identity, f) })),
    );
}

/** Our engine's embeddings of each image's primary face: plain and flip-fused (null = no face). */
export async function engineEmbeddings(
  engine: VisionEngine,
  images: readonly LabelledImage[],
  progress: (done: number) => void,
): Promise<{ plain: (Float32Array | null)[]; flipFused: (Float32Array | null)[] }> {
  const plain: (Float32Array | null)[] = [];
  const flipFused: (Float32Array | null)[] = [];
  for (const [i, image] of images.entries()) {
    const px = await decodeImageFile(image.file);
    const face = primaryFace(await engine.analyze(px, { embedding: true }));
    plain.push(face?.embedding ?? null);
    flipFused.push(face ? await engine.embed(px, engine.align(face.keypoints), true) : null);
    progress(i + 1);
  }
  return { plain, flipFused };
}
