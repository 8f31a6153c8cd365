// The node's log. Default (`LOG_FORMAT=human`): quiet, readable lines — one per session verdict,
// one per error, a few lifecycle events — with each request at debug. `LOG_FORMAT=json`: the same
// records as pino's JSON lines, for production pipelines. Never a query string, header or body.
import { LogController, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import type { NodeConfig } from './config.js';
import { logSafeError } from './security/log-safe.js';

type Record_ = { [key: string]: unknown; level?: number; time?: number; msg?: string };

const LEVEL_NAMES: Readonly<Record<number, string>> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
/** Fields every line has or that say nothing to a person. */
const SKIP = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'reqId', 'v']);

const seconds = (ms: unknown) => (typeof ms === 'number' ? (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`) : '');
const value = (v: unknown): string => (typeof v === 'string' ? (/\s/.test(v) ? JSON.stringify(v) : v) : JSON.stringify(v));

/** One pino record as a line a person reads: `12:04:31 verdict authenticate success 1.25 s  app=ofio_…`. */
export function humanLine(record: Record_, colour = false): string {
  const time = new Date(record.time ?? Date.now()).toTimeString().slice(0, 8);
  const level = LEVEL_NAMES[record.level ?? 30] ?? 'info';
  const tag = level === 'info' || level === 'debug' ? '' : `${level.toUpperCase()} `;
  const fields = Object.entries(record).filter(([k, v]) => !SKIP.has(k) && v !== undefined && v !== null);
  let head = record.msg ?? '';
  let rest = fields;
  if (record.msg === 'verdict') {
    // Sessions: `verdict enroll success 1.31 s`, `verdict authenticate PAD_ATTACK 0.92 s — presentation attack detected (still-image)`.
    head = ['verdict', record.op, record.outcome, seconds(record.ms)].filter(Boolean).join(' ');
    rest = fields.filter(([k]) => !['op', 'outcome', 'ms', 'reason'].includes(k));
    if (record.reason) rest.push(['reason', record.reason]);
  } else if (record.msg === 'request') {
    head = `${record.method} ${record.url} ${record.status} ${seconds(record.ms)}`;
    rest = [];
  }
  const tail = rest.map(([k, v]) => `${k}=${value(k === 'err' && typeof v === 'object' ? (v as { message?: string }).message : v)}`).join(' ');
  const line = `${time} ${tag}${head}${tail ? `  ${tail}` : ''}`;
  if (!colour) return line;
  const paint = level === 'error' || level === 'fatal' ? '\x1b[31m' : level === 'warn' ? '\x1b[33m' : '';
  return `\x1b[2m${time}\x1b[0m ${paint}${tag}${head}${paint ? '\x1b[0m' : ''}${tail ? `  \x1b[2m${tail}\x1b[0m` : ''}`;
}

/** A pino destination that writes human lines to `out`. */
export function humanStream(out: NodeJS.WritableStream & { isTTY?: boolean } = process.stdout) {
  const colour = out.isTTY === true && !process.env.NO_COLOR;
  return {
    write(chunk: string): void {
      for (const raw of chunk.split('\n')) {
        if (!raw) continue;
        let record: Record_;
        try {
          record = JSON.parse(raw) as Record_;
        } catch {
          out.write(`${raw}\n`);
          continue;
        }
        out.write(`${humanLine(record, colour)}\n`);
      }
    },
  };
}

/**
 * Requests are logged once, when answered, at debug (`LOG_LEVEL=debug` shows them); errors are the
 * error handler's lines. Fastify's default is two info lines per request, assets included.
 */
class QuietRequests extends LogController {
  override incomingRequest(): void {}
  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = { method: request.method, url: request.url.split('?')[0], status: reply.statusCode, ms: Math.round(reply.elapsedTime) };
    if (error) request.log.error({ ...line, err: String(error) }, 'request failed');
    else request.log.debug(line, 'request');
  }
}

/**
 * buildApp()'s logger options for a config. `stream`: where the JSON lines go instead (tests read
 * them); otherwise stdout, as human lines unless LOG_FORMAT=json.
 */
export function loggerOptions(
  config: Pick<NodeConfig, 'logLevel'> & Partial<Pick<NodeConfig, 'logFormat'>>,
  stream?: { write(line: string): void },
): Pick<FastifyServerOptions, 'logger' | 'logController'> {
  return {
    logger: {
      level: config.logLevel,
      serializers: {
        // Never log query strings (the stream's one-time token travels there), headers or bodies.
        req: (req: { method: string; url: string; ip?: string }) => ({ method: req.method, url: req.url.split('?')[0], ip: req.ip }),
        // Never a database error's query parameters or the values it quotes (security/log-safe.ts).
        // (Typed by Fastify as always having a stack: this one deliberately has none.)
        err: logSafeError as (error: unknown) => { type: string; message: string; stack: string },
      },
      ...(stream ? { stream } : config.logFormat === 'json' ? {} : { stream: humanStream() }),
    },
    logController: new QuietRequests(),
  };
}
