import { randomUUID } from 'node:crypto';
import type { App } from '../store/apps.js';
import { insertEnrollment, payloadOf, pinDigestTaken, pinHashOf, recordEvent, touchFacialId } from '../store/facial-ids.js';
import type {
  ChallengeMessage,
  ChallengePlan,
  ChallengeStep,
  ClientMessage,
  ClientSignals,
  FioErrorName,
  ServerMessage,
  SessionResult,
} from 'openfaceio/protocol';
import { FIO_ERROR_CODES, decodeFrameMessage, wireError } from 'openfaceio/protocol';
import { hashPin, pinProblem, verifyPin } from '../security/pins.js';
import { pinDigest } from '../security/secrets.js';
import { ImageInputError } from '../vision/index.js';
import { clientSettings, MAX_PIN_LENGTH, minFramesFor } from './client-settings.js';
import { decideEnrollment } from './enroll-decision.js';
import type { FrameObservation } from './frame-analysis.js';
import type { FrameLane } from './frame-analyzer.js';
import { fuseWithoutOutliers, showsTwoPeople } from './fusion.js';
import { decideMatch } from './match-decision.js';
import type { SessionContext } from './ports.js';
import { isUsable, median, showsManyFaces } from './rules.js';
import { challengeFrameBudget, createPadSession } from './pad/session-pad.js';
import type { PadSession } from './pad/pad-session.js';
import { padFrameOf } from './pad/pad-frame.js';
import type { SessionTicket } from './tickets.js';
import { INSECURE_FIXED_CHALLENGE_WARNING } from './pad/fixed-challenge.js';

/** Wrong PINs for one facial ID, across sessions, before it is locked for an hour. */
export const PIN_LOCKOUT_FAILURES = 10;
const PIN_LOCKOUT_WINDOW_MS = 3_600_000;
/** `adult` in an age check only when the estimate is this far above 18 (the model's MAE is ≈ 12 years). */
export const ADULT_AGE = 25;

type PinTarget =
  { kind: 'enroll'; templates: Float32Array[]; details: { gender: 'male' | 'female'; age: number } } | { kind: 'authenticate'; candidates: string[] };

export interface SessionOutput {
  send(message: ServerMessage): void;
  close(): void;
}

/**
 * One scan session on the node: frames in, progress out, one verdict. Up to `framesInFlight` frames
 * are analysed at once (in the inference pool: frame-analyzer.ts; extra frames are dropped) and
 * evaluated in the order they came; nothing is written until the final verdict, and an enrollment
 * is written in one transaction — a browser closed mid-scan leaves nothing behind.
 */
export class ScanSession {
  private readonly frames: FrameObservation[] = [];
  private phase: 'scanning' | 'pin' | 'done' = 'scanning';
  private received = 0;
  private inFlight = 0;
  private queue: Promise<void> = Promise.resolve();
  private signals: ClientSignals = {};
  private attemptsLeft: number;
  private pinTarget: PinTarget | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Verdict time (statistics): from the first frame, without the time the person spent typing PINs. */
  private firstFrameAt: number | null = null;
  private pinWaitMs = 0;
  private pinAskedAt: number | null = null;
  private stepTimer: ReturnType<typeof setTimeout> | null = null;
  /** PAD for this session (null when the app has it off and the operation does not need it). */
  private readonly pad: PadSession | null;
  private readonly plan: ChallengePlan | null;
  /** The user took the PIN instead of the challenge: a match must be confirmed by the facial ID's PIN. */
  private pinForLiveness = false;
  /** Frames a session may send: the node's limit, plus what a challenge needs at its frame rate. */
  private readonly maxFrames: number;
  private extensions = 0;
  /** This session's access to frame analysis, while it takes frames. */
  private lane: FrameLane | null = null;

  constructor(
    private readonly ctx: SessionContext,
    private readonly ticket: SessionTicket,
    private readonly app: App,
    private readonly out: SessionOutput,
    /** Test-only fixed challenge steps (config.insecureFixedChallenge); warned about on every session. */
    fixedChallenge?: readonly ChallengeStep[],
  ) {
    this.attemptsLeft = ctx.limits.pinAttempts;
    const pad =
      app.settings.pad || ticket.op === 'liveness'
        ? createPadSession(app.settings, ticket.op, () => this.signals.virtualCamera === true, fixedChallenge)
        : null;
    this.pad = pad?.session ?? null;
    this.plan = pad?.plan ?? null;
    this.maxFrames = ctx.limits.maxFrames + challengeFrameBudget(this.plan, ctx.limits.maxExtensions);
    if (fixedChallenge && this.plan) ctx.log.warn({ app: app.publicId, steps: fixedChallenge }, INSECURE_FIXED_CHALLENGE_WARNING);
  }

