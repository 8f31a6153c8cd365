// A job module for the pool's tests (loaded in the workers by worker-entry.mjs): no models, jobs
// that answer, fail, or take their worker down on request.
import { threadId } from 'node:worker_threads';

export interface FakeRequest {
  name: string;
  /** Ends the worker thread mid-job (as a native crash or an out-of-memory abort would). */
  crash?: 'exit' | 'throw';
  /** Fails the job itself with an ImageInputError-like error. */
  fail?: boolean;
  /** Holds the worker until the test sets the first Int32 to 1 (Atomics: no race with the job's start). */
  holdUntil?: SharedArrayBuffer;
}

export async function createJobHandler(options: { startup?: 'fail' } = {}) {
  if (options.startup === 'fail') throw new Error('fake models missing');
  return async (request: FakeRequest) => {
    if (request.crash === 'exit') process.exit(3);
    if (request.crash === 'throw')
      setImmediate(() => {
        throw new Error('fake native crash');
      });
    if (request.holdUntil) Atomics.wait(new Int32Array(request.holdUntil), 0, 0);
    if (request.fail) throw Object.assign(new Error(`${request.name}: not an image`), { name: 'ImageInputError', code: 'IMAGE_UNREADABLE' });
    if (request.crash) await new Promise(() => undefined); // the crash above ends the thread first
    return { name: request.name, thread: threadId };
  };
}
