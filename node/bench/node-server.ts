// One processing node for `npm run bench:node` (bench/node.ts starts one per variant, as a child
// process, so each node's CPU time is its own and the load generator's is not counted).
//
// It runs from the current tree (variant `new`: frames in the inference pool) or, copied there by
// the driver, from an extracted tree of the baseline commit (variant `baseline`: whatever that code
// does). So it uses only what both trees have, and imports the pool dynamically.
//
// Protocol (IPC): it sends {type: 'ready', url, publicId} once the app has one enrolled person and
// the background identities; it answers {type: 'stats'} with its CPU time and event-loop use so far,
// and exits on {type: 'stop'}.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { l2Normalize } from 'openfaceio/vision';
import { openBus } from '../src/bus/open.js';
import { insertEnrollment } from '../src/store/facial-ids.js';
import { openStore } from '../src/store/open.js';
import { createNodeEngine } from '../src/vision/index.js';
import { startTestNode } from '../test/helpers/node.js';
import { frameOf, runSession } from '../test/helpers/scan-client.js';

interface Args {
  variant: 'baseline' | 'new';
  databaseUrl?: string;
  redisUrl?: string;
  /** Photos of the person to enroll (sent as the widget would: ≤ 640 px JPEG). */
  enroll: string[];
  backgroundIdentities: number;
}

const args = JSON.parse(process.env.BENCH_NODE_ARGS ?? '{}') as Args;

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
const options: Record<string, unknown> = { engine, config: { sessionsPerIpPerMinute: 1e6, sessionsPerAppPerMinute: 1e6 } };
if (args.variant === 'new') {
  const { createFramePool } = (await import('../src/vision/pool/frame-pool.js')) as { createFramePool(): Promise<{ close(): Promise<void> }> };
  frames = await createFramePool();
  options.frames = frames;
}
const node = await startTestNode({ db, bus }, options as Parameters<typeof startTestNode>[1]);
const { app } = await node.createApp({ pinPolicy: 'never', preventDuplicates: false, pad: true, rejectEmptyOrigin: false });
const enrolled = await runSession(node.url, { publicId: app.publicId, op: 'enroll' }, await Promise.all(args.enroll.map((file) => frameOf(file))));
if (!enrolled.verdict?.ok) throw new Error(`enrollment failed: ${JSON.stringify(enrolled.verdict)}`);
for (let i = 0; i < args.backgroundIdentities; i++) {
  const facialId = randomUUID();
  const template = randomUnit(i + 1);
  await insertEnrollment(db, {
    appId: app.id,
    facialId,
    payload: null,
    pinHash: null,
    pinDigest: null,
    gender: 'male',
    age: 40,
    templates: [template],
  });
  await node.deps.index.add(app.id, facialId, [template]);
}

const elu = performance.eventLoopUtilization();
process.on('message', (message: { type: string }) => {
  if (message.type === 'stats') {
    const cpu = process.cpuUsage();
    process.send!({
      type: 'stats',
      cpuMs: (cpu.user + cpu.system) / 1000,
      wallMs: performance.now(),
      eventLoop: performance.eventLoopUtilization(elu),
    });
  } else if (message.type === 'stop') {
    void (async () => {
      await node.close();
      await frames?.close();
      await engine.dispose();
      await bus.close();
      await db.close();
      process.exit(0);
    })();
  }
});
process.send!({ type: 'ready', url: node.url, publicId: app.publicId });