  start(): void {
    const { sessionMs, pinMs, maxExtensions } = this.ctx.limits;
    this.out.send({
      type: 'ready',
      op: this.ticket.op,
      settings: clientSettings(this.app.settings, this.ticket.op, { ...this.ctx.limits, maxFrames: this.maxFrames }),
      limits: { sessionMs, pinMs, maxExtensions },
      ...(this.plan ? { challenge: this.plan } : {}),
    });
    this.arm(sessionMs, 'the scan took too long');
    this.lane = this.ctx.frames.openLane(this.minFrames());
    this.sendChallenge(this.pad?.begin(this.ctx.clock.now()) ?? []);
  }

  get finished(): boolean {
    return this.phase === 'done';
  }

  /** A binary message: one JPEG or WebP frame, optionally behind a capture-time header (frame-header.ts). */
  frame(bytes: Uint8Array): void {
    if (this.phase !== 'scanning') return;
    const arrivalMs = this.ctx.clock.now();
    if (bytes.length > this.ctx.limits.maxFrameBytes) {
      return this.fail(
        'PROCESSING_ERR',
        `frame of ${bytes.length} bytes is over the ${this.ctx.limits.maxFrameBytes}-byte limit: downscale frames to ≤ ${this.ctx.limits.maxFrameSide} px`,
      );
    }
    this.firstFrameAt ??= this.ctx.clock.now();
    if (++this.received > this.maxFrames)
      return this.fail(this.frames.some((f) => f.faceCount > 0) ? 'TIMEOUT' : 'NO_FACES_DETECTED', 'no decision within the frame limit');
    // The client may send faster than we analyse: frames beyond the limit are dropped.
    if (this.inFlight >= this.ctx.limits.framesInFlight || !this.lane) return;
    this.inFlight++;
    const { image, captureMs } = decodeFrameMessage(bytes);
    // With this frame the session may have what its verdict needs: the pool runs such frames first.
    const last = this.frames.filter(isUsable).length + this.inFlight >= this.minFrames();
    const analysis = this.lane.analyze(image, this.observeOptions(), last);
    analysis.catch(() => undefined); // handled in process(), in order
    void this.queueWork(() => this.process(analysis, arrivalMs, captureMs)).finally(() => this.inFlight--);
  }

  /** A text message (already parsed and validated by the route). */
  async message(msg: ClientMessage): Promise<void> {
    if (msg.type === 'hello') this.signals = msg.signals ?? {};
    // A browser-side timeout is recorded as one (finding 5: the statistics counted it as the user closing the widget).
    else if (msg.type === 'cancel')
      this.fail(
        msg.reason === 'timeout' ? 'TIMEOUT' : 'ABORTED_BY_USER',
        msg.reason === 'timeout' ? 'the widget timed out' : 'the user closed the widget',
      );
    else if (msg.type === 'extend') this.extend();
    else if (msg.type === 'pin' && this.phase === 'pin') {
      // The time spent typing is the person's, not the node's: it stays out of the verdict time.
      if (this.pinAskedAt !== null) this.pinWaitMs += this.ctx.clock.now() - this.pinAskedAt;
      this.pinAskedAt = null;
      await this.queueWork(() => this.pin(msg.pin, msg.confirm));
      if (this.phase === 'pin') this.pinAskedAt = this.ctx.clock.now();
    }
    else if (msg.type === 'challenge-alternative' && this.phase === 'scanning') await this.queueWork(async () => this.alternative());
  }

