import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { dataPath, sharedDataPath } from '../../../test/helpers/data.js';

const run = promisify(execFile);
const BIN = new URL('../../src/cli/bin.mjs', import.meta.url).pathname;

async function cli(...args: string[]): Promise<{ code: number; lines: string[]; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { maxBuffer: 64 << 20 });
    return { code: 0, lines: stdout.trim().split('\n').filter(Boolean), stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, lines: e.stdout.trim().split('\n').filter(Boolean), stderr: e.stderr };
  }
}

describe('openfaceio liveness', { timeout: 120_000 }, () => {
  it('--json: one object per file, on its own line; a video with the challenge it matches is live', async (t) => {
    const gif = sharedDataPath('pad/headturn_nod_shenasa.gif');
    if (!gif) return t.skip('needs ../shared/data/pad/headturn_nod_shenasa.gif (not redistributable)');
    const { code, lines } = await cli('liveness', '--json', '--challenge', 'turn-left,turn-right', gif);
    assert.equal(code, 0);
    assert.equal(lines.length, 1);
    const out = JSON.parse(lines[0]!);
    assert.equal(out.file, gif);
    assert.equal(out.live, true);
    assert.equal(out.challenge, 'passed');
    assert.ok(Array.isArray(out.reasons));
    assert.deepEqual(out.steps, ['turn-left', 'turn-right']);
  });

  it('a still image is fed as a looped still: refused, with no challenge; exit 0 whatever the verdicts', async () => {
    const still = dataPath('antispoof/silentface_image_T1.jpg');
    const { code, lines } = await cli('liveness', '--json', still);
    assert.equal(code, 0);
    const out = JSON.parse(lines[0]!);
    assert.deepEqual([out.live, out.challenge, out.reasons], [false, 'none', ['replay:identical-frames']]);
  });

  it('an unreadable file gets an error line and exit 1; a bad step list is a usage error', async () => {
    const { code, lines } = await cli('liveness', '--json', '/nonexistent/clip.mp4');
    assert.equal(code, 1);
    assert.equal(JSON.parse(lines[0]!).error.code, 'IMAGE_NOT_FOUND');
    const usage = await cli('liveness', '--challenge', 'turn-left,nod', '/nonexistent/clip.mp4');
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /unknown: nod/);
  });
});
