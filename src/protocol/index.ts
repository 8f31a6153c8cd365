// The contract between the browser library and the processing node: both import it, it imports
// nothing. Types and constants only.
export * from './errors.js';
export * from './frame-header.js';
export * from './liveness.js';
export * from './limits.js';
export * from './locales.js';
export * from './sign-on.js';
export * from './wire.js';
