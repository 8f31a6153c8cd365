// Isomorphic vision engine: the same pre/post-processing under onnxruntime-node and onnxruntime-web.
export * from './age-gender.js';
export * from './align.js';
export * from './crops.js';
export * from './detect.js';
export * from './embedding.js';
export * from './engine.js';
export * from './geometry.js';
export * from './landmarks.js';
export * from './liveness.js';
export * from './models.js';
export * from './ort-runner.js';
export * from './pixels.js';
export * from './plausibility.js';
export * from './primary-face.js';
export * from './quality.js';
export * from './sampling.js';
