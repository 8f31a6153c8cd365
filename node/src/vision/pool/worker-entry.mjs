// An inference worker thread's entry (plain JavaScript: it must run before TypeScript can be
// loaded). It loads the job module named in workerData, lets it set up (load its models), says
// `ready`, then answers one job at a time — the pool sends a worker a job only when it is idle.
import { parentPort, workerData } from 'node:worker_threads';
import { loadTypeScript } from '../../load-typescript.mjs';

loadTypeScript();
const { failureOf } = await import('./pool-protocol.ts');
const port = parentPort;
let handle;
try {
  const { createJobHandler } = await import(workerData.module);
  handle = await createJobHandler(workerData.options);
} catch (error) {
  port.postMessage({ type: 'init-failed', error: failureOf(error) });
  process.exit(1);
}
port.on('message', ({ id, request }) => {
  handle(request).then(
    (result) => port.postMessage({ type: 'done', id, result }),
    (error) => port.postMessage({ type: 'failed', id, error: failureOf(error) }),
  );
});
port.postMessage({ type: 'ready' });
