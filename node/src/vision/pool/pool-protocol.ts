// The messages between the inference pool (main thread) and one of its worker threads.

/** Main → worker: one job. */
export interface JobRequest<Req> {
  id: number;
  request: Req;
}

/** An error as it crosses the thread boundary (Error objects lose their class in a structured clone). */
export interface JobFailure {
  name: string;
  message: string;
  /** ImageInputError's code, for instance. */
  code?: string;
}

/** Worker → main: ready once its models are loaded (or not), then one answer per job. */
export type WorkerMessage<Res> =
  | { type: 'ready' }
  | { type: 'init-failed'; error: JobFailure }
  | { type: 'done'; id: number; result: Res }
  | { type: 'failed'; id: number; error: JobFailure };

/** What the worker entry (worker-entry.mjs) gets as workerData: the job module to load and its options. */
export interface WorkerSetup {
  /** File URL of the module that exports `createJobHandler(options)`. */
  module: string;
  options: unknown;
}

/** A job module's export: set up (load models), then answer jobs. */
export type CreateJobHandler<Req, Res> = (options: unknown) => Promise<(request: Req) => Promise<Res>>;

export function failureOf(error: unknown): JobFailure {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { name: error.name, message: error.message, ...(typeof code === 'string' ? { code } : {}) };
  }
  return { name: 'Error', message: String(error) };
}
