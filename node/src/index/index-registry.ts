import { EMBEDDING_SIZE } from 'openfaceio/vision';
import type { Bus } from '../bus/bus.js';
import { FacialIndex, type FacialIndexOptions } from './facial-index.js';

/** The bus channel every node's registry listens on. */
export const INDEX_CHANNEL = 'index-events';

/**
 * A change to one application's index. `add` sets the facial ID's templates to exactly `vectors`
 * (replacing any it had), so applying it twice, or to an index that already loaded the same rows
 * from the store, changes nothing.
 */
export type IndexChange =
  { type: 'add'; appId: string; facialId: string; vectors: Float32Array[] } | { type: 'remove'; appId: string; facialId: string };

/**
 * The wire form on INDEX_CHANNEL (JSON): `vectors` is base64 of the templates' float32 bytes,
 * little-endian, 2,048 bytes each, concatenated; `origin` is the publishing node's ID.
 */
export type IndexEventMessage =
  | { type: 'add'; appId: string; facialId: string; vectors: string; origin: string }
  | { type: 'remove'; appId: string; facialId: string; origin: string };

/** A stored template, as the store streams them at start. */
export interface IndexRow {
  facialId: string;
  vector: Float32Array;
}

export interface IndexRegistryOptions {
  /** Passed to every application's FacialIndex. */
  index?: FacialIndexOptions;
  /** A message on INDEX_CHANNEL that could not be parsed or applied (default: a process warning). */
  onEventError?: (error: unknown, message: string) => void;
  /**
   * The one spelling of a facial ID (the node passes security/facial-id.ts): every change, local or
   * from the bus, is applied under it, and one it refuses (null) is not applied. Default: as given.
   */
  canonicalId?: (facialId: string) => string | null;
}

const VECTOR_BYTES = EMBEDDING_SIZE * 4;
// The wire format is little-endian float32; Float32Array uses the platform's order.
const littleEndian = new Uint8Array(Float32Array.of(1).buffer)[3] === 0x3f;

/** Serialises a change for INDEX_CHANNEL. */
export function encodeIndexEvent(change: IndexChange, origin: string): string {
  const { type, appId, facialId } = change;
  if (type === 'remove') return JSON.stringify({ type, appId, facialId, origin } satisfies IndexEventMessage);
  if (!littleEndian) throw new Error('index events need a little-endian platform');
  const bytes = Buffer.alloc(change.vectors.length * VECTOR_BYTES);
  change.vectors.forEach((v, i) => {
    if (v.length !== EMBEDDING_SIZE) throw new RangeError(`vectors must have ${EMBEDDING_SIZE} values`);
    bytes.set(new Uint8Array(v.buffer, v.byteOffset, VECTOR_BYTES), i * VECTOR_BYTES);
  });
  return JSON.stringify({ type, appId, facialId, vectors: bytes.toString('base64'), origin } satisfies IndexEventMessage);
}

/** Parses and checks a message from INDEX_CHANNEL; throws on anything malformed. */
export function decodeIndexEvent(message: string): { change: IndexChange; origin: string } {
  const m = JSON.parse(message) as { type?: unknown; appId?: unknown; facialId?: unknown; vectors?: unknown; origin?: unknown } | null;
  const { type, appId, facialId, vectors: base64, origin } = m ?? {};
  if ((type !== 'add' && type !== 'remove') || !isId(appId) || !isId(facialId) || typeof origin !== 'string') {
    throw new TypeError('not an index event');
  }
  if (type === 'remove') return { change: { type, appId, facialId }, origin };
  if (typeof base64 !== 'string') throw new TypeError('an add event needs base64 vectors');
  if (!littleEndian) throw new Error('index events need a little-endian platform');
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0 || bytes.length % VECTOR_BYTES !== 0) throw new RangeError(`vectors must be a multiple of ${VECTOR_BYTES} bytes`);
  const all = new Float32Array(bytes.length / 4); // a copy: Buffer's bytes need not be 4-byte aligned
  new Uint8Array(all.buffer).set(bytes);
  const vectors = Array.from({ length: bytes.length / VECTOR_BYTES }, (_, i) => all.subarray(i * EMBEDDING_SIZE, (i + 1) * EMBEDDING_SIZE));
  return { change: { type, appId, facialId, vectors }, origin };
}

const isId = (x: unknown): x is string => typeof x === 'string' && x.length > 0;

