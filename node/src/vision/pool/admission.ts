/**
 * Admission control (DESIGN.md §4): a new session is refused with TOO_MANY_REQUESTS and a
 * Retry-After when the frames already promised to the pool would make its verdict later than the
 * deadline — a quick, honest "busy" instead of a slow timeout for everyone.
 *
 * The estimate: (frames waiting + frames running + frames that open sessions still need + frames of
 * sessions admitted but not yet connected + this session's) × the mean time a frame keeps a worker
 * ÷ workers. An admitted session reserves its frames until its stream opens (or `reservationMs`
 * passes: a token that is never used must not block the node).
 */
export interface PoolLoad {
  queued: number;
  running: number;
  workers: number;
  /** Mean ms a frame keeps a worker; 0 before the first frame (then everything is admitted). */
  serviceMs: number;
}

export interface AdmissionOptions {
  /** The latest a new session's frames may be analysed, ms after it starts. */
  deadlineMs: number;
  /** How long an admitted session's reservation lasts without its stream opening. */
  reservationMs?: number;
}

const MAX_RETRY_AFTER_S = 60;

/** The default verdict deadline (VERDICT_DEADLINE_MS). */
export const DEFAULT_VERDICT_DEADLINE_MS = 3_000;

export class AdmissionControl {
  private readonly lanes = new Map<number, number>();
  private reservations: { frames: number; until: number }[] = [];

  constructor(
    private readonly load: () => PoolLoad,
    private readonly options: AdmissionOptions,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Null to admit (the session's frames are reserved), else the seconds after which to retry. */
  admit(frames: number): number | null {
    const waitMs = this.estimateMs(frames);
    if (waitMs > this.options.deadlineMs) return Math.min(MAX_RETRY_AFTER_S, Math.max(1, Math.ceil((waitMs - this.options.deadlineMs) / 1000)));
    this.reservations.push({ frames, until: this.now() + (this.options.reservationMs ?? 10_000) });
    return null;
  }

  /** How long until a new session's `frames` would be analysed, by the estimate above (ms). */
  estimateMs(frames: number): number {
    const { queued, running, workers, serviceMs } = this.load();
    const now = this.now();
    this.reservations = this.reservations.filter((r) => r.until > now);
    let promised = queued + running + frames;
    for (const remaining of this.lanes.values()) promised += remaining;
    for (const r of this.reservations) promised += r.frames;
    return (promised * serviceMs) / workers;
  }

  /** A session's stream opened: it takes over the oldest reservation and expects `frames`. */
  opened(lane: number, frames: number): void {
    this.reservations.shift();
    this.lanes.set(lane, frames);
  }

  /** One of the lane's frames reached the pool (it is now counted as queued or running). */
  submitted(lane: number): void {
    const remaining = this.lanes.get(lane);
    if (remaining !== undefined) this.lanes.set(lane, Math.max(0, remaining - 1));
  }

  closed(lane: number): void {
    this.lanes.delete(lane);
  }
}
