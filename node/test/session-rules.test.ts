import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FrameObservation } from '../src/sessions/frame-analysis.js';
import { observeFrame } from '../src/sessions/frame-analysis.js';
import { showsTwoPeople } from '../src/sessions/fusion.js';
import { isStillCopy, showsManyFaces } from '../src/sessions/rules.js';
import type { LivenessMode } from 'openfaceio/protocol';
import { planOf } from '../src/sessions/pad/challenge-draw.js';
import { padFrameOf } from '../src/sessions/pad/pad-frame.js';
import { PadSession } from '../src/sessions/pad/pad-session.js';
import { dataPath } from '../../test/helpers/data.js';
import { testEngine } from './helpers/engine.js';
import { frameOf } from './helpers/scan-client.js';

// The cross-frame rules on the bona fide webcam clip (MODELS.md: single frames of this one person
// score as low as 0.04 against each other, and a hand is twice detected as a second face).
describe('session rules on the bona fide webcam clip', () => {
  const engine = testEngine();
  const dir = mkdtempSync(join(tmpdir(), 'openfaceio-clip-'));
  const clip: FrameObservation[] = [];
  const observe = async (bytes: Uint8Array) => observeFrame(engine, bytes, { ageGender: false, maxPixels: 1280 * 1280 });

  before(async () => {
    // 8 frames per second, as JPEG like the widget sends.
    execFileSync('ffmpeg', [
      '-loglevel',
      'error',
      '-i',
      dataPath('video', 'person-lmm-webcam.mp4'),
      '-vf',
      'fps=8',
      '-q:v',
      '3',
      join(dir, 'f%02d.jpg'),
    ]);
    for (const f of readdirSync(dir).sort()) clip.push(await observe(readFileSync(join(dir, f))));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('has a face in every frame', () => {
    assert.ok(clip.length >= 20, `${clip.length} frames`); // the fixture clip: 3 s at 8 frames per second
    assert.ok(clip.every((f) => f.faceCount >= 1));
  });

  it('never fires MANY_FACES, on the whole clip or on any window of it', () => {
    assert.equal(showsManyFaces(clip), false);
    for (let size = 2; size <= 8; size++)
      for (let s = 0; s + size <= clip.length; s++) assert.equal(showsManyFaces(clip.slice(s, s + size)), false, `window ${s}+${size}`);
  });

  it('never fires FACE_MISMATCH, on the whole clip or on any window of it', () => {
    const embeddings = clip.map((f) => f.main!.embedding);
    assert.equal(showsTwoPeople(embeddings), false);
    for (let size = 3; size <= 8; size++)
      for (let s = 0; s + size <= embeddings.length; s++) assert.equal(showsTwoPeople(embeddings.slice(s, s + size)), false, `window ${s}+${size}`);
  });

  /** The PAD decision over frames at 8 per second. */
  const pad = (frames: FrameObservation[], mode: LivenessMode) => {
    const session = new PadSession({ mode, plan: mode === 'passive' ? null : planOf(['turn-left', 'blink'], 'none'), virtualCamera: () => false });
    frames.forEach((f, i) => session.add(padFrameOf(f, i * 125), i * 125));
    return session.evaluate(frames.length * 125).decision;
  };

  it('judges the clip live: passively, and clearly live (no challenge needed) under active-on-doubt; no frame is a copy of another', () => {
    assert.equal(pad(clip, 'passive').kind, 'live');
    assert.deepEqual(pad(clip, 'active-on-doubt'), { kind: 'live', reasons: ['clearly-live'] });
    for (let i = 1; i < clip.length; i++) assert.equal(isStillCopy(clip[i - 1]!, clip[i]!), false, `frames ${i - 1}, ${i}`);
  });

  it('but fires FACE_MISMATCH when the frames show two people', async () => {
    const other = await Promise.all(
      ['img1.jpg', 'img10.jpg', 'img11.jpg'].map(async (f) => (await observe(await frameOf(dataPath('faces', 'deepface_id01', f)))).main!.embedding),
    );
    assert.equal(showsTwoPeople([...clip.slice(0, 3).map((f) => f.main!.embedding), ...other]), true);
  });

  it('calls a looped still a replay; rescaled copies of one photo are near-copies, never clearly live', async () => {
    const still = await observe(readFileSync(join(dir, 'f05.jpg')));
    assert.deepEqual(pad([still, still, still, still], 'passive'), { kind: 'attack', reasons: ['replay:identical-frames'] });
    const path = dataPath('faces', 'fr_lin_manuel_miranda', 'lmm_1.png');
    const copies = await Promise.all(
      [640, 620, 600, 580, 560, 540, 520, 500, 480, 460, 440, 420].map(async (side) => observe(await frameOf(path, side))),
    );
    // A user holding still makes near-copies as close as these (pad/thresholds.ts), so they are no
    // attack by themselves: a moved photo is stopped by the challenge it is asked in doubt.
    assert.equal(pad(copies, 'active-on-doubt').kind, 'challenge');
  });
});