  /**
   * "More time" (WCAG 2.2.1): re-arms the running limit — the scan's or the PIN's — from now, and
   * lengthens a shown challenge step by its window, at most `maxExtensions` times a session (the
   * `ready` message told the widget how many).
   */
  private extend(): void {
    if (this.phase === 'done' || this.extensions >= this.ctx.limits.maxExtensions) return;
    this.extensions++;
    if (this.phase === 'pin') return this.arm(this.ctx.limits.pinMs, 'no PIN was entered in time');
    this.arm(this.ctx.limits.sessionMs, 'the scan took too long');
    // The shown challenge step gets its window again too (the node re-sends the step with the time left).
    void this.queueWork(async () => this.sendChallenge([this.pad?.extend(this.ctx.clock.now()) ?? null]));
  }

  /**
   * The client broke the protocol (junk text, a message the socket refused): one verdict with
   * `name`, then the socket closes — by `out.close()`, or by the caller when it closes with its own
   * code (`close: false`). Finding 5: such a client used to get no answer and idle to the timeout.
   */
  refuse(name: FioErrorName, message: string, options: { close?: boolean } = {}): void {
    if (this.phase === 'done') return;
    this.phase = 'done';
    this.disarm();
    this.ctx.log.info({ app: this.app.publicId, op: this.ticket.op, outcome: name, ms: this.durationMs(), reason: message }, 'verdict');
    this.record(name, true);
    this.out.send({ type: 'verdict', ok: false, error: wireError(name, message) });
    if (options.close !== false) this.out.close();
  }

  /** The socket closed: stop; nothing is written for an unfinished session. */
  disconnect(): void {
    if (this.phase !== 'done') {
      this.ctx.log.info({ app: this.app.publicId, op: this.ticket.op, outcome: 'abandoned', during: this.phase }, 'verdict');
      this.record(`abandoned-${this.phase}`);
    }
    this.phase = 'done';
    this.disarm();
    this.closeLane();
  }

  /** No more frames will be analysed for this session: the pool drops its waiting ones. */
  private closeLane(): void {
    this.lane?.close();
    this.lane = null;
  }

  /** The user asked for the app's alternative to the challenge (blink-only steps, or the facial ID's PIN). */
  private alternative(): void {
    if (!this.pad) return;
    const choice = this.pad.alternative(this.ctx.clock.now(), this.ticket.op);
    if (choice.pin) this.pinForLiveness = true;
    this.sendChallenge([choice.message ?? null]);
  }

  /** Sends challenge messages and keeps the step timer on the shown step's deadline. */
  private sendChallenge(messages: readonly (ChallengeMessage | null)[]): void {
    for (const m of messages) if (m && this.phase === 'scanning') this.out.send(m);
    this.armStep();
  }

  /** A step whose window ends without frames still fails: checked after the frames already queued. */
  private armStep(): void {
    if (this.stepTimer) clearTimeout(this.stepTimer);
    this.stepTimer = null;
    const deadline = this.pad?.deadline;
    if (deadline == null || this.phase !== 'scanning') return;
    this.stepTimer = setTimeout(() => void this.queueWork(async () => this.afterDeadline()), Math.max(0, deadline - this.ctx.clock.now()) + 50);
    this.stepTimer.unref?.();
  }

  private async afterDeadline(): Promise<void> {
    if (this.phase !== 'scanning' || !this.pad) return;
    const missed = this.pad.expire(this.ctx.clock.now());
    if (missed) return this.padAttack(missed.reasons);
    this.armStep();
  }

  /** PAD_ATTACK (liveness: `live: false`); the reasons go to the log and the failure webhook, never to the browser. */
  private padAttack(reasons: string[]): void {
    const pad = this.pad!.summary();
    // A liveness check answers `live: false` (a success line): the evidence gets its own warn line. Otherwise
    // the reasons are in the PAD_ATTACK verdict line (one line per verdict).
    if (this.ticket.op === 'liveness') {
      this.ctx.log.warn({ app: this.app.publicId, op: this.ticket.op, pad }, 'presentation attack');
      return this.succeed({ live: false, score: pad.evidence.liveness?.median ?? 0 });
    }
    this.fail('PAD_ATTACK', 'presentation attack detected', false, { pad: reasons });
  }

  /** Runs work after what is queued; an unexpected error ends the session with PROCESSING_ERR (nothing half-written: commits are transactions). */
  private queueWork(work: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(work).catch((error: unknown) => {
      this.ctx.log.error({ err: String(error), app: this.app.publicId }, 'scan session failed');
      this.fail('PROCESSING_ERR', 'the processing node failed on this session: try again', true);
    });
    return this.queue;
  }

