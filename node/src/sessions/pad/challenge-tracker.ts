import type { ChallengeMessage, ChallengePlan, ChallengeStep } from 'openfaceio/protocol';
import type { EyeSample, HeadPose, PoseClass } from 'openfaceio/vision';
import { classifyPose, detectBlinks, residualToShape, similarity } from 'openfaceio/vision';
import type { SessionBaseline } from './baseline.js';
import type { JudgedFrame } from './pad-frame.js';
import { PAD_THRESHOLDS } from './thresholds.js';

export type ChallengeStatus = 'idle' | 'running' | 'passed' | 'failed' | 'waived';

type Action = 'turned-left' | 'turned-right' | 'looking-up' | 'blink';
const ACTION: Record<ChallengeStep, Action> = { 'turn-left': 'turned-left', 'turn-right': 'turned-right', 'look-up': 'looking-up', blink: 'blink' };

/** What the session knows when a frame is judged. */
export interface ChallengeContext {
  baseline: SessionBaseline;
  /** Every judged frame's eyes so far (pose-gated), for the blink rule's session baseline. */
  eyes: readonly EyeSample[];
  /** The frame was captured after `shownAt` (frame header vs arrival clock, timing.ts). */
  capturedAfter(frame: JudgedFrame, shownAt: number): boolean;
}

/**
 * One session's challenge, step by step, judged from the frames the node received. A step is shown
 * (a `challenge` message) once the session has its frontal baseline; it counts only from frames
 * that ARRIVED after it was shown and before its window ended, in order. Turn and look-up steps need
 * `step.frames` consecutive frames in the asked pose that are 3-D (homography residual against the
 * baseline shape) and of the same person (cosine to the baseline template); a blink step needs a
 * blink that starts after the step was shown, with no frame of someone else during the step. A step fails when its window ends, or when the user
 * clearly does another action (a replay that cannot know the step). Nothing here is ever told to
 * the client except which step to show next.
 */
export class ChallengeTracker {
  status: ChallengeStatus = 'idle';
  /** Why it failed (logs and webhooks only). */
  reason: string | null = null;
  /** Node time each step was completed. */
  readonly completedAt: number[] = [];
  private steps: ChallengePlan['steps'];
  private index = 0;
  private shownAt: number | null = null;
  private deadline = 0;
  private showImmediately = false;
  private streak = 0;
  private contraryStreak = 0;
  private previous: Action | null = null;
  private previousHeld = false;
  private switched = false;
  /** A frame of the current step showed someone else: the step cannot complete. */
  private stranger = false;

  constructor(
    plan: ChallengePlan,
    private readonly t = PAD_THRESHOLDS,
  ) {
    this.steps = plan.steps;
  }

  get running(): boolean {
    return this.status === 'running';
  }

  /** The current step is on screen (shown and not yet completed or failed). */
  get showing(): boolean {
    return this.status === 'running' && this.shownAt !== null;
  }

  get deadlineAt(): number | null {
    return this.showing ? this.deadline : null;
  }

  get stepNames(): ChallengeStep[] {
    return this.steps.map((s) => s.step);
  }

  /**
   * Starts the challenge. `immediately`: the first step counts as shown now even before there is a
   * baseline (the CLI: the window starts at the clip's start); otherwise it is shown as soon as
   * `observe` has a baseline (a live user first looks at the camera).
   */
  start(now: number, baseline: SessionBaseline | null, immediately = false): ChallengeMessage | null {
    if (this.status !== 'idle') return null;
    this.status = 'running';
    this.showImmediately = immediately;
    return baseline || immediately ? this.show(0, now) : null;
  }

  /** Feeds one judged frame; returns the message to send when the challenge moved on to another step. */
  observe(frame: JudgedFrame, ctx: ChallengeContext | null, now: number): ChallengeMessage | null {
    if (this.status !== 'running') return null;
    if (this.shownAt === null) return ctx && !this.showImmediately ? this.show(this.index, now) : null;
    if (!ctx || frame.arrivalMs < this.shownAt || frame.arrivalMs > this.deadline) return null;
    const step = this.steps[this.index]!.step;
    const pose = frame.face.pose;
    this.trackPrevious(pose, ctx.baseline);
    if (this.isContrary(frame, step, ctx.baseline)) {
      this.fail(`contrary-action:${this.strictAction(pose, ctx.baseline)}-during-${step}`);
      return null;
    }
    if (similarity(frame.face.embedding, ctx.baseline.template) < this.t.step.identity) this.stranger = true;
    const done = step === 'blink' ? !this.stranger && this.blinked(ctx) : this.turned(frame, step, ctx);
    return done ? this.complete(now) : null;
  }

  /** A frame without a judged face breaks a streak of step frames. */
  gap(): void {
    this.streak = 0;
    this.contraryStreak = 0;
  }

