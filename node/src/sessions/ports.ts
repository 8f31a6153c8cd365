import { DEFAULT_SESSION_TIME_LIMITS } from 'openfaceio/protocol';
import type { Bus, Clock } from '../bus/bus.js';
import type { Db, Queryable } from '../store/db.js';
import type { VisionEngine } from 'openfaceio/vision';
import type { FrameAnalyzer } from './frame-analyzer.js';

/** The facial index as sessions and admin routes use it (adds and removes reach every node). */
export interface IndexPort {
  /** Best `k` distinct identities for a probe, best first. */
  search(appId: string, probe: Float32Array, k: number): { facialId: string; score: number }[];
  /** Best score of one identity's templates (1:1 mode); null when the identity is not indexed. */
  searchOne(appId: string, probe: Float32Array, facialId: string): number | null;
  add(appId: string, facialId: string, templates: Float32Array[]): Promise<void>;
  remove(appId: string, facialId: string): Promise<void>;
}

/** Webhook events are queued inside the caller's transaction, so a rolled-back enrollment sends nothing. */
export type WebhookEvent = 'enroll' | 'authenticate' | 'deletion' | 'failure';
export type EnqueueWebhook = (tx: Queryable, appId: string, event: WebhookEvent, data: Record<string, unknown>) => Promise<void>;

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface SessionLimits {
  /** Frames a session may send in all. */
  maxFrames: number;
  /** Frames of one session analysed (or waiting for their turn) at once; more are dropped. */
  framesInFlight: number;
  maxFrameBytes: number;
  /** Longest side of a frame, pixels (the widget sends ≤ 640). */
  maxFrameSide: number;
  /** Whole session, first frame to verdict. */
  sessionMs: number;
  /** Waiting for a PIN. */
  pinMs: number;
  minFramesEnroll: number;
  minFramesAuthenticate: number;
  /** Frames without any face before NO_FACES_DETECTED. */
  noFaceFrames: number;
  /** Wrong PINs per session before WRONG_PIN_CODE. */
  pinAttempts: number;
  /** `extend` ("More time") messages honoured per session. */
  maxExtensions: number;
}

export const DEFAULT_LIMITS: SessionLimits = {
  maxFrames: 60,
  framesInFlight: 3,
  maxFrameBytes: 512 * 1024,
  maxFrameSide: 1280,
  sessionMs: DEFAULT_SESSION_TIME_LIMITS.sessionMs,
  pinMs: DEFAULT_SESSION_TIME_LIMITS.pinMs,
  minFramesEnroll: 3,
  minFramesAuthenticate: 2,
  noFaceFrames: 12,
  pinAttempts: 3,
  maxExtensions: DEFAULT_SESSION_TIME_LIMITS.maxExtensions,
};

/** Everything a scan session needs, injected (tests swap in fakes for the layer under test only). */
export interface SessionContext {
  engine: VisionEngine;
  /** Where frames are analysed (the inference pool, or the engine inline). */
  frames: FrameAnalyzer;
  db: Db;
  bus: Bus;
  index: IndexPort;
  clock: Clock;
  webhooks: EnqueueWebhook;
  log: Logger;
  limits: SessionLimits;
}
