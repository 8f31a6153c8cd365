import type { SdkFiles } from './sdk-files.js';
import type { Bus, Clock } from './bus/bus.js';
import type { NodeConfig } from './config.js';
import type { EnqueueWebhook, IndexPort, SessionLimits } from './sessions/ports.js';
import type { Db } from './store/db.js';
import type { PushSender } from './sign-on/contract.js';
import type { VisionEngine } from 'openfaceio/vision';
import type { FrameAnalyzer } from './sessions/frame-analyzer.js';

/** Everything buildApp() needs, created by main.ts (or by a test with in-memory parts). */
export interface NodeDeps {
  db: Db;
  bus: Bus;
  /** Single images (admin API): analysed on the event loop. */
  engine: VisionEngine;
  /** Scan-session frames: the inference pool (vision/pool/frame-pool.ts) or, in tests, the engine inline. */
  frames: FrameAnalyzer;
  index: IndexPort;
  clock: Clock;
  webhooks: EnqueueWebhook;
  limits: SessionLimits;
  config: Pick<
    NodeConfig,
    | 'countryHeader'
    | 'trustProxy'
    | 'sessionsPerIpPerMinute'
    | 'sessionsPerAppPerMinute'
    | 'adminPerKeyPerMinute'
    | 'logLevel'
    | 'insecureFixedChallenge'
  > &
    Partial<Pick<NodeConfig, 'logFormat' | 'operatorKey'>>;
  /** What /sdk/ serves: the library's bundle and the runtime files it fetches (sdk-files.ts). */
  sdk: SdkFiles;
  version: string;
  /** Sends the sign-on Web Push messages; absent: this node has no Web Push (phones then get the QR-code hand-off only). */
  pushSender?: PushSender;
  /** The URL phones reach this node at (push links, proof `iss`); default: each request's scheme and host. */
  publicUrl?: string;
}
