// Opens the user-facing camera and turns getUserMedia's DOMException names into the three things
// the flow distinguishes: the user said no, there is no camera, the camera is busy or broken.

export type CameraFailure = 'denied' | 'no-camera' | 'unavailable';

export class CameraAccessError extends Error {
  constructor(
    readonly failure: CameraFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CameraAccessError';
  }
}

export interface OpenCameraOptions {
  /** A `deviceId` from `listCameras()`; the user-facing camera otherwise. */
  deviceId?: string;
}

/** The capture size asked for: frames go to the node at ≤ 640 px, more only costs battery. */
const IDEAL = { width: 640, height: 480 } as const;

function failureOf(error: unknown): CameraFailure {
  const name = (error as { name?: unknown } | null)?.name;
  // NotAllowedError: the user or a policy refused; SecurityError: an insecure page or a blocked iframe.
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') return 'no-camera';
  return 'unavailable';
}

export async function openCamera(options: OpenCameraOptions = {}): Promise<MediaStream> {
  const devices = globalThis.navigator?.mediaDevices;
  if (!devices?.getUserMedia) {
    throw new CameraAccessError('no-camera', 'this browser gives no camera access here (pages need https: or localhost)');
  }
  const video: MediaTrackConstraints = {
    width: { ideal: IDEAL.width },
    height: { ideal: IDEAL.height },
    ...(options.deviceId ? { deviceId: { exact: options.deviceId } } : { facingMode: 'user' }),
  };
  try {
    return await devices.getUserMedia({ video, audio: false });
  } catch (error) {
    const failure = failureOf(error);
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new CameraAccessError(failure, `the camera could not be opened (${detail})`, { cause: error });
  }
}

/** Video inputs, for a camera picker. Labels are empty until the user granted access once. */
export async function listCameras(): Promise<MediaDeviceInfo[]> {
  const devices = globalThis.navigator?.mediaDevices;
  if (!devices?.enumerateDevices) return [];
  return (await devices.enumerateDevices()).filter((device) => device.kind === 'videoinput');
}

/**
 * Virtual-camera software that can feed a video or a photo as if it were a camera. Only a hint for
 * the node (it raises the liveness bar there); a renamed driver defeats it, the server's replay and
 * liveness checks do not depend on it.
 */
const VIRTUAL_CAMERA_LABEL = /\b(obs|manycam|virtual|snap camera|xsplit|droidcam|e2esoft|splitcam|youcam|mmhmm|camtwist|epoccam|iriun|ndi)\b/i;

export const isVirtualCamera = (label: string): boolean => VIRTUAL_CAMERA_LABEL.test(label);

/** The label of the stream's video track ('' when unknown). */
export const cameraLabel = (stream: MediaStream): string => stream.getVideoTracks()[0]?.label ?? '';

export function stopCamera(stream: MediaStream | null | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
