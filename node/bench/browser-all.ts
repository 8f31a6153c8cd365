// `npm run bench:browser [-- options]`: the component and widget bench (browser.ts), then the
// liveness challenge's added time (browser-challenge.ts), each given the command line's options —
// an npm script passes them only to its last command, which sent --baseline-ref to the wrong one.
import { execFileSync } from 'node:child_process';

const options = process.argv.slice(2);
const node = [process.execPath, '--conditions=@openfaceio/source', '--import', 'tsx'];
for (const script of ['bench/browser.ts', 'bench/browser-challenge.ts'])
  execFileSync(node[0]!, [...node.slice(1), script, ...options], { stdio: 'inherit', cwd: new URL('..', import.meta.url).pathname });
