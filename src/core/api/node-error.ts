import type { FioErrorCode, FioErrorName, WireError } from '../../protocol/index.js';
import { wireError } from '../../protocol/index.js';

/**
 * A session could not be started: the node refused (its WireError, with the HTTP status), the node
 * could not be reached (NETWORK_IO), or its answer could not be read (PROCESSING_ERR).
 */
export class NodeError extends Error {
  override readonly name = 'NodeError';
  /** fio.js numeric code (`FIO_ERROR_CODES`). */
  readonly code: FioErrorCode;
  /** fio.js error name, e.g. `UNAUTHORIZED` (Error's own `name` stays `NodeError`). */
  readonly fioName: FioErrorName;
  /** Whether the same user can simply try again. */
  readonly retryable: boolean;
  /** HTTP status when the node (or something in front of it) answered; undefined when nothing did. */
  readonly status: number | undefined;

  constructor(
    /** The error as the node sent it, or as this client made it up for network and parse failures. */
    readonly wire: WireError,
    options: { status?: number; cause?: unknown } = {},
  ) {
    super(wire.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = wire.code;
    this.fioName = wire.name;
    this.retryable = wire.retryable;
    this.status = options.status;
  }
}

export const nodeError = (name: FioErrorName, message: string, options: { status?: number; cause?: unknown } = {}): NodeError =>
  new NodeError(wireError(name, message), options);