  private minFrames(): number {
    return minFramesFor(this.ticket.op, this.ctx.limits);
  }

  private observeOptions() {
    const op = this.ticket.op;
    const side = this.ctx.limits.maxFrameSide;
    return { ageGender: op === 'enroll' || op === 'age', liveness: this.pad !== null, eyes: this.plan !== null, maxPixels: side * side };
  }

  private async process(analysis: Promise<FrameObservation>, arrivalMs: number, captureMs: number | undefined): Promise<void> {
    if (this.phase !== 'scanning') return;
    const side = this.ctx.limits.maxFrameSide;
    let obs: FrameObservation;
    try {
      obs = await analysis;
    } catch (error) {
      if (this.phase !== 'scanning') return; // the session ended meanwhile: its frames no longer matter
      if (error instanceof ImageInputError) return this.fail('PROCESSING_ERR', `frame rejected: ${error.message}`);
      throw error;
    }
    if (this.phase !== 'scanning') return;
    if (Math.max(obs.width, obs.height) > side) return this.fail('PROCESSING_ERR', `frame of ${obs.width}×${obs.height} is over ${side} px`);
    this.frames.push(obs);
    this.sendChallenge(this.pad?.add(padFrameOf(obs, arrivalMs, captureMs), this.ctx.clock.now()) ?? []);
    await this.evaluate(obs);
  }

  private progress(last: FrameObservation, usable: number, needed = this.minFrames()): void {
    const issues = last.main?.face.quality.issues ?? [];
    const event = last.faceCount === 0 ? 'no-face' : last.faceCount > 1 ? 'many-faces' : issues.length ? 'face-quality' : 'need-more-frames';
    this.out.send({ type: 'progress', event, accepted: usable, needed, ...(issues.length ? { issues } : {}) });
  }

  private async evaluate(last: FrameObservation): Promise<void> {
    if (showsManyFaces(this.frames)) return this.fail('MANY_FACES', 'more than one face in the frames');
    if (this.frames.every((f) => f.faceCount === 0) && this.frames.length >= this.ctx.limits.noFaceFrames)
      return this.fail('NO_FACES_DETECTED', 'no face in the frames');
    const usable = this.frames.filter(isUsable);
    const op = this.ticket.op;
    // PAD first: an attack ends the session whatever else is missing; a challenge step keeps it going.
    const pad = this.pad?.evaluate(this.ctx.clock.now());
    if (pad) {
      this.sendChallenge(pad.messages);
      const { decision } = pad;
      if (decision.kind === 'attack') return this.padAttack(decision.reasons);
      if (decision.kind === 'challenge') {
        const p = this.pad!.progress!;
        return this.out.send({ type: 'progress', event: 'challenge', accepted: p.index, needed: p.total });
      }
      // Waiting for PAD evidence: never "enough" (the widget would move on to its reply phase).
      if (decision.kind === 'wait') return this.progress(last, usable.length, Math.max(this.minFrames(), this.pad!.framesWanted, usable.length + 1));
    }
    if (usable.length < this.minFrames()) return this.progress(last, usable.length);
    if (this.pad) {
      this.ctx.log.info({ app: this.app.publicId, op, pad: { mode: this.pad.mode, reasons: pad!.decision.reasons } }, 'liveness proved');
      if (op === 'liveness') return this.succeed({ live: true, score: this.pad.summary().evidence.liveness?.median ?? 0 });
    }
    if (op === 'age') {
      const age = Math.round(median(usable.map((f) => f.main!.face.age ?? 0)));
      return this.succeed({ age, adult: age >= ADULT_AGE });
    }
    if (op === 'enroll') return this.afterEnrollFrames(usable);
    return this.afterAuthenticateFrames(usable);
  }

  private async afterEnrollFrames(usable: FrameObservation[]): Promise<void> {
    const decision = decideEnrollment(this.app, this.ctx.index, usable);
    if (!decision.ok) return this.fail(decision.error, decision.message);
    this.pinTarget = { kind: 'enroll', templates: decision.templates, details: decision.details };
    if (this.app.settings.pinPolicy === 'never') return this.commitEnrollment(null);
    this.askPin('enroll', true);
  }

