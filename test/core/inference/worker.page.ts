// Main-thread side of the inference worker test: starts the real module worker, drives it only
// through the inference actor, and exposes window.inference* for the node side's page.evaluate.
import { createInferenceClient } from '../../../src/core/inference/inference-actor.js';
import { hintFromSummary } from '../../../src/core/camera/guidance.js';
import type { PageAnalysis, RawRgba } from './worker.shared.js';

const client = createInferenceClient(new Worker('/inference.worker.js', { type: 'module' }));

async function bitmapOf(image: RawRgba): Promise<ImageBitmap> {
  const response = await fetch(image.url);
  if (!response.ok) throw new Error(`${image.url}: HTTP ${response.status}`);
  const rgba = new Uint8ClampedArray(await response.arrayBuffer());
  if (rgba.length !== image.width * image.height * 4) throw new Error(`${image.url}: ${rgba.length} bytes for ${image.width}×${image.height} RGBA`);
  return createImageBitmap(new ImageData(rgba, image.width, image.height), { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
}

async function analyze(bitmap: ImageBitmap): Promise<PageAnalysis> {
  const pending = client.analyze(bitmap);
  const widthAfter = bitmap.width; // read synchronously after the call: transferred (or closed) by now
  const summary = await pending;
  return { summary, guidance: summary ? hintFromSummary(summary) : null, widthAfter };
}

window.inferenceInit = (options) => client.init(options);
window.inferenceAnalyze = async (image) => analyze(await bitmapOf(image));
window.inferenceBusyPair = async (image) => {
  const [a, b] = await Promise.all([bitmapOf(image), bitmapOf(image)]);
  return Promise.all([analyze(a), analyze(b)]);
};
window.inferenceDispose = () => client.dispose();
