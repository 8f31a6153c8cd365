import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { MODELS_DIR, MODELS_LOCK, runInstallModels } from '../helpers/install-models-script.js';



describe('scripts/install-models.mjs', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'openfaceio-models-'));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('is idempotent: an installed, verified models/ is left untouched and nothing is fetched', async () => {
    const before = readdirSync(MODELS_DIR).map((f) => [f, statSync(join(MODELS_DIR, f)).mtimeMs]);
    const { code, out } = await runInstallModels({});
    assert.equal(code, 0, out);
    assert.match(out, /already installed and verified/);
    assert.doesNotMatch(out, /fetching/);
    assert.deepEqual(
      readdirSync(MODELS_DIR).map((f) => [f, statSync(join(MODELS_DIR, f)).mtimeMs]),
      before,
    );
  });

  it('refuses a file whose SHA-256 differs from the committed list, with a clear message, and installs nothing', async () => {
    const lock = JSON.parse(readFileSync(MODELS_LOCK, 'utf8'));
    // Only the small MediaPipe package (~0.3 MB tarball), with one file checksum altered.
    const mediapipe = lock.packages.find((p: { name: string }) => p.name === '@mediapipe/face_detection');
    mediapipe.files[0].sha256 = '0'.repeat(64);
    const badLock = join(scratch, 'lock.json');
    writeFileSync(badLock, JSON.stringify({ packages: [mediapipe] }));
    const dir = join(scratch, 'models');
    const { code, out } = await runInstallModels({ OPENFACEIO_MODELS_LOCK: badLock, OPENFACEIO_MODELS_DIR: dir });
    assert.equal(code, 1);
    assert.match(out, /ERROR: .*face_detection_short_range\.tflite.*SHA-256 [0-9a-f]{64}.*expected 0{64}/);
    assert.ok(!existsSync(join(dir, mediapipe.files[0].to)), 'no unverified file left behind');
  });

  it('refuses a tarball whose SHA-256 differs', async () => {
    const lock = JSON.parse(readFileSync(MODELS_LOCK, 'utf8'));
    const mediapipe = lock.packages.find((p: { name: string }) => p.name === '@mediapipe/face_detection');
    mediapipe.tarballSha256 = 'f'.repeat(64);
    const badLock = join(scratch, 'lock2.json');
    writeFileSync(badLock, JSON.stringify({ packages: [mediapipe] }));
    const { code, out } = await runInstallModels({ OPENFACEIO_MODELS_LOCK: badLock, OPENFACEIO_MODELS_DIR: join(scratch, 'models2') });
    assert.equal(code, 1);
    assert.match(out, /tarball SHA-256 is [0-9a-f]{64}, expected f{64}/);
  });
});
