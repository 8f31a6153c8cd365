#!/usr/bin/env node
// Makes sure the Debian programs the tests and benchmarks need are installed: installs the missing
// ones with apt-get when running as root, otherwise prints the exact command and stops.
// Usage: node scripts/ensure-system.mjs chromium ffmpeg [postgresql] [redis-server]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const postgresBin = () => {
  const base = '/usr/lib/postgresql';
  return existsSync(base) && readdirSync(base).some((v) => existsSync(`${base}/${v}/bin/postgres`));
};
const onPath = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

// Debian package → how to tell it is installed.
const KNOWN = {
  chromium: () => existsSync('/usr/bin/chromium'),
  ffmpeg: () => onPath('ffmpeg'),
  postgresql: postgresBin,
  'redis-server': () => onPath('redis-server'),
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((p) => !(p in KNOWN));
if (unknown.length) {
  console.error(`[system] unknown package(s): ${unknown.join(', ')} (known: ${Object.keys(KNOWN).join(', ')})`);
  process.exit(2);
}
const missing = wanted.filter((p) => !KNOWN[p]());
if (missing.length === 0) process.exit(0);

const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
if (process.getuid?.() !== 0) {
  console.error(
    `[system] missing Debian package(s): ${missing.join(', ')}. Install them as root, then run this again:\n\n  sudo sh -c '${command}'\n`,
  );
  process.exit(1);
}
console.log(`[system] installing ${missing.join(', ')} with apt-get`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
const still = missing.filter((p) => !KNOWN[p]());
if (still.length) {
  console.error(`[system] apt-get finished but ${still.join(', ')} still look missing`);
  process.exit(1);
}
