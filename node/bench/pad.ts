// npm run bench:pad — presentation-attack detection per session, in the ISO/IEC 30107-3 vocabulary:
// APCER per attack kind (attack presentations accepted as bona fide) and BPCER (bona fide
// presentations refused), without the active challenge (passive), with it (active), and in the
// default mode (active-on-doubt). Material: ../shared/data/pad, ../shared/data/antispoof and the
// bona fide webcam clip; every session runs the node's own decision code (PadSession, through the
// same path as `openfaceio liveness`). Prints tables and writes bench/results/pad.json.
//
// Attack kinds:
// - print: the printed-photo attacks, held like a print (moved and tilted in front of the camera);
// - replay (screen / phone): the phone replay video as recorded, the tablet and phone stills moved;
// - still loop: every still (attack stills, bona fide stills, frames of the bona fide clips) looped;
// - moving still: every bona fide still and clip frame moved in the image (similarity) and tilted;
// - video replay: each bona fide clip replayed against challenges it cannot know.
// With the challenge, every attack meets each of the 12 two-step challenges the node can draw
// (ordered pairs of different steps), so APCER is the chance that a random challenge is passed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { ChallengeStep, LivenessMode } from 'openfaceio/protocol';
import { CHALLENGE_STEPS } from 'openfaceio/protocol';
import { mediaFrames } from '../src/cli/media-frames.js';
import type { ObservedFrame } from '../src/sessions/pad/recorded-session.js';
import { judgeObserved, observeRecording } from '../src/sessions/pad/recorded-session.js';
import { createNodeEngine } from '../src/vision/index.js';
import { SHARED_DATA_DIR as DATA_DIR } from '../../test/helpers/data.js';

const FPS = 10;
const engine = createNodeEngine();
const work = mkdtempSync(join(tmpdir(), 'openfaceio-bench-pad-'));
const pct = (n: number, d: number) => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)} % (${n}/${d})`);

/** Every challenge the node can draw at length 2: ordered pairs of different steps (each has a head movement). */
const CHALLENGES: ChallengeStep[][] = CHALLENGE_STEPS.flatMap((a) => CHALLENGE_STEPS.filter((b) => b !== a).map((b) => [a, b]));

interface BonaFideClip {
  file: string;
  set: 'A' | 'B';
  /** The challenge the recording happens to perform, if any (as the CLI's --challenge). */
  matches: ChallengeStep[] | null;
  /** Second of the clip a frame is taken from for the still attacks. */
  frameAt: number;
}
const BONA_FIDE: BonaFideClip[] = [
  { file: 'pad/headturn_nod_shenasa.gif', set: 'B', matches: ['turn-left', 'turn-right'], frameAt: 0.1 },
  { file: 'pad/blink_repeating_selfie.mp4', set: 'A', matches: ['blink', 'blink'], frameAt: 2 },
  { file: 'pad/blink_grid_crop_woman.mp4', set: 'B', matches: ['blink'], frameAt: 1 },
  { file: 'pad/blink_grid_crop_man.mp4', set: 'B', matches: ['blink'], frameAt: 1 },
  { file: 'pad/bonafide_opendbm_subj01.mp4', set: 'A', matches: ['blink'], frameAt: 1.3 },
  { file: 'pad/bonafide_opendbm_subj02.mp4', set: 'B', matches: null, frameAt: 1.3 },
  { file: 'video/person-lmm-webcam.mp4', set: 'B', matches: null, frameAt: 0.3 },
];
const BONA_FIDE_STILLS = [
  'pad/bonafide_jom_selfie.jpg',
  'pad/bonafide_ssan_car_selfie.jpg',
  'pad/nuaa_live_s0001.jpg',
  'antispoof/silentface_image_T1.jpg',
];
const PRINTS = ['pad/nuaa_print_s0001.jpg', 'pad/print_jom_idphotos_bag.jpg', 'antispoof/silentface_image_F1.jpg'];
const SCREEN_STILLS = ['pad/replay_hyperfas_ipad.png', 'antispoof/silentface_image_F2.jpg'];
const PHONE_REPLAY = 'pad/replay_mani_phone.mp4';

type Presentation = { kind: string; source: string; how: string; frames: ObservedFrame[] };

const present = (file: string) => existsSync(join(DATA_DIR, file));
const missing = [...BONA_FIDE.map((c) => c.file), ...BONA_FIDE_STILLS, ...PRINTS, ...SCREEN_STILLS, PHONE_REPLAY].filter((f) => !present(f));
if (missing.length)
  console.warn(
    `[bench:pad] missing in ${DATA_DIR} (skipped): ${missing.join(', ')}. Point OPENFACEIO_SHARED_DATA at the team's data set (see README, "Benchmarks").`,
  );

