// One run's camera: the stream, a detached <video> the tracker and the frame capture read (the
// element shows the same stream in its own <video>), the MediaPipe tracker and the inference
// worker, and the latest guidance. Created by the camera actor, closed by its cleanup.
import { createInferenceClient, type InferenceClient } from '../inference/inference-actor.js';
import type { FrameSummary } from '../inference/worker-protocol.js';
import type { FaceBox, GuidanceHint } from '../flow/flow.types.js';
import { cameraLabel, isVirtualCamera, openCamera, stopCamera } from './camera-access.js';
import { createFaceTracker, type FaceTracker, type Tracking } from './face-tracker.js';
import { captureFrame, type CaptureOptions } from './frame-capture.js';
import { createHintFilter, hintFromSummary, hintFromTracking, isSendable, smoothFace } from './guidance.js';
import type { SdkAssets } from './sdk-assets.js';

export interface CameraSessionOptions {
  assets: SdkAssets;
  deviceId?: string;
  /** Run the onnxruntime-web worker for light / pose / blur hints (default true). */
  qualityHints?: boolean;
  /** Try WebGPU for the worker (default true; WASM otherwise). */
  preferWebGPU?: boolean;
}

export interface GuidanceUpdate {
  hint: GuidanceHint;
  faces: number;
  /** The single-frame liveness hint of the worker, when it has one (never decides anything). */
  liveness: number | null;
  /** The main face, smoothed, where the oval goes (null when none is tracked). */
  face: FaceBox | null;
}

const TRACK_EVERY_MS = 100;
/** The worker's pose and light check (no fr_feature: ~3× cheaper than it was) is what keeps turned faces' frames at home. */
const QUALITY_EVERY_MS = 200;
/** A worker summary older than this no longer describes the frame. */
const QUALITY_FRESH_MS = 1_500;
/** Tell the machine at least this often, even when nothing changed (it re-arms nothing, it informs). */
const REPEAT_EVERY_MS = 1_000;

/** Wraps a cross-origin module URL: `new Worker()` only takes same-origin URLs, an import does not. */
function moduleWorker(url: string): Worker {
  const source = `import ${JSON.stringify(url)};`;
  const blobUrl = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  const worker = new Worker(blobUrl, { type: 'module', name: 'openfaceio-inference' });
  URL.revokeObjectURL(blobUrl);
  return worker;
}

export class CameraSession {
  readonly video: HTMLVideoElement;
  stream: MediaStream | null = null;
  hint: GuidanceHint | null = null;
  faces = 0;
  face: FaceBox | null = null;
  /** Why tracking or quality hints are off (logged once, the scan goes on without them). */
  readonly degraded: string[] = [];
  private tracker: FaceTracker | null = null;
  private trackerFailed = false;
  private inference: InferenceClient | null = null;
  private inferenceLoading: Promise<void> | null = null;
  private summary: { at: number; value: FrameSummary } | null = null;
  private readonly steadyHint = createHintFilter();
  private lastQualityAt = 0;
  private lastReportAt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  /** The camera went away (unplugged, taken by another app): the last frame may linger in the video. */
  private trackEnded = false;
  /**
   * Frames are on their way to the node (set by the scan stream's pump): the worker's light / pose
   * check waits meanwhile — the verdict is due, and the CPU is better spent encoding the frames
   * (and, on a machine that also runs the node, analysing them).
   */
  sending = false;
  /** Video frames presented so far (requestVideoFrameCallback), and the one last captured: a frame goes once. */
  private presented = 0;
  private capturedFrame = -1;

  constructor(private readonly options: CameraSessionOptions) {
    this.video = document.createElement('video');
    this.video.muted = true;
    this.video.playsInline = true;
  }

  /** Asks for the camera; throws CameraAccessError. The hint worker starts loading meanwhile (the user may take a while to allow the camera). */
  async open(): Promise<MediaStream> {
    if (this.options.qualityHints !== false) this.inferenceLoading ??= this.loadInference();
    const stream = await openCamera(this.options.deviceId ? { deviceId: this.options.deviceId } : {});
    if (this.closed) {
      stopCamera(stream);
      throw new Error('camera session closed while the camera was opening');
    }
    this.stream = stream;
    this.video.srcObject = stream;
    // The user disconnected the camera (or another app took it): frames stop, the idle limit ends the scan.
    for (const track of stream.getVideoTracks()) track.addEventListener('ended', () => (this.trackEnded = true));
    this.countFrames();
    await this.video.play().catch(() => undefined);
    return stream;
  }

  /** Counts presented video frames where the browser can (Chromium, Safari, Firefox ≥ 132); elsewhere every capture counts as new. */
  private countFrames(): void {
    const video = this.video as HTMLVideoElement & { requestVideoFrameCallback?(callback: () => void): number };
    if (typeof video.requestVideoFrameCallback !== 'function') return;
    const next = (): void => {
      if (this.closed) return;
      this.presented++;
      video.requestVideoFrameCallback!(next);
    };
    video.requestVideoFrameCallback(next);
  }

