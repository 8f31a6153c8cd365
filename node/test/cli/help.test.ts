// Finding 5 (low): `openfaceio app create --help` answered "Unknown option '--help'".
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = new URL('../../src/cli/bin.mjs', import.meta.url).pathname;

describe('openfaceio --help', () => {
  for (const args of [['--help'], ['app', 'create', '--help'], ['app', 'settings', '-h'], ['serve', '--help'], ['verify', '--help']]) {
    it(`${args.join(' ')} prints the usage and exits 0`, async () => {
      const { stdout, stderr } = await run(process.execPath, [BIN, ...args]);
      assert.match(stdout, /^Usage: openfaceio <command>/);
      assert.doesNotMatch(stderr, /Unknown option/);
    });
  }
});
