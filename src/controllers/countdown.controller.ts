// The countdown of the current phase's limit, for "More time" (WCAG 2.2.1 Timing Adjustable: warn
// before time runs out and let the user extend it with a simple action, with at least 20 seconds
// to do so). The machine owns the limit (a named delay); its view-model says how long it is and
// bumps `epoch` each time it is (re-)armed, so the countdown restarts exactly when the timer does.
// The host re-renders at the moment the warning starts and then once a second until the end —
// never before the warning, so a calm phase costs nothing.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PhaseTimer } from '../core/flow/flow.connect.js';

/** "More time" shows for the last 20 s of a limit (WCAG 2.2.1's 20 s), for the whole of a shorter one. */
export const EXTEND_WARNING_MS = 20_000;

export interface Countdown {
  /** Milliseconds left, never negative. */
  remainingMs: number;
  /** Whole seconds left when the warning started: announced once, politely (a ticking live region would chatter). */
  announcedSeconds: number;
}

export class CountdownController implements ReactiveController {
  private key = '';
  private endsAt = 0;
  private announcedSeconds = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /**
   * Called on render with the phase and its timer: the countdown while the warning shows, null before
   * it (or where no limit runs). Schedules the next update itself.
   */
  follow(phase: string, timer: PhaseTimer | null): Countdown | null {
    if (!timer) return this.stop();
    const key = `${phase}:${timer.epoch}:${timer.limitMs}`;
    const now = performance.now();
    if (key !== this.key) {
      this.key = key;
      this.endsAt = now + timer.limitMs;
      this.announcedSeconds = 0;
    }
    const remainingMs = Math.max(0, this.endsAt - now);
    // On the second boundaries, so the visible count steps evenly.
    this.schedule(remainingMs > EXTEND_WARNING_MS ? remainingMs - EXTEND_WARNING_MS : remainingMs % 1_000 || 1_000);
    if (remainingMs > EXTEND_WARNING_MS) return null;
    this.announcedSeconds ||= Math.max(1, Math.round(remainingMs / 1_000));
    return { remainingMs, announcedSeconds: this.announcedSeconds };
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.stop();
  }

  private stop(): null {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.key = '';
    return null;
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.host.requestUpdate(), ms);
  }
}