/** Tells the other nodes that `facialId` now has these templates (apply it locally with applyLocal). */
export function publishAdd(bus: Pick<Bus, 'publish'>, origin: string, appId: string, facialId: string, vectors: Float32Array[]): Promise<void> {
  return bus.publish(INDEX_CHANNEL, encodeIndexEvent({ type: 'add', appId, facialId, vectors }, origin));
}

/** Tells the other nodes that `facialId` is gone (apply it locally with applyLocal). */
export function publishRemove(bus: Pick<Bus, 'publish'>, origin: string, appId: string, facialId: string): Promise<void> {
  return bus.publish(INDEX_CHANNEL, encodeIndexEvent({ type: 'remove', appId, facialId }, origin));
}

/**
 * One FacialIndex per application, on this node. Filled from the store at start (`load`) and kept
 * in step with the other nodes through the bus: a node that changes an index applies the change
 * itself (`applyLocal`) and publishes it; every node applies what others publish and skips its own
 * echo. Always reach an index through `forApp` (a load replaces the application's index).
 */
export class IndexRegistry {
  readonly #indexes = new Map<string, FacialIndex>();
  /** Changes that arrived while an application was loading, replayed onto the loaded index. */
  readonly #loading = new Map<string, IndexChange[]>();
  readonly #options: IndexRegistryOptions;
  #nodeId: string | undefined;

  constructor(options: IndexRegistryOptions = {}) {
    this.#options = options;
  }

  /** The application's index (created empty on first use). */
  forApp(appId: string): FacialIndex {
    let index = this.#indexes.get(appId);
    if (!index) this.#indexes.set(appId, (index = new FacialIndex(this.#options.index)));
    return index;
  }

  /** Applications with an index on this node. */
  apps(): string[] {
    return [...this.#indexes.keys()];
  }

  /** Forgets an application's index (the application was deleted). */
  drop(appId: string): boolean {
    return this.#indexes.delete(appId);
  }

  /**
   * Builds the application's index from its stored templates and swaps it in when complete; until
   * then searches use the previous index. Changes arriving meanwhile go to both, so none is lost
   * whether or not the store's rows already held it. `expectedRows` (the store's count) allocates
   * the matrix once instead of growing it. Resolves to the number of templates.
   */
  async load(appId: string, rows: AsyncIterable<IndexRow>, expectedRows = 0): Promise<number> {
    if (this.#loading.has(appId)) throw new Error(`the index of ${appId} is already loading`);
    const pending: IndexChange[] = [];
    this.#loading.set(appId, pending);
    try {
      const index = new FacialIndex(this.#options.index);
      if (expectedRows > 0) index.reserve(expectedRows);
      for await (const { facialId, vector } of rows) index.add(facialId, [vector]);
      for (const change of pending) applyTo(index, change);
      this.#indexes.set(appId, index);
      return index.size;
    } finally {
      this.#loading.delete(appId);
    }
  }

  /** Applies a change made on this node (or received from another). */
  applyLocal(change: IndexChange): void {
    const facialId = this.#options.canonicalId ? this.#options.canonicalId(change.facialId) : change.facialId;
    if (facialId === null) throw new TypeError('an index change for something that is not a facial ID');
    const canonical = facialId === change.facialId ? change : { ...change, facialId };
    applyTo(this.forApp(canonical.appId), canonical);
    this.#loading.get(canonical.appId)?.push(canonical);
  }

  /** Applies every change other nodes publish on INDEX_CHANNEL; resolves to an unsubscribe function. */
  attach(bus: Pick<Bus, 'subscribe'>, nodeId: string): Promise<() => Promise<void>> {
    this.#nodeId = nodeId;
    return bus.subscribe(INDEX_CHANNEL, (message) => this.#receive(message));
  }

  #receive(message: string): void {
    try {
      const { change, origin } = decodeIndexEvent(message);
      if (origin !== this.#nodeId) this.applyLocal(change); // our own echo: applied when it was made
    } catch (error) {
      const report = this.#options.onEventError ?? ((e: unknown) => process.emitWarning(`ignored an index event: ${String(e)}`, 'IndexEventWarning'));
      report(error, message);
    }
  }
}

function applyTo(index: FacialIndex, change: IndexChange): void {
  if (change.type === 'add') index.set(change.facialId, change.vectors);
  else index.remove(change.facialId);
}