async function observe(path: string, still: 'loop' | 'move' | 'tilt'): Promise<ObservedFrame[]> {
  const { frames } = await mediaFrames(path, { fps: FPS, still, stillSeconds: 3 });
  return observeRecording(engine, frames);
}

/** One frame of a clip as a PNG (the picture a moving-still attack is made from). */
function clipFrame(clip: BonaFideClip): string {
  const out = join(work, `${basename(clip.file)}.png`);
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-ss', String(clip.frameAt), '-i', join(DATA_DIR, clip.file), '-frames:v', '1', out]);
  return out;
}

const started = performance.now();
const attacks: Presentation[] = [];
const bonaFide: (BonaFideClip & { frames: ObservedFrame[] })[] = [];
for (const clip of BONA_FIDE.filter((c) => present(c.file))) {
  process.stderr.write(`[bench:pad] ${clip.file}\n`);
  const frames = await observe(join(DATA_DIR, clip.file), 'loop');
  bonaFide.push({ ...clip, frames });
  attacks.push({ kind: 'video replay', source: clip.file, how: 'replayed', frames });
  const picture = clipFrame(clip);
  attacks.push({ kind: 'still loop', source: `${clip.file}@${clip.frameAt}s`, how: 'loop', frames: await observe(picture, 'loop') });
  for (const how of ['move', 'tilt'] as const)
    attacks.push({ kind: 'moving still', source: `${clip.file}@${clip.frameAt}s`, how, frames: await observe(picture, how) });
}
for (const file of BONA_FIDE_STILLS.filter(present)) {
  process.stderr.write(`[bench:pad] ${file}\n`);
  attacks.push({ kind: 'still loop', source: file, how: 'loop', frames: await observe(join(DATA_DIR, file), 'loop') });
  for (const how of ['move', 'tilt'] as const)
    attacks.push({ kind: 'moving still', source: file, how, frames: await observe(join(DATA_DIR, file), how) });
}
for (const [kind, files] of [
  ['print', PRINTS],
  ['replay (screen / phone)', SCREEN_STILLS],
] as const)
  for (const file of files.filter(present)) {
    process.stderr.write(`[bench:pad] ${file}\n`);
    attacks.push({ kind: 'still loop', source: file, how: 'loop', frames: await observe(join(DATA_DIR, file), 'loop') });
    for (const how of ['move', 'tilt'] as const) attacks.push({ kind, source: file, how, frames: await observe(join(DATA_DIR, file), how) });
  }
if (present(PHONE_REPLAY))
  attacks.push({ kind: 'replay (screen / phone)', source: PHONE_REPLAY, how: 'video', frames: await observe(join(DATA_DIR, PHONE_REPLAY), 'loop') });

// Judging: cheap from here (the models ran once per presentation).
interface Outcome {
  kind: string;
  source: string;
  how: string;
  mode: LivenessMode;
  challenge: string;
  live: boolean;
  reasons: string[];
}
const outcomes: Outcome[] = [];
for (const a of attacks) {
  const judge = (mode: LivenessMode, steps?: ChallengeStep[]) => {
    const v = judgeObserved(a.frames, { mode, ...(steps ? { steps } : {}) });
    outcomes.push({ kind: a.kind, source: a.source, how: a.how, mode, challenge: steps?.join(',') ?? '', live: v.live, reasons: v.reasons });
  };
  judge('passive');
  for (const steps of CHALLENGES) {
    judge('active', steps);
    judge('active-on-doubt', steps);
  }
}

interface BonaFideOutcome {
  file: string;
  set: string;
  challenge: string;
  passive: boolean;
  active: boolean | null;
  onDoubt: boolean;
  onDoubtAsked: boolean;
  reasons: { passive: string[]; active: string[]; onDoubt: string[] };
  decidedAtMs: { passive: number | null; active: number | null; onDoubt: number | null };
}
const bonaFideOutcomes: BonaFideOutcome[] = bonaFide.map((clip) => {
  const passive = judgeObserved(clip.frames, { mode: 'passive' });
  const active = clip.matches ? judgeObserved(clip.frames, { mode: 'active', steps: clip.matches }) : null;
  // On doubt, the node asks its challenge; a clip with none to match gets one it cannot follow.
  const onDoubt = judgeObserved(clip.frames, { mode: 'active-on-doubt', steps: clip.matches ?? ['turn-left', 'blink'] });
  return {
    file: clip.file,
    set: clip.set,
    challenge: clip.matches?.join(',') ?? '—',
    passive: passive.live,
    active: active?.live ?? null,
    onDoubt: onDoubt.live,
    onDoubtAsked: onDoubt.pad.challenge !== 'none',
    reasons: { passive: passive.reasons, active: active?.reasons ?? [], onDoubt: onDoubt.reasons },
    decidedAtMs: { passive: passive.decidedAtMs, active: active?.decidedAtMs ?? null, onDoubt: onDoubt.decidedAtMs },
  };
});

