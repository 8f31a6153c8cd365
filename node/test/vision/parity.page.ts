// Main-thread bridge of the parity test: starts the module worker and exposes window.parityCall,
// which the node side drives through page.evaluate.
import { packJson, type ParityRequest } from './parity.shared.js';

const worker = new Worker('/parity.worker.js', { type: 'module' });
const pending = new Map<number, { resolve(out: string): void; reject(error: Error): void }>();
let nextId = 0;

worker.addEventListener('message', (event: MessageEvent<{ id: number; out?: unknown; err?: string }>) => {
  const { id, out, err } = event.data;
  const call = pending.get(id);
  pending.delete(id);
  if (err !== undefined) call?.reject(new Error(err));
  else call?.resolve(packJson(out));
});
// A worker that fails to load (a bad import) reports only here, never through a message.
worker.addEventListener('error', (event) => {
  for (const call of pending.values()) call.reject(new Error(`parity worker: ${event.message || 'failed to load'}`));
  pending.clear();
});

window.parityCall = (type: ParityRequest['type'], input: ParityRequest['in']) =>
  new Promise<string>((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, type, in: input });
  });
