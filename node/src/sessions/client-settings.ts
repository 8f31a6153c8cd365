import type { ClientSettings, SessionOperation } from 'openfaceio/protocol';
import type { AppSettings } from '../settings.js';
import type { SessionLimits } from './ports.js';

export const MAX_PIN_LENGTH = 16;

/** Frames with one usable face a session needs before it decides. */
export const minFramesFor = (op: SessionOperation, limits: SessionLimits): number =>
  op === 'enroll' ? limits.minFramesEnroll : limits.minFramesAuthenticate;

/** The security settings the widget must honour (no secrets), as sent on session start and on `ready`. */
export function clientSettings(settings: AppSettings, op: SessionOperation, limits: SessionLimits): ClientSettings {
  return {
    pinPolicy: settings.pinPolicy,
    pinLength: { min: settings.pinLength, max: MAX_PIN_LENGTH },
    rejectWeakPin: settings.rejectWeakPin,
    pad: settings.pad,
    liveness: settings.liveness,
    minFrames: minFramesFor(op, limits),
    maxFrames: limits.maxFrames,
    maxFrameBytes: limits.maxFrameBytes,
    maxFrameSide: limits.maxFrameSide,
    framesInFlight: limits.framesInFlight,
  };
}
