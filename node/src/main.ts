import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { systemClock } from './bus/bus.js';
import { openBus } from './bus/open.js';
import type { NodeConfig } from './config.js';
import { lockDataDir } from './data-lock.js';
import { sweepRetention } from './retention.js';
import { sweepSignOn } from './sign-on/verifications.js';
import { createNodeDeps } from './node-deps.js';
import { createPushSender } from './sign-on/web-push.js';
import { DEMO_APP_NAME } from './routes/public.js';
import type { BannerInfo } from './banner.js';
import { rotateApiKeys } from './store/app-keys.js';
import { createApp, findAppById, listApps } from './store/apps.js';
import type { Db } from './store/db.js';
import { openStore } from './store/open.js';
import { createNodeEngine } from './vision/index.js';
import { createFramePool } from './vision/pool/frame-pool.js';
import { WebhookDispatcher } from './webhooks/queue.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const version = (JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { version: string }).version;

export interface RunningNode {
  app: FastifyInstance;
  url: string;
  /** What `serve` prints once listening (banner.ts). */
  banner: BannerInfo;
  close(): Promise<void>;
}

/**
 * The demo app `npm start` creates on an empty store, so a newcomer can try the widgets on
 * http://localhost right away. On the embedded store (a node on someone's own machine) its API key
 * and secret are new at every start, so the banner can always show working ones (only hashes are
 * stored); on PostgreSQL they are shown once, when it is created.
 */
async function ensureDemoApp(db: Db, port: number, local: boolean): Promise<BannerInfo['demo']> {
  const existing = (await listApps(db)).find((app) => app.name === DEMO_APP_NAME);
  const shown = existing && { publicId: existing.publicId, origins: existing.origins };
  if (shown) return local ? { ...shown, ...(await rotateApiKeys(db, existing.id)) } : shown;
  if ((await listApps(db)).length > 0) return undefined;
  const created = await createApp(db, DEMO_APP_NAME, [`http://localhost:${port}`, `http://127.0.0.1:${port}`]);
  return { publicId: created.app.publicId, origins: created.app.origins, apiKey: created.apiKey, secret: created.secret };
}

/** Opens the store, bus and models, builds the app and listens. Used by `npm start` / `openfaceio serve`. */
export async function startNode(config: NodeConfig): Promise<RunningNode> {
  const unlock = config.databaseUrl ? () => undefined : lockDataDir(config.dataDir, 'openfaceio serve');
  const db = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const bus = await openBus({ redisUrl: config.redisUrl, clock: systemClock });
  const engine = createNodeEngine();
  // Scan-session frames run in worker threads (DESIGN.md §4); the engine above serves single admin images.
  const frames = await createFramePool({ size: config.inferenceWorkers, deadlineMs: config.verdictDeadlineMs });
  const pushSender = await createPushSender(db, config.vapidSubject ? { subject: config.vapidSubject } : {});
  const { deps, close: detach } = await createNodeDeps({
    db,
    bus,
    engine,
    frames,
    clock: systemClock,
    config,
    version,
    pushSender,
    ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
  });
  const app = await buildApp(deps);
  const dispatcher = new WebhookDispatcher({
    db,
    clock: systemClock,
    allowedNetworks: config.webhookAllowedNetworks,
    onDeliveryError: (detail) => app.log.warn(detail, 'webhook delivery failed'),
    secretFor: async (appId) => (await findAppById(db, appId))?.webhookSecret ?? null,
  });
  dispatcher.start(1000);
  // Retention: hourly, every node (deletions are idempotent; the first node to run one wins).
  const sweep = () =>
    void Promise.all([sweepRetention(deps), sweepSignOn(deps)]).catch((error: unknown) =>
      app.log.error({ err: String(error) }, 'retention sweep failed'),
    );
  const retentionTimer = setInterval(sweep, 3_600_000);
  retentionTimer.unref();
  sweep();
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const demo = await ensureDemoApp(db, port, !config.databaseUrl);
  if (demo) app.log.info({ publicId: demo.publicId }, 'demo application ready');
  const url = `http://localhost:${port}`;
  const banner: BannerInfo = { version, url, store: db.kind, bus: bus.kind, operator: config.operatorKey !== undefined, ...(demo ? { demo } : {}) };
  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      clearInterval(retentionTimer);
      await app.close(); // stops accepting, closes sockets: unfinished sessions write nothing
      await dispatcher.stop();
      await detach();
      await frames.close();
      await engine.dispose();
      await bus.close();
      await db.close();
      unlock();
    })());
  return { app, url, banner, close };
}

/** Graceful shutdown on SIGINT / SIGTERM: finish in-flight requests, then close the store. */
export function closeOnSignals(node: RunningNode): void {
  const stop = (signal: string) => {
    node.app.log.info({ signal }, 'shutting down');
    node.close().then(
      () => process.exit(0),
      (error: unknown) => {
        node.app.log.error({ err: String(error) }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}