  /** Fails the step whose window ended before `now`; true when it failed now. */
  expire(now: number): boolean {
    if (!this.showing || now <= this.deadline) return false;
    this.fail(`missed:${this.steps[this.index]!.step}`);
    return true;
  }

  /** "More time": the current step's window grows by its own length (the session bounds how often: limits.maxExtensions). */
  extend(now: number): ChallengeMessage | null {
    if (!this.showing) return null;
    this.deadline += this.steps[this.index]!.windowMs;
    return this.message(now);
  }

  /** The accessible variant: as many blink steps as there were steps, from now (once per session). */
  switchToBlinks(now: number, blinkWindowMs: number, baseline: SessionBaseline | null): ChallengeMessage | null {
    if (this.status !== 'running' || this.switched || this.steps.every((s) => s.step === 'blink')) return null;
    this.switched = true;
    this.steps = this.steps.map(() => ({ step: 'blink' as const, windowMs: blinkWindowMs }));
    this.completedAt.splice(0);
    this.previous = null;
    this.shownAt = null;
    return baseline || this.showImmediately ? this.show(0, now) : this.message(now);
  }

  /** The app's PIN stands in for the challenge (authentication only; the session asks for the PIN). */
  waive(): void {
    if (this.status === 'running' || this.status === 'idle') this.status = 'waived';
  }

  /** The message that shows the current state: the step on screen and the time left, or no step. */
  message(now: number): ChallengeMessage {
    const index = this.showing ? this.index : this.steps.length;
    return { type: 'challenge', steps: this.stepNames, index, windowMs: this.showing ? Math.max(0, this.deadline - now) : 0 };
  }

  private show(index: number, now: number): ChallengeMessage {
    this.index = index;
    this.shownAt = now;
    this.deadline = now + this.steps[index]!.windowMs;
    this.streak = 0;
    this.contraryStreak = 0;
    this.stranger = false;
    this.previousHeld = this.previous !== null;
    return this.message(now);
  }

  private complete(now: number): ChallengeMessage {
    this.completedAt.push(now);
    this.previous = ACTION[this.steps[this.index]!.step];
    if (this.index + 1 < this.steps.length) return this.show(this.index + 1, now);
    this.status = 'passed';
    this.shownAt = null;
    return this.message(now);
  }

  private fail(reason: string): void {
    this.status = 'failed';
    this.reason = reason;
    this.shownAt = null;
  }

  private turned(frame: JudgedFrame, step: ChallengeStep, ctx: ChallengeContext): boolean {
    const { baseline } = ctx;
    const ok =
      classifyPose(frame.face.pose, baseline.pose, this.t.pose) === ACTION[step] &&
      residualToShape(baseline.shape, frame.face.landmarks) >= this.t.step.turnResidual &&
      similarity(frame.face.embedding, baseline.template) >= this.t.step.identity &&
      ctx.capturedAfter(frame, this.shownAt!);
    this.streak = ok ? this.streak + 1 : 0;
    return this.streak >= this.t.step.frames;
  }

  /** A blink that started after the step was shown, before its window ended. */
  private blinked(ctx: ChallengeContext): boolean {
    const shownAt = this.shownAt!;
    return detectBlinks(ctx.eyes, this.t.blink).events.some((e) => e.start >= shownAt && e.start <= this.deadline);
  }

  /** The pose as an unmistakable action (stricter than the step limits), or null. */
  private strictAction(pose: HeadPose, baseline: SessionBaseline): Action | null {
    const dyaw = pose.yaw - baseline.pose.yaw;
    const dpitch = pose.pitch - baseline.pose.pitch;
    if (dyaw >= this.t.contrary.yaw) return 'turned-left';
    if (-dyaw >= this.t.contrary.yaw) return 'turned-right';
    if (dpitch >= this.t.contrary.pitch && Math.abs(dyaw) < this.t.pose.turn) return 'looking-up';
    return null;
  }

  /** The previous step's pose, still held when the next step appears, is not a wrong action, until the user leaves it. */
  private trackPrevious(pose: HeadPose, baseline: SessionBaseline): void {
    if (!this.previousHeld) return;
    const cls: PoseClass = classifyPose(pose, baseline.pose, this.t.pose);
    if (cls !== this.previous) this.previousHeld = false;
  }

  private isContrary(frame: JudgedFrame, step: ChallengeStep, baseline: SessionBaseline): boolean {
    const action = this.strictAction(frame.face.pose, baseline);
    const since = frame.arrivalMs - this.shownAt!;
    const excused =
      action === null ||
      action === ACTION[step] ||
      since < this.t.contrary.graceMs ||
      (this.previousHeld && action === this.previous && since < this.t.contrary.previousMs);
    this.contraryStreak = excused ? 0 : this.contraryStreak + 1;
    return this.contraryStreak >= this.t.contrary.frames;
  }
}
