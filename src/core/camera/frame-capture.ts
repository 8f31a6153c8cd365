// Grabs the current video frame, downscaled to the node's limit, as the JPEG the node expects.

export interface CaptureOptions {
  /** The longest side the node accepts (ClientSettings.maxFrameSide). */
  maxSide: number;
  /** The node refuses larger frames (ClientSettings.maxFrameBytes); quality steps down to fit. */
  maxBytes: number;
}

/** JPEG qualities tried in order until the frame fits `maxBytes`. */
const QUALITIES = [0.9, 0.8, 0.65, 0.5] as const;

export function scaledSize(width: number, height: number, maxSide: number): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** The frame as JPEG bytes, or null when the video has no frame yet. */
export async function captureFrame(video: HTMLVideoElement, options: CaptureOptions): Promise<Blob | null> {
  if (video.readyState < 2 || video.videoWidth === 0) return null;
  const { width, height } = scaledSize(video.videoWidth, video.videoHeight, options.maxSide);
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  if (!context) return null;
  context.drawImage(video, 0, 0, width, height);
  for (const quality of QUALITIES) {
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
    if (blob.size <= options.maxBytes) return blob;
  }
  return null;
}