const KINDS = ['print', 'replay (screen / phone)', 'still loop', 'moving still', 'video replay'];
const MODES: LivenessMode[] = ['passive', 'active', 'active-on-doubt'];
const apcer = KINDS.map((kind) => {
  const row: Record<string, unknown> = {
    kind,
    presentations: new Set(outcomes.filter((o) => o.kind === kind).map((o) => `${o.source}|${o.how}`)).size,
  };
  for (const mode of MODES) {
    const of = outcomes.filter((o) => o.kind === kind && o.mode === mode);
    const accepted = of.filter((o) => o.live);
    row[mode] = { accepted: accepted.length, sessions: of.length, apcer: of.length ? accepted.length / of.length : null };
    row[`${mode}:accepted`] = [...new Set(accepted.map((o) => `${o.source} (${o.how}${o.challenge ? `, ${o.challenge}` : ''})`))];
  }
  return row;
});
const bpcer = {
  passive: { refused: bonaFideOutcomes.filter((b) => !b.passive).length, sessions: bonaFideOutcomes.length },
  active: { refused: bonaFideOutcomes.filter((b) => b.active === false).length, sessions: bonaFideOutcomes.filter((b) => b.active !== null).length },
  'active-on-doubt': { refused: bonaFideOutcomes.filter((b) => !b.onDoubt).length, sessions: bonaFideOutcomes.length },
};

console.log('\nAPCER per attack kind (attack sessions accepted / attack sessions; with a challenge, one session per drawable challenge)');
console.log('| attack kind | presentations | passive | active | active-on-doubt (default) |');
console.log('|---|---|---|---|---|');
for (const r of apcer) {
  const cell = (m: LivenessMode) => {
    const c = r[m] as { accepted: number; sessions: number };
    return pct(c.accepted, c.sessions);
  };
  console.log(`| ${r.kind} | ${r.presentations} | ${cell('passive')} | ${cell('active')} | ${cell('active-on-doubt')} |`);
}
console.log('\nBPCER (bona fide sessions refused / bona fide sessions)');
console.log(
  `passive ${pct(bpcer.passive.refused, bpcer.passive.sessions)} · active, with the challenge each clip performs ${pct(bpcer.active.refused, bpcer.active.sessions)} · active-on-doubt ${pct(bpcer['active-on-doubt'].refused, bpcer['active-on-doubt'].sessions)}`,
);
console.log('| bona fide clip | set | challenge it performs | passive | active | active-on-doubt (challenge asked?) |');
console.log('|---|---|---|---|---|---|');
const yes = (v: boolean | null) => (v === null ? 'n/a' : v ? 'accepted' : 'refused');
for (const b of bonaFideOutcomes)
  console.log(
    `| ${b.file} | ${b.set} | ${b.challenge} | ${yes(b.passive)} | ${yes(b.active)} | ${yes(b.onDoubt)} (${b.onDoubtAsked ? 'asked' : 'clearly live'}) |`,
  );
for (const r of apcer)
  for (const m of MODES) {
    const list = r[`${m}:accepted`] as string[];
    if (list.length) console.log(`accepted ${r.kind} in ${m}: ${list.join('; ')}`);
  }

mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
const result = {
  generated: new Date().toISOString(),
  note: 'ISO/IEC 30107-3 vocabulary on a very small public set (see README "Presentation-attack detection"); not an iBeta/ISO evaluation.',
  fps: FPS,
  challenges: CHALLENGES.map((c) => c.join(',')),
  apcer,
  bpcer,
  bonaFide: bonaFideOutcomes,
  // Per presentation and mode: sessions accepted / judged (one per drawable challenge in the active modes).
  presentations: [...new Set(outcomes.map((o) => `${o.kind}|${o.source}|${o.how}`))].map((key) => {
    const [kind, source, how] = key.split('|');
    const of = outcomes.filter((o) => `${o.kind}|${o.source}|${o.how}` === key);
    return {
      kind,
      source,
      how,
      ...Object.fromEntries(MODES.map((m) => [m, `${of.filter((o) => o.mode === m && o.live).length}/${of.filter((o) => o.mode === m).length}`])),
      refusedBecause: [...new Set(of.filter((o) => !o.live).map((o) => o.reasons[0] ?? ''))].slice(0, 6),
    };
  }),
  seconds: Math.round((performance.now() - started) / 1000),
};
writeFileSync(new URL('./results/pad.json', import.meta.url), `${JSON.stringify(result, null, 1)}\n`);
console.log(`\nwrote bench/results/pad.json (${result.seconds} s)`);
rmSync(work, { recursive: true, force: true });
await engine.dispose();
