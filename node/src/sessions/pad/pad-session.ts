import type { ChallengeMessage, ChallengePlan, LivenessMode, SessionOperation } from 'openfaceio/protocol';
import type { EyeSample } from 'openfaceio/vision';
import { showsTwoPeople } from '../fusion.js';
import type { SessionBaseline } from './baseline.js';
import { findBaseline } from './baseline.js';
import { ChallengeTracker } from './challenge-tracker.js';
import { STEP_WINDOW_MS } from './challenge-draw.js';
import type { PadDecision, PadEvidence } from './decide.js';
import { decidePad } from './decide.js';
import type { JudgedFrame, PadFrame } from './pad-frame.js';
import { isJudged } from './pad-frame.js';
import { CopyTracker, eyeSamples, passiveEvidence } from './passive-evidence.js';
import { PAD_THRESHOLDS } from './thresholds.js';
import { capturedAfter, clockOffset, timingProblems } from './timing.js';

/**
 * The liveness mode a session runs in: enrollment (a face that enters the index) and an explicit
 * liveness check (FaceIO's liveness(), check="liveness") never take the on-doubt shortcut — they
 * answer the challenge unless the app chose passive liveness; authentication follows the app.
 */
export const sessionMode = (appMode: LivenessMode, op: SessionOperation): LivenessMode =>
  (op === 'enroll' || op === 'liveness') && appMode === 'active-on-doubt' ? 'active' : appMode;

export interface PadSessionOptions {
  mode: LivenessMode;
  /** The drawn challenge; null in passive mode. */
  plan: ChallengePlan | null;
  /** The browser's virtual-camera signal (it may arrive after the first frames). */
  virtualCamera: () => boolean;
  /** The CLI: the first step's window starts with the recording, before the baseline is seen. */
  showFirstStepImmediately?: boolean;
}

/** What a PAD evaluation returns: the decision and the challenge messages to send now. */
export interface PadUpdate {
  decision: PadDecision;
  messages: ChallengeMessage[];
}

/** The session's PAD record for logs, webhooks and the CLI. */
export interface PadSummary {
  mode: LivenessMode;
  challenge: 'passed' | 'failed' | 'none' | 'running' | 'waived';
  steps: string[];
  reasons: string[];
  evidence: Omit<PadEvidence, 'challenge' | 'challengeFailure'>;
}

/**
 * Presentation-attack detection for one session: frames in (with their arrival and capture times),
 * challenge messages and one decision out. The scan session and the `openfaceio liveness` CLI drive
 * the same object, so recorded material is judged exactly like a live session.
 */
export class PadSession {
  private readonly frames: PadFrame[] = [];
  private readonly judged: JudgedFrame[] = [];
  private readonly eyes: EyeSample[] = [];
  private readonly copies = new CopyTracker();
  private baseline: SessionBaseline | null = null;
  private readonly tracker: ChallengeTracker | null;
  private last: PadDecision = { kind: 'wait', reasons: [] };

  constructor(private readonly options: PadSessionOptions) {
    this.tracker = options.plan && options.mode !== 'passive' ? new ChallengeTracker(options.plan) : null;
  }

  get mode(): LivenessMode {
    return this.options.mode;
  }

  /** The challenge is under way (a step shown or waiting for the baseline). */
  get challenging(): boolean {
    return this.tracker?.running ?? false;
  }

  /** Steps done and steps in all (the `challenge` progress: never "all done" while the challenge runs). */
  get progress(): { index: number; total: number } | null {
    if (!this.tracker) return null;
    return { index: this.tracker.completedAt.length, total: this.tracker.stepNames.length };
  }

  /** When the shown step's window ends (node clock), or null. */
  get deadline(): number | null {
    return this.tracker?.deadlineAt ?? null;
  }

  /** One-face frames the passive judgement waits for (active-on-doubt), 0 otherwise. */
  get framesWanted(): number {
    return this.options.mode === 'active-on-doubt' && this.tracker?.status === 'idle' ? PAD_THRESHOLDS.doubt.frames : 0;
  }

