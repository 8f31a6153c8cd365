// The real frame job (frame-worker.ts), except that a frame reading "CRASH" takes its worker down.
import type { FrameRequest, FrameWorkerOptions } from '../../src/vision/pool/frame-worker.js';
import { createJobHandler as realHandler } from '../../src/vision/pool/frame-worker.js';

export const CRASH_FRAME = new TextEncoder().encode('CRASH');

export async function createJobHandler(options: FrameWorkerOptions) {
  const handle = await realHandler(options);
  return (request: FrameRequest) => (new TextDecoder().decode(request.bytes.subarray(0, 5)) === 'CRASH' ? process.exit(7) : handle(request));
}