  private async afterAuthenticateFrames(usable: FrameObservation[]): Promise<void> {
    const embeddings = usable.map((f) => f.main!.embedding);
    if (showsTwoPeople(embeddings)) return this.fail('FACE_MISMATCH', 'the frames show two different people');
    const probe = fuseWithoutOutliers(embeddings).template;
    const target = this.ticket.facialId;
    let ranked = this.ctx.index.search(this.app.id, probe, 2);
    if (target) {
      const score = this.ctx.index.searchOne(this.app.id, probe, target);
      ranked = score === null ? [] : [{ facialId: target, score }];
    }
    const decision = decideMatch(this.app.settings, ranked);
    if (decision.kind === 'reject') return this.fail('UNRECOGNIZED_FACE', 'no enrolled face matches');
    if (decision.kind === 'accept' && !this.pinForLiveness) return this.commitAuthentication(decision.facialId);
    const candidates = decision.kind === 'accept' ? [decision.facialId] : decision.candidates;
    if ((await this.ctx.bus.peek(this.lockoutKey(candidates[0]!))) >= PIN_LOCKOUT_FAILURES) {
      return this.fail('TOO_MANY_REQUESTS', 'too many wrong PINs for this face: try again in an hour');
    }
    this.pinTarget = { kind: 'authenticate', candidates };
    this.askPin(decision.kind === 'accept' ? 'policy' : decision.reason, false);
  }

  private askPin(reason: 'enroll' | 'policy' | 'doubt', confirm: boolean): void {
    this.phase = 'pin';
    this.pinAskedAt = this.ctx.clock.now();
    this.closeLane();
    this.arm(this.ctx.limits.pinMs, 'no PIN was entered in time');
    this.out.send({
      type: 'pin-required',
      reason,
      digits: { min: this.app.settings.pinLength, max: MAX_PIN_LENGTH },
      confirm,
      attemptsLeft: this.attemptsLeft,
    });
  }

  private lockoutKey(facialId: string): string {
    return `pin-failures:${this.app.id}:${facialId}`;
  }

  private async pin(pin: string, confirm: string | undefined): Promise<void> {
    const target = this.pinTarget;
    if (this.phase !== 'pin' || !target) return;
    if (target.kind === 'enroll') {
      const s = this.app.settings;
      const problem = pinProblem(pin, { minLength: s.pinLength, maxLength: MAX_PIN_LENGTH, rejectWeak: s.rejectWeakPin }, confirm);
      if (problem) return this.out.send({ type: 'pin-rejected', reason: problem, attemptsLeft: this.attemptsLeft });
      if (s.pinUniqueness && (await pinDigestTaken(this.ctx.db, this.app.id, pinDigest(this.app.pinPepper, pin)))) {
        const error = wireError('UNIQUE_PIN_REQUIRED', 'this PIN is already used in this application: choose another');
        return this.out.send({ type: 'pin-rejected', reason: 'not-unique', attemptsLeft: this.attemptsLeft, error });
      }
      return this.commitEnrollment(pin);
    }
    // Finding 2: every attempt is counted on the bus (one atomic INCR) before the PIN is checked, so
    // sessions that all reached pin-required together share the one budget instead of 3 tries each.
    const lockout = this.lockoutKey(target.candidates[0]!);
    const { count } = await this.ctx.bus.hit(lockout, PIN_LOCKOUT_WINDOW_MS);
    if (count > PIN_LOCKOUT_FAILURES) return this.fail('TOO_MANY_REQUESTS', 'too many wrong PINs for this face: try again in an hour');
    for (const candidate of target.candidates) {
      const hash = await pinHashOf(this.ctx.db, this.app.id, candidate);
      if (!hash || !(await verifyPin(hash, pin))) continue;
      // The PIN holder is here: their own count starts again (only wrong PINs should lock them out).
      if (candidate === target.candidates[0]) await this.ctx.bus.delete(lockout);
      return this.commitAuthentication(candidate);
    }
    if (--this.attemptsLeft <= 0) return this.fail('WRONG_PIN_CODE', 'wrong PIN entered too many times');
    this.out.send({ type: 'pin-rejected', reason: 'wrong', attemptsLeft: this.attemptsLeft });
  }

