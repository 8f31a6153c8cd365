/** Logged at start and on every session while OPENFACEIO_INSECURE_FIXED_CHALLENGE is set (config.ts). */
export const INSECURE_FIXED_CHALLENGE_WARNING =
  'INSECURE: OPENFACEIO_INSECURE_FIXED_CHALLENGE is set — every liveness challenge is the same fixed steps, so a prepared replay can pass it. For tests only; never run a production node with it.';