  /** A step's window ended without it: the attack decision (null otherwise). */
  expire(now: number): PadDecision | null {
    if (!this.tracker?.expire(now)) return null;
    this.last = { kind: 'attack', reasons: [`challenge:${this.tracker.reason}`] };
    return this.last;
  }

  /** Active mode asks from the start: the first step appears once the node has seen a frontal face. */
  begin(now: number): ChallengeMessage[] {
    if (!this.tracker || this.options.mode !== 'active') return [];
    const m = this.tracker.start(now, this.baseline, this.options.showFirstStepImmediately);
    return m ? [m] : [];
  }

  /** One analysed frame, in arrival order. */
  add(frame: PadFrame, now: number): ChallengeMessage[] {
    this.frames.push(frame);
    this.copies.add(frame);
    if (!isJudged(frame)) {
      this.tracker?.gap();
      return [];
    }
    this.judged.push(frame);
    this.baseline ??= findBaseline(this.judged);
    this.eyes.splice(0, this.eyes.length, ...eyeSamples(this.judged, this.baseline));
    if (!this.tracker) return [];
    const offset = clockOffset(this.frames);
    const ctx = this.baseline
      ? { baseline: this.baseline, eyes: this.eyes, capturedAfter: (f: JudgedFrame, shownAt: number) => capturedAfter(f, shownAt, offset) }
      : null;
    const m = this.tracker.observe(frame, ctx, now);
    return m ? [m] : [];
  }

  /** The decision now; starts the challenge when the evidence asks for one. */
  evaluate(now: number): PadUpdate {
    this.tracker?.expire(now);
    let decision = decidePad(this.evidence(false), this.options.mode);
    const messages: ChallengeMessage[] = [];
    if (decision.kind === 'challenge' && this.tracker?.status === 'idle') {
      const m = this.tracker.start(now, this.baseline, this.options.showFirstStepImmediately);
      if (m) messages.push(m);
    }
    if (decision.kind === 'challenge' && !this.tracker) decision = { kind: 'attack', reasons: ['challenge-unavailable'] };
    // Only a session about to pass pays for the pairwise identity check.
    if (decision.kind === 'live') decision = decidePad(this.evidence(true), this.options.mode);
    this.last = decision;
    return { decision, messages };
  }

  /** "More time" on the shown step. */
  extend(now: number): ChallengeMessage | null {
    return this.tracker?.extend(now) ?? null;
  }

  /**
   * The user cannot do the steps: the app's alternative. `blink-only` (and `pin` where no PIN can
   * stand in: enrollment, liveness) → blink steps from now; `pin` on authentication → the challenge
   * is waived and the session must ask the facial ID's PIN.
   */
  alternative(now: number, op: SessionOperation): { message?: ChallengeMessage; pin?: true } {
    const choice = this.options.plan?.alternative ?? 'none';
    if (!this.tracker || choice === 'none') return {};
    if (choice === 'pin' && op === 'authenticate') {
      this.tracker.waive();
      return { pin: true, message: this.tracker.message(now) };
    }
    const message = this.tracker.switchToBlinks(now, STEP_WINDOW_MS.blink, this.baseline);
    return message ? { message } : {};
  }

  summary(): PadSummary {
    const { challenge, challengeFailure, ...evidence } = this.evidence(this.last.kind === 'live');
    void challengeFailure;
    const status = challenge === 'none' ? 'none' : challenge;
    return { mode: this.options.mode, challenge: status, steps: this.tracker?.stepNames ?? [], reasons: this.last.reasons, evidence };
  }

  private evidence(withIdentity: boolean): PadEvidence {
    const status = this.tracker?.status ?? 'idle';
    return {
      ...passiveEvidence(this.frames, this.copies, this.baseline),
      virtualCamera: this.options.virtualCamera(),
      timing: timingProblems(this.frames),
      identityChanged: withIdentity && this.judged.length >= 2 && showsTwoPeople(this.judged.map((f) => f.face.embedding)),
      challenge: status === 'idle' ? 'none' : status,
      challengeFailure: this.tracker?.reason ?? null,
    };
  }
}

export { PAD_THRESHOLDS };
