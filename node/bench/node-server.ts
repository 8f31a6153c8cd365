// One processing node for the benches that compare the baseline with this tree (bench/node.ts,
// bench/browser.ts): started as a child process by node-process.ts, so each node's CPU time is its
// own and the load generator's is not counted.
//
// It runs from this tree (variant `new`: frames in the inference pool) or, copied there by
// node-process.ts, from an extracted tree of the baseline commit (variant `baseline`: whatever that
// code does). So it uses only what both trees have, and imports the pool dynamically.
//
// IPC: it sends {type: 'ready', url} once listening, then answers requests {id, type, …} with
// {id, …}: createApp {settings, origins} → {app: {id, publicId}}; identities {appId, count} (random
// unit templates, so the 1:N search is not trivial); stats → CPU time and event-loop use so far;
// stop → closes everything and exits.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { l2Normalize } from 'openfaceio/vision';
import { openBus } from '../src/bus/open.js';
import { insertEnrollment } from '../src/store/facial-ids.js';
import { openStore } from '../src/store/open.js';
import { createNodeEngine } from '../src/vision/index.js';
import { startTestNode } from '../test/helpers/node.js';

export interface NodeServerArgs {
  variant: 'baseline' | 'new';
  databaseUrl?: string;
  redisUrl?: string;
  /** The built SDK served at /sdk/ (browser bench). */
  sdkDir?: string;
}

const args = JSON.parse(process.env.BENCH_NODE_ARGS ?? '{}') as NodeServerArgs;

function randomUnit(seed: number): Float32Array {
  let s = seed;
  const v = new Float32Array(512);
  for (let i = 0; i < 512; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    v[i] = s / 2 ** 32 - 0.5;
  }
  return l2Normalize(v);
}

const db = await openStore(args.databaseUrl ? { databaseUrl: args.databaseUrl } : { dataDir: null });
const bus = await openBus(args.redisUrl ? { redisUrl: args.redisUrl } : {});
const engine = createNodeEngine();
let frames: { close(): Promise<void> } | undefined;
const options: Record<string, unknown> = {
  engine,
  config: { sessionsPerIpPerMinute: 1e6, sessionsPerAppPerMinute: 1e6 },
  ...(args.sdkDir ? { sdkDir: args.sdkDir } : {}),
};
if (args.variant === 'new') {
  const { createFramePool } = (await import('../src/vision/pool/frame-pool.js')) as { createFramePool(): Promise<{ close(): Promise<void> }> };
  frames = await createFramePool();
  options.frames = frames;
}
const node = await startTestNode({ db, bus }, options as Parameters<typeof startTestNode>[1]);
const elu = performance.eventLoopUtilization();

type Request = { id: number } & (
  | { type: 'createApp'; settings: Record<string, unknown>; origins: string[] }
  | { type: 'identities'; appId: string; count: number }
  | { type: 'stats' }
  | { type: 'stop' }
);

async function answer(request: Request): Promise<Record<string, unknown>> {
  switch (request.type) {
    case 'createApp': {
      const { app } = await node.createApp(request.settings, request.origins);
      return { app: { id: app.id, publicId: app.publicId } };
    }
    case 'identities':
      for (let i = 0; i < request.count; i++) {
        const facialId = randomUUID();
        const template = randomUnit(i + 1);
        await insertEnrollment(db, {
          appId: request.appId,
          facialId,
          payload: null,
          pinHash: null,
          pinDigest: null,
          gender: 'male',
          age: 40,
          templates: [template],
        });
        await node.deps.index.add(request.appId, facialId, [template]);
      }
      return {};
    case 'stats': {
      const cpu = process.cpuUsage();
      return { cpuMs: (cpu.user + cpu.system) / 1000, wallMs: performance.now(), eventLoop: performance.eventLoopUtilization(elu) };
    }
    case 'stop':
      await node.close();
      await frames?.close();
      await engine.dispose();
      await bus.close();
      await db.close();
      process.send!({ id: request.id }, () => process.exit(0));
      return new Promise(() => undefined);
  }
}

process.on('message', (request: Request) => {
  answer(request).then(
    (result) => process.send!({ id: request.id, ...result }),
    (error: unknown) => process.send!({ id: request.id, error: String(error) }),
  );
});
process.send!({ type: 'ready', url: node.url });
