import { after } from 'node:test';
import { createNodeEngine } from '../../src/vision/index.js';
import type { VisionEngine } from 'openfaceio/vision';

let shared: VisionEngine | undefined;

/** One node engine per test file (sessions take ~100 ms each to create), disposed after the file. */
export function testEngine(): VisionEngine {
  if (!shared) {
    shared = createNodeEngine();
    after(() => shared?.dispose());
  }
  return shared;
}
