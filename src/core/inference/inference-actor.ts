// The inference actor: the only module that touches the inference Worker (CONVENTIONS.md habit 10).
// Numbers requests, transfers frames, matches answers by id, and drops frames while one is being
// analysed (camera frames are disposable: the next one comes in a few tens of milliseconds).
import type {
  FrameSummary,
  InferenceInitOptions,
  InferenceInitResult,
  WorkerMessageType,
  WorkerOutput,
  WorkerRequest,
  WorkerResponse,
} from './worker-protocol.js';

/** What the actor needs of a Worker (a real `Worker`, or a fake in tests). */
export interface WorkerLike {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  addEventListener(type: 'error' | 'messageerror', listener: (event: Event) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'error' | 'messageerror', listener: (event: Event) => void): void;
  terminate?(): void;
}

export interface InferenceClient {
  /** Creates the worker's engine and warms its models; safe to call again (the engine is reused). */
  init(options: InferenceInitOptions): Promise<InferenceInitResult>;
  /**
   * Analyses one frame. The bitmap is transferred (detached here) and closed by the worker. While
   * another frame is in flight the call resolves `null` at once and closes the bitmap.
   */
  analyze(bitmap: ImageBitmap): Promise<FrameSummary | null>;
  /** True while a frame is being analysed. */
  readonly busy: boolean;
  /** Frees the engine, then terminates the worker. Later calls reject. */
  dispose(): Promise<void>;
}

interface Pending {
  type: WorkerMessageType;
  resolve(out: unknown): void;
  reject(error: Error): void;
}

export function createInferenceClient(worker: WorkerLike): InferenceClient {
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let analyzing = false;
  let closed: Error | undefined;

  const failAll = (error: Error): void => {
    for (const call of pending.values()) call.reject(error);
    pending.clear();
  };

  const onMessage = (event: MessageEvent): void => {
    const message = event.data as Partial<WorkerResponse> | null;
    if (typeof message?.id !== 'number') return;
    const call = pending.get(message.id);
    if (!call) return;
    pending.delete(message.id);
    if ('err' in message && message.err) call.reject(new Error(message.err.message));
    else if (message.type !== call.type) call.reject(new Error(`inference worker answered ${String(message.type)} to ${call.type}`));
    else call.resolve((message as { out: unknown }).out);
  };
  // A worker that fails to load (a bad import) or crashes reports only here, never through a message.
  const onError = (event: Event): void => {
    const detail = (event as Partial<ErrorEvent>).message;
    failAll(new Error(`inference worker: ${detail || event.type || 'error'}`));
  };
  worker.addEventListener('message', onMessage);
  worker.addEventListener('error', onError);
  worker.addEventListener('messageerror', onError);

  function request<T extends WorkerMessageType>(
    message: Extract<WorkerRequest, { type: T }>,
    transfer: Transferable[] = [],
  ): Promise<WorkerOutput<T>> {
    if (closed) return Promise.reject(closed);
    return new Promise<WorkerOutput<T>>((resolve, reject) => {
      pending.set(message.id, { type: message.type, resolve: resolve as (out: unknown) => void, reject });
      try {
        worker.postMessage(message, transfer);
      } catch (error) {
        pending.delete(message.id);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  return {
    init: (options) => request<'init'>({ type: 'init', id: nextId++, in: { ...options } }),

    async analyze(bitmap) {
      if (closed) throw closed;
      if (analyzing) {
        bitmap.close();
        return null;
      }
      analyzing = true;
      try {
        return await request<'analyze'>({ type: 'analyze', id: nextId++, in: { bitmap } }, [bitmap]);
      } finally {
        analyzing = false;
      }
    },

    get busy() {
      return analyzing;
    },

    async dispose() {
      if (closed) return;
      try {
        await request<'dispose'>({ type: 'dispose', id: nextId++ });
      } finally {
        closed = new Error('inference client disposed');
        failAll(closed);
        worker.removeEventListener('message', onMessage);
        worker.removeEventListener('error', onError);
        worker.removeEventListener('messageerror', onError);
        worker.terminate?.();
      }
    },
  };
}
