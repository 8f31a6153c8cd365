// Browser side of the parity test, in a module worker like the real inference: raw RGB → ImageBitmap
// → pixelsFromImageBitmap (RGBA) → VisionEngine on onnxruntime-web (WASM, 1 thread).
import { createWebRunner } from '../../../src/core/inference/ort-web-runner.js';
import { pixelsFromImageBitmap } from '../../../src/core/inference/pixels.js';
import { detectorInput, VisionEngine, type ModelRunner, type Pixels } from 'openfaceio/vision';
import type { ParityRequest, ParityResults, RawImage } from './parity.shared.js';

let runner: ModelRunner | undefined;
let engine: VisionEngine | undefined;

async function fetchBytes(url: string): Promise<ArrayBuffer> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.arrayBuffer();
}

/** Fetches the raw RGB bytes and goes through an ImageBitmap, as camera frames do. */
async function loadPixels(image: RawImage): Promise<{ px: Pixels; mismatches: number }> {
  const rgb = new Uint8Array(await fetchBytes(image.url));
  const { width, height } = image;
  if (rgb.length !== width * height * 3) throw new Error(`${image.url}: ${rgb.length} bytes, expected ${width * height * 3}`);
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0, j = 0; i < rgb.length; i += 3, j += 4) {
    rgba[j] = rgb[i]!;
    rgba[j + 1] = rgb[i + 1]!;
    rgba[j + 2] = rgb[i + 2]!;
    rgba[j + 3] = 255;
  }
  const bitmap = await createImageBitmap(new ImageData(rgba, width, height), { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
  const px = pixelsFromImageBitmap(bitmap);
  bitmap.close();
  let mismatches = 0;
  for (let i = 0, j = 0; i < rgb.length; i += 3, j += 4) {
    if (px.data[j] !== rgb[i] || px.data[j + 1] !== rgb[i + 1] || px.data[j + 2] !== rgb[i + 2]) mismatches++;
  }
  return { px, mismatches };
}

function ready(): { runner: ModelRunner; engine: VisionEngine } {
  if (!runner || !engine) throw new Error('parity worker: send init first');
  return { runner, engine };
}

async function handle(request: ParityRequest): Promise<ParityResults[ParityRequest['type']]> {
  switch (request.type) {
    case 'init': {
      const web = await createWebRunner({ ...request.in, threads: 1 });
      runner = web.runner;
      engine = new VisionEngine(runner);
      return { backend: web.backend };
    }
    case 'analyze': {
      const { px, mismatches } = await loadPixels(request.in);
      const analysis = await ready().engine.analyze(px, { embedding: true, liveness: true, ageGender: true });
      return { channels: px.channels, mismatches, analysis };
    }
    case 'detector': {
      const { px } = await loadPixels(request.in);
      const input = detectorInput(px);
      return { input: input.data, outputs: await ready().runner.run('detect', input) };
    }
    case 'run': {
      const data = new Float32Array(await fetchBytes(request.in.url));
      return ready().runner.run(request.in.model, { data, dims: request.in.dims });
    }
  }
}

self.addEventListener('message', (event: MessageEvent<{ id: number } & ParityRequest>) => {
  const { id, ...request } = event.data;
  handle(request).then(
    (out) => self.postMessage({ id, out }),
    (error: unknown) => self.postMessage({ id, err: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