  private async commitEnrollment(pin: string | null): Promise<void> {
    const target = this.pinTarget;
    if (!target || target.kind !== 'enroll') return;
    this.phase = 'done';
    const facialId = randomUUID();
    const timestamp = new Date(this.ctx.clock.now()).toISOString();
    const pinHash = pin === null ? null : await hashPin(pin);
    const digest = pin === null ? null : pinDigest(this.app.pinPepper, pin);
    await this.ctx.db.transaction(async (tx) => {
      await insertEnrollment(tx, {
        appId: this.app.id,
        facialId,
        payload: this.ticket.payload ?? null,
        pinHash,
        pinDigest: digest,
        ...target.details,
        templates: target.templates,
      });
      await recordEvent(tx, this.app.id, 'enroll', 'success', null, this.durationMs());
      await this.ctx.webhooks(tx, this.app.id, 'enroll', { facialId, timestamp, details: target.details });
    });
    await this.ctx.index.add(this.app.id, facialId, target.templates);
    this.verdict({ facialId, timestamp, details: target.details });
  }

  private async commitAuthentication(facialId: string): Promise<void> {
    this.phase = 'done';
    await this.ctx.db.transaction(async (tx) => {
      await touchFacialId(tx, this.app.id, facialId);
      await recordEvent(tx, this.app.id, 'authenticate', 'success', null, this.durationMs());
      await this.ctx.webhooks(tx, this.app.id, 'authenticate', { facialId });
    });
    const payload = await payloadOf(this.ctx.db, this.app.id, facialId);
    this.verdict({ facialId, payload });
  }

  private succeed(result: SessionResult): void {
    this.phase = 'done';
    this.record('success');
    this.verdict(result);
  }

  private verdict(result: SessionResult): void {
    this.disarm();
    this.ctx.log.info({ app: this.app.publicId, op: this.ticket.op, outcome: 'success', ms: this.durationMs() }, 'verdict');
    this.closeLane();
    this.out.send({ type: 'verdict', ok: true, result });
    this.out.close();
  }

  private fail(name: FioErrorName, message: string, evenIfDone = false, extra?: Record<string, unknown>): void {
    if (this.phase === 'done' && !evenIfDone) return;
    this.phase = 'done';
    this.disarm();
    // One line per verdict (PAD's reasons in it); an attack is a security event (warn); the developer reason goes to the log, never to the browser.
    const line = { app: this.app.publicId, op: this.ticket.op, outcome: name, ms: this.durationMs(), reason: message, ...extra };
    if (name === 'PAD_ATTACK') this.ctx.log.warn(line, 'verdict');
    else this.ctx.log.info(line, 'verdict');
    this.closeLane();
    this.record(name, true, extra);
    this.out.send({ type: 'verdict', ok: false, error: wireError(name, message) });
    this.out.close();
  }

  /** Statistics and the failure webhook, off the hot path; a store error here must not break the verdict. `extra`: e.g. PAD reasons for the webhook. */
  private record(outcome: string, failure = false, extra?: Record<string, unknown>): void {
    const { op } = this.ticket;
    const code = failure ? (FIO_ERROR_CODES[outcome as FioErrorName] ?? null) : null;
    const duration = outcome.startsWith('abandoned') ? null : this.durationMs();
    void this.ctx.db
      .transaction(async (tx) => {
        await recordEvent(tx, this.app.id, op, outcome, code, duration);
        if (failure) await this.ctx.webhooks(tx, this.app.id, 'failure', { op, error: outcome, ...extra });
      })
      .catch((error: unknown) => this.ctx.log.error({ err: String(error) }, 'could not record session outcome'));
  }

  /** Milliseconds from the first frame to now, without PIN typing; null before any frame. */
  private durationMs(): number | null {
    if (this.firstFrameAt === null) return null;
    const typing = this.pinWaitMs + (this.pinAskedAt === null ? 0 : this.ctx.clock.now() - this.pinAskedAt);
    return Math.max(0, this.ctx.clock.now() - this.firstFrameAt - typing);
  }

  private arm(ms: number, message: string): void {
    this.disarm();
    this.timer = setTimeout(() => this.fail('TIMEOUT', message), ms);
    this.timer.unref?.();
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.stepTimer) clearTimeout(this.stepTimer);
    this.timer = null;
    this.stepTimer = null;
  }
}
