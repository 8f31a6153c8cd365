import type { FaceAnalysis, VisionEngine } from 'openfaceio/vision';
import { decodeImageFile } from '../vision/index.js';
import { errorRecord, rounded, writeLine } from './output.js';

export interface AnalyzeCommandOptions {
  json: boolean;
  embeddings: boolean;
}

function faceRecord(face: FaceAnalysis, withEmbedding: boolean): Record<string, unknown> {
  const q = face.quality;
  return {
    box: { x1: rounded(face.box.x1, 1), y1: rounded(face.box.y1, 1), x2: rounded(face.box.x2, 1), y2: rounded(face.box.y2, 1) },
    score: rounded(face.score),
    quality: {
      faceWidth: rounded(q.faceWidth, 1),
      interocular: rounded(q.interocular, 1),
      sharpness: rounded(q.sharpness, 1),
      brightness: rounded(q.brightness, 1),
      yaw: rounded(q.yaw, 1),
      pitch: rounded(q.pitch, 1),
      roll: rounded(q.roll, 1),
      issues: q.issues,
    },
    liveness: rounded(face.liveness ?? NaN),
    age: rounded(face.age ?? NaN, 1),
    gender: face.gender,
    ...(withEmbedding && face.embedding ? { embedding: Array.from(face.embedding, (v) => rounded(v, 6)) } : {}),
  };
}

function describe(file: string, faces: Record<string, unknown>[]): string {
  if (faces.length === 0) return `${file}: no face found`;
  const lines = [`${file}: ${faces.length} face${faces.length > 1 ? 's' : ''}`];
  faces.forEach((f, i) => {
    const b = f.box as Record<string, number>;
    const q = f.quality as Record<string, unknown>;
    const issues = (q.issues as string[]).length ? ` issues: ${(q.issues as string[]).join(', ')}` : '';
    lines.push(
      `  #${i + 1} box ${b.x1},${b.y1}–${b.x2},${b.y2} score ${f.score} · live ${f.liveness} · age ${f.age} · ${f.gender} · ` +
        `yaw ${q.yaw}° pitch ${q.pitch}° roll ${q.roll}° · sharpness ${q.sharpness} · brightness ${q.brightness}${issues}`,
    );
  });
  return lines.join('\n');
}

/** `openfaceio analyze <image...>`: one result (or one error) per image; returns the exit code. */
export async function analyzeCommand(engine: VisionEngine, files: string[], options: AnalyzeCommandOptions): Promise<number> {
  let failed = 0;
  for (const file of files) {
    try {
      const px = await decodeImageFile(file);
      const analysis = await engine.analyze(px, { liveness: true, ageGender: true, embedding: options.embeddings });
      const faces = analysis.faces.map((f) => faceRecord(f, options.embeddings));
      writeLine(options.json ? JSON.stringify({ file, width: px.width, height: px.height, faces }) : describe(file, faces));
    } catch (error) {
      failed++;
      const err = errorRecord(error);
      writeLine(options.json ? JSON.stringify({ file, error: err }) : `${file}: error ${err.code}: ${err.message}`);
    }
  }
  return failed > 0 ? 1 : 0;
}
