// Debian Chromium and the flags every launch gets, in plain JavaScript so that both the TypeScript
// harness (browser.ts, run under tsx) and web-test-runner.config.mjs (loaded by plain Node) read the
// one list. Facts behind them: TOOLCHAIN.md (shared with the team).

/** Debian's chromium package. Neither playwright nor playwright-core downloads a browser here; we always point them at it. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Flags every launch gets. Nothing outside this machine is reachable, and Chromium otherwise keeps
 * trying update/sync/component hosts (slow DNS timeouts, noise); the resolver rule makes every host
 * except the local test server fail at once. --no-sandbox: we run as root in a container.
 * --disable-gpu: there is no GPU; WASM/CPU paths are what we test.
 */
export const CHROMIUM_ARGS = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
]);
