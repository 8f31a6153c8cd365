import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { dataPath } from '../../../test/helpers/data.js';

const run = promisify(execFile);
const BIN = new URL('../../src/cli/bin.mjs', import.meta.url).pathname;

/** Runs the CLI; resolves with stdout lines and the exit code (never rejects on a non-zero exit). */
async function cli(...args: string[]): Promise<{ code: number; lines: string[]; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { maxBuffer: 64 << 20 });
    return { code: 0, lines: stdout.trim().split('\n').filter(Boolean), stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, lines: e.stdout.trim().split('\n').filter(Boolean), stderr: e.stderr };
  }
}

describe('openfaceio CLI', () => {
  let dir: string;
  let empty: string, text: string, huge: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'openfaceio-cli-'));
    empty = join(dir, 'empty.jpg');
    text = join(dir, 'notes.jpg');
    huge = join(dir, 'huge.png');
    writeFileSync(empty, '');
    writeFileSync(text, 'this is not an image\n');
    // 10 000 × 10 000 = 100 megapixels, over the 50 MP limit (a flat PNG is small on disk).
    await sharp({ create: { width: 10_000, height: 10_000, channels: 3, background: '#808080' } })
      .png({ compressionLevel: 1 })
      .toFile(huge);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('verify prints similarity and match for two images of one person', async () => {
    const { code, lines } = await cli('verify', dataPath('faces/fr_obama/obama_1.jpg'), dataPath('faces/fr_obama/obama_2.jpg'));
    assert.equal(code, 0);
    const out = JSON.parse(lines[0]!);
    assert.equal(out.match, true);
    assert.ok(out.similarity > out.threshold);
  });

  it('verify reports no match, with a reason, when one image has no face', async () => {
    const { code, lines } = await cli('verify', dataPath('scenes/no-face/coffee.png'), dataPath('faces/fr_obama/obama_1.jpg'));
    assert.equal(code, 0);
    const out = JSON.parse(lines[0]!);
    assert.equal(out.match, false);
    assert.equal(out.similarity, null);
    assert.match(out.reason, /no face/);
  });

  it('analyze --json gives one line per image, an error line for each bad input, goes on, and exits 1', async () => {
    const missing = join(dir, 'missing.jpg');
    const { code, lines } = await cli('analyze', '--json', missing, empty, text, huge, dataPath('faces/fr_biden/biden_1.jpg'));
    assert.equal(code, 1);
    const records = lines.map((l) => JSON.parse(l));
    assert.deepEqual(
      records.map((r) => r.error?.code ?? 'ok'),
      ['IMAGE_NOT_FOUND', 'IMAGE_EMPTY', 'IMAGE_UNREADABLE', 'IMAGE_TOO_LARGE', 'ok'],
    );
    assert.match(records[3].error.message, /100\.0 MP.*limit/);
    const face = records[4].faces[0];
    assert.equal(records[4].faces.length, 1);
    for (const key of ['box', 'quality', 'liveness', 'age', 'gender']) assert.ok(key in face, key);
    assert.ok(!('embedding' in face));
  });

  it('analyze --embeddings adds the 512-d vector', async () => {
    const { code, lines } = await cli('analyze', '--json', '--embeddings', dataPath('faces/fr_obama/obama_1.jpg'));
    assert.equal(code, 0);
    assert.equal(JSON.parse(lines[0]!).faces[0].embedding.length, 512);
  });

  it('verify --pairs prints a line per pair and a summary, going on past a missing image', async () => {
    // An LFW-style root (<Name>/<Name>_000N.jpg) made of fixture photos: two people, one missing image.
    const root = join(dir, 'lfw');
    const place = (name: string, index: number, ...source: string[]) => {
      mkdirSync(join(root, name), { recursive: true });
      copyFileSync(dataPath(...source), join(root, name, `${name}_${String(index).padStart(4, '0')}.jpg`));
    };
    place('Person_A', 1, 'faces', 'deepface_id01', 'img1.jpg');
    place('Person_A', 2, 'faces', 'deepface_id01', 'img2.jpg');
    place('Person_A', 3, 'faces', 'deepface_id01', 'img10.jpg');
    place('Person_B', 1, 'faces', 'deepface_id03', 'img47.jpg');
    place('Person_B', 2, 'faces', 'deepface_id03', 'img48.jpg');
    const pairs = join(dir, 'pairs.txt');
    // 1 fold × 2 pairs per half: two same-person pairs, two different-person pairs (one image missing).
    writeFileSync(pairs, '1\t2\nPerson_A\t1\t3\nPerson_B\t1\t2\nPerson_A\t2\tPerson_B\t1\nPerson_A\t1\tNobody_Here\t1\n');
    const { code, lines } = await cli('verify', '--pairs', pairs, '--root', root);
    assert.equal(code, 1, 'a pair with an unreadable image makes the exit code 1');
    const records = lines.map((l) => JSON.parse(l));
    assert.equal(records.length, 5);
    assert.deepEqual(
      records.slice(0, 3).map((r) => r.match),
      [true, true, false],
    );
    assert.equal(records[3].error.code, 'IMAGE_NOT_FOUND');
    assert.deepEqual(
      { ...records[4].summary, threshold: undefined },
      { pairs: 4, matches: 2, accuracy: 1, noFace: 0, errors: 1, threshold: undefined },
    );
  });

  it('exits 2 with usage on a bad command line', async () => {
    const { code, stderr } = await cli('verify', 'only-one.jpg');
    assert.equal(code, 2);
    assert.match(stderr, /Usage: openfaceio/);
  });
});
