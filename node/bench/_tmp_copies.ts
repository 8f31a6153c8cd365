import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { similarity } from 'openfaceio/vision';
import { createNodeEngine } from '../src/vision/index.js';
import { observeFrame, patchCorrelation } from '../src/sessions/frame-analysis.js';
import { frameOf } from '../test/helpers/scan-client.js';
const engine = createNodeEngine();
const D = '/work/shared/data';
async function clip(file: string) {
  const dir = mkdtempSync(join(tmpdir(), 'c-'));
  execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-vf', 'fps=10', '-t', '4', '-q:v', '2', join(dir, '%04d.jpg')]);
  const out = [];
  for (const f of readdirSync(dir).sort()) out.push(await observeFrame(engine, readFileSync(join(dir, f)), { ageGender: false, maxPixels: 2e6 }));
  return out;
}
function stats(name: string, obs: any[]) {
  const c: number[] = [], s: number[] = [];
  for (let i = 1; i < obs.length; i++) if (obs[i].main && obs[i - 1].main) { c.push(patchCorrelation(obs[i].main.patch, obs[i - 1].main.patch)); s.push(similarity(obs[i].main.embedding, obs[i - 1].main.embedding)); }
  const q = (a: number[], p: number) => [...a].sort((x, y) => x - y)[Math.floor(p * (a.length - 1))]!.toFixed(3);
  console.log(name.padEnd(30), 'corr min/med/max', q(c, 0), q(c, 0.5), q(c, 1), 'sim min/med/max', q(s, 0), q(s, 0.5), q(s, 1));
}
for (const f of ['pad/blink_repeating_selfie.mp4', 'pad/bonafide_opendbm_subj02.mp4', 'pad/bonafide_opendbm_subj01.mp4', 'pad/blink_grid_crop_woman.mp4', 'pad/blink_grid_crop_man.mp4', 'video/person-lmm-webcam.mp4', 'pad/headturn_nod_shenasa.gif', 'pad/replay_mani_phone.mp4'])
  stats(f, await clip(`${D}/${f}`));
const path = `${D}/faces/deepface_id01/img4.jpg`;
stats('rescaled copies', await Promise.all([640, 600, 560, 520, 480].map(async (side) => observeFrame(engine, await frameOf(path, side), { ageGender: false, maxPixels: 2e6 }))));
await engine.dispose();