  get label(): string {
    return this.stream ? cameraLabel(this.stream) : '';
  }

  get virtualCamera(): boolean {
    return isVirtualCamera(this.label);
  }

  /** The face is framed well enough for the node to use the frame. */
  get wellFramed(): boolean {
    return isSendable(this.hint);
  }

  /** The current video frame as JPEG; null when there is none yet or it already went (the node takes identical frames for a replayed still). */
  capture(options: CaptureOptions): Promise<Blob | null> {
    if (this.presented > 0 && this.presented === this.capturedFrame) return Promise.resolve(null);
    this.capturedFrame = this.presented;
    return captureFrame(this.video, options);
  }

  /** Starts the tracking loop; `onGuidance` hears every change (and a repeat each second). */
  startTracking(onGuidance: (update: GuidanceUpdate) => void): void {
    void this.loadTracker();
    if (this.options.qualityHints !== false) this.inferenceLoading ??= this.loadInference();
    const tick = () => {
      if (this.closed) return;
      this.step(onGuidance);
      this.timer = setTimeout(tick, TRACK_EVERY_MS);
    };
    tick();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    stopCamera(this.stream);
    this.video.srcObject = null;
    this.tracker?.close();
    void this.inference?.dispose().catch(() => undefined);
  }

  private step(onGuidance: (update: GuidanceUpdate) => void): void {
    if (this.trackEnded) {
      // Report 'no-face' once and send nothing more: the idle limit then ends the scan.
      if (this.hint !== 'no-face') onGuidance({ hint: (this.hint = 'no-face'), faces: (this.faces = 0), liveness: null, face: (this.face = null) });
      return;
    }
    if (this.video.readyState < 2) return;
    const now = performance.now();
    const fresh = this.summary && now - this.summary.at < QUALITY_FRESH_MS ? this.summary.value : null;
    let tracking: Tracking | null = null;
    if (this.tracker) tracking = this.tracker.track(this.video);
    else if (!this.trackerFailed) return; // still loading: no hint yet, no frame goes
    const hint = this.steadyHint(tracking ? hintFromTracking(tracking, fresh) : hintFromSummary(fresh));
    const faces = Math.max(tracking?.faces.length ?? 0, fresh?.faces ?? (tracking ? 0 : 1));
    const box = fresh?.main?.box;
    const seen = tracking?.faces ?? (box ? [{ x: box.x1, y: box.y1, width: box.x2 - box.x1, height: box.y2 - box.y1 }] : []);
    const frame = tracking ?? { width: fresh?.width ?? 0, height: fresh?.height ?? 0 };
    const face = (this.face = smoothFace(this.face, seen, frame));
    if (this.inference && !this.inference.busy && !this.sending && now - this.lastQualityAt >= QUALITY_EVERY_MS) {
      this.lastQualityAt = now;
      void this.analyzeQuality();
    }
    // The oval follows the face on every tracker frame; the rest is reported when it changes (and each second).
    const changed = hint !== this.hint || faces !== this.faces || face !== null;
    this.hint = hint;
    this.faces = faces;
    if (changed || now - this.lastReportAt >= REPEAT_EVERY_MS) {
      this.lastReportAt = now;
      onGuidance({ hint, faces, liveness: fresh?.main?.liveness ?? null, face });
    }
  }

  private async analyzeQuality(): Promise<void> {
    const client = this.inference;
    if (!client) return;
    try {
      const bitmap = await createImageBitmap(this.video);
      const summary = await client.analyze(bitmap);
      if (summary) this.summary = { at: performance.now(), value: summary };
    } catch (error) {
      this.disable('quality hints', error);
      this.inference = null;
    }
  }

  private async loadTracker(): Promise<void> {
    try {
      const tracker = await createFaceTracker(this.options.assets);
      if (this.closed) return tracker.close();
      this.tracker = tracker;
    } catch (error) {
      this.trackerFailed = true;
      this.disable('face tracking', error);
    }
  }

  private async loadInference(): Promise<void> {
    const { assets } = this.options;
    try {
      const client = createInferenceClient(moduleWorker(assets.workerUrl));
      await client.init({ modelBaseUrl: assets.modelBaseUrl, wasmPaths: assets.ortWasmPaths, preferWebGPU: this.options.preferWebGPU !== false });
      if (this.closed) return void client.dispose().catch(() => undefined);
      this.inference = client;
    } catch (error) {
      this.disable('quality hints', error);
    }
  }

  private disable(what: string, error: unknown): void {
    const reason = `${what} off: ${error instanceof Error ? error.message : String(error)}`;
    this.degraded.push(reason);
    console.warn(`openfaceio: ${reason} (the scan goes on; the node still decides)`);
  }
}
