/**
 * The order in which waiting frames get a worker, across sessions.
 *
 * - Sessions waiting on their last needed frame go first (the session marks the frame with which it
 *   may have what its verdict needs; its earlier waiting frames are needed too): finishing a started
 *   session frees its user and its slot sooner than starting another's work (shortest remaining
 *   work first keeps p99 down under load).
 * - Otherwise first come, first served, except that a session with frames already on a worker
 *   waits behind sessions with none: a client that pipelines frames cannot take every worker from
 *   a client that sends one at a time.
 * - A session's own frames always go in the order they came.
 *
 * Pure bookkeeping (no workers, no timers): the pool asks `take()` whenever a worker is free.
 */
export interface QueuedJob {
  /** The session (lane) the frame belongs to. */
  readonly lane: number;
  /** With this frame the session may have what its verdict needs. */
  readonly last: boolean;
}

interface Entry<T> {
  job: T;
  seq: number;
}

export class FrameQueue<T extends QueuedJob> {
  private entries: Entry<T>[] = [];
  private seq = 0;
  /** Jobs of each lane on a worker now. */
  private readonly running = new Map<number, number>();

  get length(): number {
    return this.entries.length;
  }

  push(job: T): void {
    this.entries.push({ job, seq: this.seq++ });
  }

  /** The next job to run (and counts it as running for its lane), or undefined when none waits. */
  take(): T | undefined {
    const finishing = new Set(this.entries.filter((e) => e.job.last).map((e) => e.job.lane));
    let best = -1;
    for (let i = 0; i < this.entries.length; i++) if (best < 0 || this.before(this.entries[i]!, this.entries[best]!, finishing)) best = i;
    if (best < 0) return undefined;
    const [{ job }] = this.entries.splice(best, 1) as [Entry<T>];
    this.running.set(job.lane, (this.running.get(job.lane) ?? 0) + 1);
    return job;
  }

  /** A job taken earlier has finished (or failed). */
  done(job: T): void {
    const n = (this.running.get(job.lane) ?? 1) - 1;
    if (n > 0) this.running.set(job.lane, n);
    else this.running.delete(job.lane);
  }

  /** Removes and returns the waiting jobs that match (a closed session's, or all of them at shutdown). */
  remove(match: (job: T) => boolean): T[] {
    const removed = this.entries.filter((e) => match(e.job)).map((e) => e.job);
    this.entries = this.entries.filter((e) => !match(e.job));
    return removed;
  }

  private before(a: Entry<T>, b: Entry<T>, finishing: ReadonlySet<number>): boolean {
    const fa = finishing.has(a.job.lane);
    if (fa !== finishing.has(b.job.lane)) return fa;
    const ra = this.running.get(a.job.lane) ?? 0;
    const rb = this.running.get(b.job.lane) ?? 0;
    if (ra !== rb) return ra < rb;
    return a.seq < b.seq;
  }
}
