export * from './decode.js';
export * from './node-engine.js';
