// Time limits of a scan session. The node enforces them and sends them in its `ready` message, so
// the widget never shows a timer the node would not honour; the widget's "More time" sends an
// `extend` message, which the node honours a bounded number of times per session.

/** What the node enforces on one scan session (sent in `ready`). */
export interface SessionTimeLimits {
  /** Scanning: from the stream's start to the verdict, in ms; each honoured `extend` while scanning re-arms it. */
  sessionMs: number;
  /** Each PIN request, in ms; each honoured `extend` while a PIN is asked re-arms it. */
  pinMs: number;
  /** How many `extend` messages the node honours in one session (later ones are ignored). */
  maxExtensions: number;
}

export const DEFAULT_SESSION_TIME_LIMITS: Readonly<SessionTimeLimits> = { sessionMs: 120_000, pinMs: 60_000, maxExtensions: 3 };
