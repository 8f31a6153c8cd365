// The stock @rails/actioncable consumer, running in Node for tests (the /cable server must work
// with it unchanged): its types (the package has none) and the fewest shims it needs outside a browser.
import { createRequire } from 'node:module';
import WebSocket from 'ws';

// The package has no types; this is the part of its API the tests use.
export interface CableCallbacks {
  connected(details: { reconnected: boolean }): void;
  disconnected(details: { willAttemptReconnect: boolean }): void;
  rejected(): void;
  received(message: unknown): void;
}
export interface CableSubscription {
  identifier: string;
  unsubscribe(): void;
}
export interface CableConsumer {
  subscriptions: { create(params: Record<string, string>, mixin: Partial<CableCallbacks>): CableSubscription };
  connection: { isOpen(): boolean; getProtocol(): string | undefined; monitor: { pingedAt?: number } };
  disconnect(): void;
}
interface ActionCableModule {
  createConsumer(url: string): CableConsumer;
  adapters: { WebSocket: unknown };
}
// Its "main" is a UMD build (CommonJS here); its ESM build is a .js file in a package without
// "type": "module", which Node would not load as ESM.
export const ActionCable = createRequire(import.meta.url)('@rails/actioncable') as ActionCableModule;
// Shims, the fewest the consumer needs outside a browser:
// - WebSocket: the consumer reads `adapters.WebSocket` (its documented hook, captured from the
//   global when the module loaded; Node 20 has no global WebSocket). `ws` has the same API
//   (`onmessage`, `protocol`, enumerable CONNECTING/OPEN/… statics that the consumer's getState() walks).
// - addEventListener/removeEventListener: ConnectionMonitor.start() listens for the page's
//   `visibilitychange` on the global object; Node's global is not an EventTarget and never changes visibility.
// `document` is not needed: only createConsumer() without a URL and relative (non-ws:) URLs use it.
ActionCable.adapters.WebSocket = WebSocket;
const g = globalThis as unknown as Record<string, unknown>;
g.addEventListener ??= () => {};
g.removeEventListener ??= () => {};
