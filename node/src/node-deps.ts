import { randomUUID } from 'node:crypto';
import type { Bus, Clock } from './bus/bus.js';
import type { NodeConfig } from './config.js';
import { defaultSdkFiles, type SdkFiles } from './sdk-files.js';
import type { NodeDeps } from './deps.js';
import { IndexRegistry, publishAdd, publishRemove } from './index/index-registry.js';
import type { EnqueueWebhook, IndexPort, SessionLimits } from './sessions/ports.js';
import type { PushSender } from './sign-on/contract.js';
import { DEFAULT_LIMITS } from './sessions/ports.js';
import { findAppById, listApps } from './store/apps.js';
import type { Db } from './store/db.js';
import { templatesOf } from './store/facial-ids.js';
import { canonicalFacialId, requireFacialId } from './security/facial-id.js';
import { enqueueWebhook, webhookUrlFor } from './webhooks/queue.js';
import type { VisionEngine } from 'openfaceio/vision';
import type { FrameAnalyzer } from './sessions/frame-analyzer.js';
import { inlineFrameAnalyzer } from './sessions/frame-analyzer.js';

/** The in-memory index of every app, loaded from the store and kept in sync with other nodes through the bus. */
export async function openIndex(
  db: Db,
  bus: Bus,
  nodeId: string,
): Promise<{ registry: IndexRegistry; port: IndexPort; detach: () => Promise<void> }> {
  // One spelling of a facial ID in the index, whichever node or route a change comes from (finding 1).
  const registry = new IndexRegistry({ canonicalId: canonicalFacialId });
  // Subscribe before loading, so an enrollment made on another node meanwhile is not missed.
  const detach = await registry.attach(bus, nodeId);
  for (const app of await listApps(db)) await registry.load(app.id, templatesOf(db, app.id));
  const port: IndexPort = {
    search: (appId, probe, k) => registry.forApp(appId).search(probe, k),
    searchOne: (appId, probe, target) => {
      const index = registry.forApp(appId);
      const facialId = canonicalFacialId(target);
      return facialId !== null && index.has(facialId) ? index.searchOne(probe, facialId) : null;
    },
    // applyLocal, as other nodes apply the bus event: it replaces the identity's templates and is safe during a load.
    add: async (appId, id, templates) => {
      const facialId = requireFacialId(id);
      registry.applyLocal({ type: 'add', appId, facialId, vectors: templates });
      await publishAdd(bus, nodeId, appId, facialId, templates);
    },
    remove: async (appId, id) => {
      const facialId = requireFacialId(id);
      registry.applyLocal({ type: 'remove', appId, facialId });
      await publishRemove(bus, nodeId, appId, facialId);
    },
  };
  return { registry, port, detach };
}

/** Queues a webhook when the app has one configured for the event (inside the caller's transaction). */
export const enqueueAppWebhook: EnqueueWebhook = async (tx, appId, event, data) => {
  const app = await findAppById(tx, appId);
  const url = app ? webhookUrlFor(app.settings, event) : null;
  if (url) await enqueueWebhook(tx, { appId, url, event, data });
};

export interface NodeParts {
  db: Db;
  bus: Bus;
  engine: VisionEngine;
  /** Where scan-session frames are analysed; default: `engine`, inline on the event loop. */
  frames?: FrameAnalyzer;
  clock: Clock;
  config: NodeDeps['config'];
  limits?: Partial<SessionLimits>;
  /** What /sdk/ serves; each part defaults to the installed library, runtimes and models (sdk-files.ts). */
  sdk?: Partial<SdkFiles>;
  version: string;
  nodeId?: string;
  /** The node-wide Web Push sender (node/src/sign-on/web-push*.ts), when Web Push is configured. */
  pushSender?: PushSender;
  publicUrl?: string;
}

/** Builds buildApp()'s dependencies from opened parts; `close()` detaches from the bus. */
export async function createNodeDeps(parts: NodeParts): Promise<{ deps: NodeDeps; close: () => Promise<void> }> {
  const index = await openIndex(parts.db, parts.bus, parts.nodeId ?? randomUUID());
  const deps: NodeDeps = {
    db: parts.db,
    bus: parts.bus,
    engine: parts.engine,
    frames: parts.frames ?? inlineFrameAnalyzer(parts.engine),
    clock: parts.clock,
    index: index.port,
    webhooks: enqueueAppWebhook,
    limits: { ...DEFAULT_LIMITS, ...parts.limits },
    config: parts.config,
    sdk: { ...defaultSdkFiles(), ...parts.sdk },
    version: parts.version,
    pushSender: parts.pushSender,
    publicUrl: parts.publicUrl,
  };
  return { deps, close: index.detach };
}

export type { NodeConfig };
