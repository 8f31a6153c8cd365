import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import WebSocket from 'ws';
import type { CreateSessionRequest, ServerMessage } from 'openfaceio/protocol';

/** A photo as the widget would send it: longest side ≤ 640 px, JPEG. */
export async function frameOf(path: string, maxSide = 640): Promise<Uint8Array> {
  return sharp(readFileSync(path)).rotate().resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 85 }).toBuffer();
}

export type Verdict = Extract<ServerMessage, { type: 'verdict' }>;

export interface SessionRun {
  /** HTTP status, body and headers of POST /v1/sessions. */
  created: { status: number; body: Record<string, unknown>; headers?: Record<string, string> };
  messages: ServerMessage[];
  verdict?: Verdict;
  /** WebSocket close code. */
  closeCode?: number;
}

export interface RunOptions {
  origin?: string;
  /** PINs to answer with, in order, each time the node asks (pin-required / pin-rejected). */
  pins?: (string | { pin: string; confirm?: string })[];
  /** Sent before the first frame. */
  hello?: Record<string, unknown>;
  /** Reuse this token instead of creating a session (replay tests). */
  token?: string;
  /** Frames sent before waiting for the node's answers (default 1: one frame per answer). */
  pipeline?: number;
  /** Send the frames again, in order, until the node decides (a challenge session waits for its windows). */
  repeat?: boolean;
}

/** Starts a session over HTTP, then drives the real WebSocket protocol: one frame per node reply (or `pipeline` ahead), PINs on request. */
export async function runSession(
  baseUrl: string,
  request: CreateSessionRequest,
  frames: readonly Uint8Array[],
  options: RunOptions = {},
): Promise<SessionRun> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(options.origin ? { origin: options.origin } : {}) };
  let token = options.token;
  let created: SessionRun['created'] = { status: 0, body: {} };
  if (!token) {
    const response = await fetch(`${baseUrl}/v1/sessions`, { method: 'POST', headers, body: JSON.stringify(request) });
    created = { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: Object.fromEntries(response.headers) };
    if (response.status !== 201) return { created, messages: [] };
    token = String(created.body.sessionToken);
  }
  const ws = new WebSocket(
    `${baseUrl.replace(/^http/, 'ws')}/v1/sessions/stream?token=${encodeURIComponent(token)}`,
    options.origin ? { origin: options.origin } : {},
  );
  const messages: ServerMessage[] = [];
  const pins = [...(options.pins ?? [])];
  const queue = [...frames];
  let inFlight = 0;
  let sent = 0;
  const sendPin = () => {
    const next = pins.shift();
    if (next === undefined) return ws.close();
    const body = typeof next === 'string' ? { pin: next, confirm: next } : next;
    ws.send(JSON.stringify({ type: 'pin', ...body }));
  };
  const sendFrame = () => {
    const frame = options.repeat ? frames[sent % frames.length] : queue.shift();
    if (!frame) return;
    sent++;
    inFlight++;
    ws.send(frame);
  };
  return new Promise((resolve, reject) => {
    const run: SessionRun = { created, messages };
    ws.on('open', () => {
      ws.send(JSON.stringify({ type: 'hello', signals: options.hello ?? {} }));
      for (let i = 0; i < (options.pipeline ?? 1); i++) sendFrame();
    });
    ws.on('message', (data: Buffer) => {
      const msg = JSON.parse(data.toString('utf8')) as ServerMessage;
      messages.push(msg);
      if (msg.type === 'verdict') run.verdict = msg;
      else if (msg.type === 'pin-required' || msg.type === 'pin-rejected') sendPin();
      // The node answered a frame; with none left to send and none unanswered, it still wants more: we have none.
      else if (msg.type === 'progress') {
        inFlight--;
        if (queue.length || options.repeat) sendFrame();
        else if (inFlight <= 0) ws.close();
      }
    });
    ws.on('close', (code) => resolve({ ...run, closeCode: code }));
    ws.on('error', reject);
  });
}
