import { Worker } from 'node:worker_threads';
import { FrameQueue } from './frame-queue.js';
import type { JobFailure, WorkerMessage, WorkerSetup } from './pool-protocol.js';

/** A job failed inside its worker (the job's own error, by name and message). */
export class JobError extends Error {
  readonly code?: string;
  constructor(failure: JobFailure) {
    super(failure.message);
    this.name = failure.name;
    if (failure.code) this.code = failure.code;
  }
}

/** The worker running a job died (a crash, not the job's error): the job's session ends, the pool starts a new worker. */
export class WorkerCrashedError extends Error {
  override readonly name = 'WorkerCrashedError';
}

/** The pool is closing or closed, or its lane was closed: the job never ran. */
export class JobCancelledError extends Error {
  override readonly name = 'JobCancelledError';
}

export interface PoolOptions {
  /** Worker threads (each owns its own ONNX sessions and runs one job at a time). */
  size: number;
  /** File URL of the job module (exports `createJobHandler(options)`, see pool-protocol.ts). */
  module: string;
  /** Passed to the job module's createJobHandler (structured-cloned). */
  options?: unknown;
  /** Workers that die before they are ready, in a row, before the pool gives up (a missing model, say). */
  maxStartFailures?: number;
}

interface Job<Req, Res> {
  lane: number;
  last: boolean;
  request: Req;
  transfer: readonly ArrayBuffer[];
  resolve(result: Res): void;
  reject(error: Error): void;
  /** Set when the job goes to a worker. */
  id?: number;
  started?: number;
}

interface Slot<Req, Res> {
  worker: Worker;
  ready: boolean;
  job: Job<Req, Res> | null;
}

/** Moving average of how long a job keeps a worker (ms), for admission control. */
const SERVICE_SMOOTHING = 0.1;

/**
 * A pool of worker threads that run jobs (frame analyses) off the event loop. Jobs wait in a
 * FrameQueue (fair across sessions, see frame-queue.ts) until a worker is free. A worker that dies
 * fails only the job it was running (WorkerCrashedError) and is replaced; `close()` cancels what
 * waits, lets running jobs finish, and ends the threads.
 */
export class InferencePool<Req, Res> {
  private readonly slots: Slot<Req, Res>[] = [];
  private readonly queue = new FrameQueue<Job<Req, Res>>();
  private nextId = 1;
  private readonly running = new Map<number, Job<Req, Res>>();
  /** Resolved whenever a running job ends (close() waits on it). */
  private jobEnded: { promise: Promise<void>; resolve: () => void } = settledSignal();
  private closing = false;
  private broken: Error | null = null;
  private startFailures = 0;
  private serviceMs = 0;
  private started: Promise<void> | null = null;

  constructor(private readonly options: PoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1) throw new RangeError(`pool size must be a positive integer, got ${options.size}`);
  }

  get size(): number {
    return this.options.size;
  }

  /** Starts the workers and resolves once every one has loaded its models (rejects when they cannot). */
  start(): Promise<void> {
    this.started ??= Promise.all(Array.from({ length: this.options.size }, () => this.spawn())).then(() => undefined);
    return this.started;
  }

  /** Queues a job; resolves with the worker's result. `lane` (the session) and `last` order it (frame-queue.ts). */
  run(lane: number, last: boolean, request: Req, transfer: readonly ArrayBuffer[] = []): Promise<Res> {
    if (this.closing) return Promise.reject(new JobCancelledError('the inference pool is closed'));
    if (this.broken) return Promise.reject(this.broken);
    return new Promise<Res>((resolve, reject) => {
      this.queue.push({ lane, last, request, transfer, resolve, reject });
      this.dispatch();
    });
  }

  /** Drops a lane's waiting jobs (its session ended); its running jobs finish and are ignored by their caller. */
  cancelLane(lane: number): void {
    for (const job of this.queue.remove((j) => j.lane === lane)) job.reject(new JobCancelledError('the session ended'));
  }

  /** Now: jobs waiting, jobs on a worker, workers, and the mean time a job keeps a worker (0 before the first job). */
  load(): { queued: number; running: number; workers: number; serviceMs: number } {
    return { queued: this.queue.length, running: this.running.size, workers: this.options.size, serviceMs: this.serviceMs };
  }

  /** Cancels waiting jobs, lets running ones finish, then ends every worker. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    for (const job of this.queue.remove(() => true)) job.reject(new JobCancelledError('the inference pool is closing'));
    while (this.running.size > 0) await this.jobEnded.promise;
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
    this.slots.length = 0;
  }

  private spawn(): Promise<void> {
    const setup: WorkerSetup = { module: this.options.module, options: this.options.options };
    const worker = new Worker(new URL('./worker-entry.mjs', import.meta.url), { workerData: setup });
    const slot: Slot<Req, Res> = { worker, ready: false, job: null };
    this.slots.push(slot);
    return new Promise<void>((resolve, reject) => {
      worker.on('message', (message: WorkerMessage<Res>) => {
        if (message.type === 'ready') {
          slot.ready = true;
          this.startFailures = 0;
          resolve();
          return this.dispatch();
        }
        if (message.type === 'init-failed') return reject(new JobError(message.error));
        this.finish(slot, message);
      });
      // 'error' (an uncaught exception in the worker) is always followed by 'exit'.
      worker.on('error', (error) => reject(error));
      worker.on('exit', (code) => {
        reject(new WorkerCrashedError(`an inference worker stopped before it was ready (exit code ${code})`));
        this.lost(slot, code);
      });
    });
  }

  /** A worker ended: fail its job, and replace it unless the pool is closing or workers keep failing to start. */
  private lost(slot: Slot<Req, Res>, code: number): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return; // terminated by close()
    this.slots.splice(index, 1);
    if (slot.job) {
      const job = slot.job;
      this.ended(job);
      job.reject(new WorkerCrashedError(`the inference worker running this frame died (exit code ${code})`));
    }
    if (this.closing) return;
    if (!slot.ready && ++this.startFailures >= (this.options.maxStartFailures ?? 3)) {
      this.broken = new WorkerCrashedError(`inference workers fail to start (exit code ${code}): see the log above`);
      for (const job of this.queue.remove(() => true)) job.reject(this.broken);
      return;
    }
    this.spawn().catch(() => undefined);
  }

  private finish(slot: Slot<Req, Res>, message: Extract<WorkerMessage<Res>, { id: number }>): void {
    const job = this.running.get(message.id);
    if (!job) return;
    slot.job = null;
    this.ended(job);
    const ms = performance.now() - job.started!;
    this.serviceMs = this.serviceMs === 0 ? ms : this.serviceMs + SERVICE_SMOOTHING * (ms - this.serviceMs);
    if (message.type === 'done') job.resolve(message.result);
    else job.reject(new JobError(message.error));
    this.dispatch();
  }

  private ended(job: Job<Req, Res>): void {
    this.running.delete(job.id!);
    this.queue.done(job);
    this.jobEnded.resolve();
    this.jobEnded = settledSignal();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.job) continue;
      const job = this.queue.take();
      if (!job) return;
      job.id = this.nextId++;
      job.started = performance.now();
      slot.job = job;
      this.running.set(job.id, job);
      slot.worker.postMessage({ id: job.id, request: job.request }, [...job.transfer]);
    }
  }
}

function settledSignal(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
