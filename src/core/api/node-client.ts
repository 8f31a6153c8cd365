// The browser's client for one processing node (DESIGN.md §3): POST /v1/sessions, then the stream.
// Isomorphic and side-effect free: fetch and WebSocket are read when used, never at import time.
import type { CreateSessionRequest, CreateSessionResponse } from '../../protocol/index.js';
import { NodeError, nodeError } from './node-error.js';
import { ScanStream, type WebSocketConstructor } from './scan-stream.js';
import { isStreamPath, readCreateSessionResponse, readWireError } from './wire.js';

export interface NodeClientOptions {
  /** Base URL of the processing node, e.g. `https://faceio.example.com` (a path prefix is kept; relative to the page in a browser). */
  node: string | URL;
  /** Defaults to `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** Defaults to `globalThis.WebSocket` (Node 20 has none: pass the `ws` package's). */
  WebSocket?: WebSocketConstructor;
}

/** What `openStream()` needs from a started session. */
export type StreamTicket = Pick<CreateSessionResponse, 'sessionToken' | 'streamPath'>;

export interface NodeClient {
  /** The node's base URL, normalized (no trailing slash). */
  readonly node: string;
  /**
   * Starts a session: the one-time token, the settings to honour. Throws a `NodeError`: the node's
   * own error when it refuses (UNAUTHORIZED, FORBIDDDEN_ORIGIN, TOO_MANY_REQUESTS …), NETWORK_IO
   * when it cannot be reached, PROCESSING_ERR when its answer is not what the protocol says,
   * ABORTED_BY_USER when `signal` aborts.
   */
  startSession(request: CreateSessionRequest, options?: { signal?: AbortSignal }): Promise<CreateSessionResponse>;
  /** Opens the session's stream (`wss://` for an `https://` node). Never throws for network trouble: see `ScanStream.verdict`. */
  openStream(session: StreamTicket): ScanStream;
}

const abortedBy = (signal: AbortSignal | undefined, error: unknown): boolean =>
  signal?.aborted === true || (error as { name?: unknown } | null)?.name === 'AbortError';

export function createNodeClient(options: NodeClientOptions): NodeClient {
  const page = (globalThis as { location?: { href: string } }).location?.href;
  const base = new URL(options.node, page);
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new TypeError(`the node must be an http(s) URL, not ${base.protocol}`);
  const root = base.origin + base.pathname.replace(/\/+$/, '');
  // Read at call time (and called unbound: a stored window.fetch throws "Illegal invocation").
  const doFetch: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function startSession(request: CreateSessionRequest, { signal }: { signal?: AbortSignal } = {}): Promise<CreateSessionResponse> {
    const url = `${root}/v1/sessions`;
    let response: Response;
    let text: string;
    try {
      response = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request),
        credentials: 'omit',
        ...(signal ? { signal } : {}),
      });
      text = await response.text();
    } catch (error) {
      if (abortedBy(signal, error)) throw nodeError('ABORTED_BY_USER', 'starting the session was aborted', { cause: error });
      throw nodeError('NETWORK_IO', `the processing node at ${root} could not be reached`, { cause: error });
    }
    const status = response.status;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      throw nodeError('PROCESSING_ERR', `the processing node answered HTTP ${status} with something that is not JSON`, { status, cause: error });
    }
    if (!response.ok) {
      const wire = readWireError((body as { error?: unknown } | null)?.error);
      if (wire) throw new NodeError(wire, { status });
      if (status === 429) throw nodeError('TOO_MANY_REQUESTS', 'the processing node is rate limiting: try again later', { status });
      throw nodeError('PROCESSING_ERR', `the processing node answered HTTP ${status} without an error body`, { status });
    }
    const session = readCreateSessionResponse(body);
    if (!session) throw nodeError('PROCESSING_ERR', `the processing node answered HTTP ${status} with an unexpected session body`, { status });
    return session;
  }

  function openStream(session: StreamTicket): ScanStream {
    if (!isStreamPath(session.streamPath)) throw new TypeError(`streamPath must be a path on the node, not ${JSON.stringify(session.streamPath)}`);
    const Socket = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (!Socket) throw new TypeError('no WebSocket implementation here: pass one as createNodeClient({ WebSocket })');
    const url = new URL(root + session.streamPath);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('token', session.sessionToken);
    return new ScanStream(() => new Socket(url.href));
  }

  return { node: root, startSession, openStream };
}
