// Live face tracking on the main thread with MediaPipe tasks-vision's FaceDetector (the prepared
// short-range model, see TOOLCHAIN.md). mediapipe#5527: tasks-vision cannot load in a module
// worker, and a classic worker would need its own bundle; at ~25 ms a frame on a laptop CPU, a
// few frames a second on the main thread is cheap. Loaded lazily: the page pays for it only when
// the camera opens.
import type { FaceDetector } from '@mediapipe/tasks-vision';

/** A face found in a video frame, in video pixels. */
export interface TrackedFace {
  x: number;
  y: number;
  width: number;
  height: number;
  score: number;
}

export interface Tracking {
  width: number;
  height: number;
  faces: TrackedFace[];
  /** Milliseconds the detector took. */
  ms: number;
}

export interface FaceTracker {
  /** Detects faces in the video's current frame; null when the video has no frame yet. */
  track(video: HTMLVideoElement): Tracking | null;
  close(): void;
}

export interface FaceTrackerAssets {
  mediapipeWasm: string;
  trackerModelUrl: string;
}

export async function createFaceTracker(assets: FaceTrackerAssets): Promise<FaceTracker> {
  const { FaceDetector: Detector, FilesetResolver } = await import('@mediapipe/tasks-vision');
  const fileset = await FilesetResolver.forVisionTasks(assets.mediapipeWasm);
  const detector: FaceDetector = await Detector.createFromOptions(fileset, {
    baseOptions: { modelAssetPath: assets.trackerModelUrl, delegate: 'CPU' },
    runningMode: 'VIDEO',
    minDetectionConfidence: 0.5,
  });
  // detectForVideo needs strictly increasing timestamps.
  let lastTimestamp = -1;
  return {
    track(video) {
      if (video.readyState < 2 || video.videoWidth === 0) return null;
      const started = performance.now();
      lastTimestamp = Math.max(started, lastTimestamp + 1);
      const result = detector.detectForVideo(video, lastTimestamp);
      const faces: TrackedFace[] = [];
      for (const detection of result.detections) {
        const box = detection.boundingBox;
        if (!box) continue;
        faces.push({ x: box.originX, y: box.originY, width: box.width, height: box.height, score: detection.categories[0]?.score ?? 0 });
      }
      return { width: video.videoWidth, height: video.videoHeight, faces, ms: performance.now() - started };
    },
    close: () => detector.close(),
  };
}
