import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import type { Bus, Clock } from '../../src/bus/bus.js';
import type { NodeDeps } from '../../src/deps.js';
import { createNodeDeps } from '../../src/node-deps.js';
import type { SessionLimits } from '../../src/sessions/ports.js';
import type { AppSettings } from '../../src/settings.js';
import type { CreatedApp } from '../../src/store/apps.js';
import { createApp, updateSettings } from '../../src/store/apps.js';
import type { Db } from '../../src/store/db.js';
import type { VisionEngine } from 'openfaceio/vision';
import type { FrameAnalyzer } from '../../src/sessions/frame-analyzer.js';
import { testEngine } from './engine.js';

export interface TestNodeServer {
  app: FastifyInstance;
  deps: NodeDeps;
  /** http://127.0.0.1:port */
  url: string;
  /** Creates an application with settings, returning its keys. */
  createApp(settings?: Partial<AppSettings>, origins?: string[]): Promise<CreatedApp>;
  close(): Promise<void>;
}

export const TEST_CONFIG: NodeDeps['config'] = {
  countryHeader: 'x-test-country',
  trustProxy: false,
  sessionsPerIpPerMinute: 1000,
  sessionsPerAppPerMinute: 1000,
  adminPerKeyPerMinute: 1000,
  logLevel: 'silent',
};

/** A real node (real models, real store and bus from `env`) listening on a free loopback port. */
export async function startTestNode(
  env: { db: Db; bus: Bus },
  options: {
    limits?: Partial<SessionLimits>;
    config?: Partial<NodeDeps['config']>;
    clock?: Clock;
    listen?: boolean;
    engine?: VisionEngine;
    /** Where frames are analysed (default: the engine, inline). */
    frames?: FrameAnalyzer;
    sdkDir?: string;
  } = {},
): Promise<TestNodeServer> {
  const { deps, close: detach } = await createNodeDeps({
    db: env.db,
    bus: env.bus,
    engine: options.engine ?? testEngine(),
    ...(options.frames ? { frames: options.frames } : {}),
    clock: options.clock ?? { now: () => Date.now() },
    config: { ...TEST_CONFIG, ...options.config },
    limits: { noFaceFrames: 4, ...options.limits },
    sdk: { bundleDir: options.sdkDir ?? '/nonexistent-sdk' },
    version: 'test',
  });
  const app = await buildApp(deps, { logger: false });
  let url = '';
  if (options.listen !== false) {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }
  return {
    app,
    deps,
    url,
    createApp: async (settings = {}, origins = []) => {
      const created = await createApp(env.db, `test app ${Math.random().toString(36).slice(2, 8)}`, origins);
      if (Object.keys(settings).length) created.app = await updateSettings(env.db, created.app.id, settings);
      return created;
    },
    close: async () => {
      await app.close();
      await detach();
    },
  };
}
