// The flow machine's `camera` actor over a real camera: opens it (PERMISSION.* events), then
// forwards the tracker's guidance (SCAN.GUIDANCE) until the run ends, when its cleanup closes
// the camera. The session is handed to `onSession` so the element can show the stream and the
// scan stream actor can take frames from it.
import { fromCallback } from 'xstate';
import { CameraAccessError } from '../camera/camera-access.js';
import { CameraSession, type CameraSessionOptions } from '../camera/camera-session.js';
import type { CameraInput, FlowEvent } from '../flow/flow.types.js';

export interface CameraActorOptions {
  session: () => CameraSessionOptions;
  /** The run's camera session (null once it is closed). */
  onSession(session: CameraSession | null): void;
}

export const permissionEventOf = (error: unknown): FlowEvent =>
  // A camera in use by another app or failing to start counts as refused (fio.js does the same): retryable.
  error instanceof CameraAccessError && error.failure === 'no-camera' ? { type: 'PERMISSION.NO_CAMERA' } : { type: 'PERMISSION.DENIED' };

export function cameraActor(options: CameraActorOptions) {
  return fromCallback<FlowEvent, CameraInput>(({ sendBack }) => {
    const session = new CameraSession(options.session());
    let ended = false;
    session.open().then(
      () => {
        if (ended) return;
        options.onSession(session);
        sendBack({ type: 'PERMISSION.GRANTED' });
        session.startTracking(({ hint, faces, face }) => sendBack({ type: 'SCAN.GUIDANCE', hint, faces, ...(face ? { face } : {}) }));
      },
      (error: unknown) => {
        if (!ended) sendBack(permissionEventOf(error));
      },
    );
    return () => {
      ended = true;
      session.close();
      options.onSession(null);
    };
  });
}
