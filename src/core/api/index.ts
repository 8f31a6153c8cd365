// The typed client for the processing node's HTTP + WebSocket protocol; side-effect free.
export { createNodeClient, type NodeClient, type NodeClientOptions, type StreamTicket } from './node-client.js';
export { NodeError } from './node-error.js';
export {
  ScanStream,
  type FrameAnswer,
  type FrameData,
  type PinRejectedMessage,
  type PinRequiredMessage,
  type ProgressMessage,
  type ReadyMessage,
  type ScanStreamEvents,
  type ScanStreamPhase,
  type StreamClosed,
  type Verdict,
  type WebSocketConstructor,
  type WebSocketLike,
} from './scan-stream.js';
