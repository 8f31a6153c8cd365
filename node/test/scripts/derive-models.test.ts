import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { MODELS_DIR, MODELS_LOCK, runInstallModels } from '../helpers/install-models-script.js';
// @ts-expect-error: a plain .mjs install script, no type declarations
import { decodeModel, deriveModel, sha256 } from '../../scripts/derive-models.mjs';


interface DerivedFile {
  to: string;
  from: string;
  rewrites: [string, Record<string, unknown>][];
  bytes: number;
  sha256: string;
}
interface Lock {
  packages: { name: string; files: { to: string }[] }[];
  derived: DerivedFile[];
}
const lock = (): Lock => JSON.parse(readFileSync(MODELS_LOCK, 'utf8')) as Lock;


describe('scripts/derive-models.mjs (the install step derives the node’s model files)', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'openfaceio-derive-'));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('derives every pinned file from the verified original, byte for byte, on every run', () => {
    for (const file of lock().derived) {
      const source = readFileSync(join(MODELS_DIR, file.from));
      const provenance = `${file.from} sha256 ${sha256(source)}`;
      const first = deriveModel(source, file.rewrites, { label: file.from, provenance }).bytes as Buffer;
      const second = deriveModel(source, file.rewrites, { label: file.from, provenance }).bytes as Buffer;
      assert.equal(sha256(first), file.sha256, `${file.to}: pinned SHA-256`);
      assert.equal(first.length, file.bytes);
      assert.ok(first.equals(second), `${file.to}: deterministic`);
      assert.equal(sha256(readFileSync(join(MODELS_DIR, file.to))), file.sha256, `${file.to}: installed`);
    }
  });

  it('refuses a model the vendored schema cannot round-trip (a field it would silently drop)', () => {
    const bytes = readFileSync(join(MODELS_DIR, 'fr_age.onnx'));
    // Field 99, varint 1: unknown to onnx-min.proto.
    const withUnknownField = Buffer.concat([bytes, Buffer.from([0x98, 0x06, 0x01])]);
    assert.throws(() => decodeModel(withUnknownField, 'fr_age.onnx'), /not byte-identical/);
  });

  /** A models/ folder holding only fr_age.onnx and the MediaPipe detector, already verified: nothing is fetched. */
  const smallInstall = (name: string, derived: DerivedFile): { env: Record<string, string>; dir: string } => {
    const dir = join(scratch, name);
    mkdirSync(dir, { recursive: true });
    const full = lock();
    const packages = full.packages.map((pkg) => ({
      ...pkg,
      files: pkg.files.filter((f) => ['fr_age.onnx', 'face_detection_short_range.raw.tflite'].includes(f.to)),
    }));
    for (const pkg of packages) for (const f of pkg.files) copyFileSync(join(MODELS_DIR, f.to), join(dir, f.to));
    const lockFile = join(dir, 'lock.json');
    writeFileSync(lockFile, JSON.stringify({ packages, derived: [derived] }));
    return { env: { OPENFACEIO_MODELS_LOCK: lockFile, OPENFACEIO_MODELS_DIR: dir }, dir };
  };
  const age = (): DerivedFile => lock().derived.find((f) => f.to === 'fr_age.fast.onnx')!;

  it('derives a missing file during install, then leaves it alone', async () => {
    const { env, dir } = smallInstall('ok', age());
    const first = await runInstallModels(env);
    assert.equal(first.code, 0, first.out);
    assert.match(first.out, /derived fr_age\.fast\.onnx from fr_age\.onnx .*sha256 ok/);
    const mtime = statSync(join(dir, 'fr_age.fast.onnx')).mtimeMs;
    const second = await runInstallModels(env);
    assert.equal(second.code, 0, second.out);
    assert.match(second.out, /already installed and verified/);
    assert.equal(statSync(join(dir, 'fr_age.fast.onnx')).mtimeMs, mtime);
  });

  it('refuses a derived file whose SHA-256 is not the pinned one, and installs nothing', async () => {
    const { env, dir } = smallInstall('bad', { ...age(), sha256: '0'.repeat(64) });
    const { code, out } = await runInstallModels(env);
    assert.equal(code, 1);
    assert.match(out, /ERROR: fr_age\.fast\.onnx: derived SHA-256 [0-9a-f]{64} .*expected 0{64}.*not installing it/);
    assert.ok(!existsSync(join(dir, 'fr_age.fast.onnx')));
    assert.ok(!existsSync(join(dir, 'fr_age.fast.onnx.partial')));
  });

  it('refuses to derive from a file the lock does not list as verified', async () => {
    const { env, dir } = smallInstall('tampered', age());
    const lockFile = env.OPENFACEIO_MODELS_LOCK!;
    const tampered = JSON.parse(readFileSync(lockFile, 'utf8')) as Lock;
    tampered.derived[0]!.from = 'fr_other.onnx';
    writeFileSync(lockFile, JSON.stringify(tampered));
    const { code, out } = await runInstallModels(env);
    assert.equal(code, 1);
    assert.match(out, /derived from fr_other\.onnx, which models\.lock\.json does not list/);
    assert.ok(!existsSync(join(dir, 'fr_age.fast.onnx')));
  });
});
