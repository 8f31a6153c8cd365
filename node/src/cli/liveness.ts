import type { ChallengeStep, LivenessMode } from 'openfaceio/protocol';
import type { VisionEngine } from 'openfaceio/vision';
import { judgeRecording } from '../sessions/pad/recorded-session.js';
import type { MediaOptions } from './media-frames.js';
import { mediaFrames } from './media-frames.js';
import { errorRecord, rounded, writeLine } from './output.js';

export interface LivenessCommandOptions extends MediaOptions {
  json: boolean;
  mode: LivenessMode;
  steps?: ChallengeStep[];
  virtualCamera: boolean;
}

/**
 * `openfaceio liveness <file...>`: each file judged as a scan session would judge it (one JSON line
 * per file with --json). Exit 0 when every file was read, whatever the verdicts; 1 when one could not be.
 */
export async function livenessCommand(engine: VisionEngine, files: string[], options: LivenessCommandOptions): Promise<number> {
  let failed = 0;
  for (const file of files) {
    try {
      const { frames, kind } = await mediaFrames(file, options);
      const v = await judgeRecording(engine, frames, {
        mode: options.mode,
        ...(options.steps ? { steps: options.steps } : {}),
        virtualCamera: options.virtualCamera,
      });
      const e = v.pad.evidence;
      const record = {
        file,
        live: v.live,
        challenge: v.challenge,
        reasons: v.reasons,
        mode: v.pad.mode,
        steps: v.pad.steps,
        input: kind === 'still' ? `still (${options.still})` : 'video',
        frames: v.frames,
        decidedAtMs: v.decidedAtMs === null ? null : Math.round(v.decidedAtMs),
        liveness: e.liveness ? { median: rounded(e.liveness.median), low: rounded(e.liveness.low), frames: e.liveness.frames } : null,
        motion: e.motion === null ? null : rounded(e.motion),
        blink: e.blink,
        copies: e.copies,
      };
      writeLine(
        options.json
          ? JSON.stringify(record)
          : `${file}: ${v.live ? 'live' : 'ATTACK'} · challenge ${v.challenge}${v.pad.steps.length ? ` (${v.pad.steps.join(', ')})` : ''} · ${v.reasons.join(', ') || '—'} · ${v.frames} frames`,
      );
    } catch (error) {
      failed++;
      const err = errorRecord(error);
      writeLine(options.json ? JSON.stringify({ file, error: err }) : `${file}: error ${err.code}: ${err.message}`);
    }
  }
  return failed > 0 ? 1 : 0;
}
