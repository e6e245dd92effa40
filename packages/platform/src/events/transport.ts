/**
 * The stream operations the relay and the consumers need: Redis Streams in production (`redisTransport`), an
 * in-memory copy of the same semantics for the embedded mode (`inProcessTransport`). Ids are Redis stream ids
 * (`<ms>-<n>`), increasing in publish order within a stream.
 */
export interface StreamEntry {
  stream: string;
  id: string;
  /** The encoded envelope. */
  payload: string;
  /** The id of the previous entry of the same aggregate in this stream, or null. */
  previous: string | null;
}

export interface AppendEntry {
  /** Entries of one aggregate are linked: each gets the id of the aggregate's entry before it. */
  aggregateKey: string;
  /** The aggregate's last entry published before this batch (from the outbox), or null. */
  previous: string | null;
  payload: string;
}

export interface DeadLetterEntry {
  id: string;
  /** Stream and id the event was read from. */
  stream: string;
  streamId: string;
  payload: string;
  error: string;
  attempts: number;
  failedAt: string;
}

export interface EventTransport {
  /** What the logs and the README call it. */
  readonly kind: 'redis' | 'in-process';
  /**
   * Appends the entries in order, linking each to its aggregate's previous entry, and trims the stream to about
   * `maxLength` entries. Returns the new ids in the same order. Throws when the stream store is unreachable, and
   * `StreamLostError` without appending when the stream has not reached `expectedLast` (the last id the outbox
   * recorded as published): the store lost entries (a restart without persistence, a failover).
   */
  append(stream: string, entries: AppendEntry[], maxLength: number, expectedLast: string | null): Promise<string[]>;
  /** Creates the consumer group if missing, reading from the oldest retained entry (`0`) or only new ones (`$`). */
  ensureGroup(stream: string, group: string, startFrom: 'beginning' | 'latest'): Promise<void>;
  /** Removes a consumer group and what it held (a reader that only lives as long as its process, e.g. a gateway's). */
  dropGroup(stream: string, group: string): Promise<void>;
  /** New entries for this consumer (waits up to `blockMs` when there are none). */
  read(group: string, consumer: string, streams: string[], count: number, blockMs: number): Promise<StreamEntry[]>;
  /** Acknowledges one or more entries (one round trip). */
  ack(stream: string, group: string, ...ids: string[]): Promise<void>;
  /** True while the entry is delivered to some consumer of the group and not acknowledged. */
  isPending(stream: string, group: string, id: string): Promise<boolean>;
  /** Takes over entries another consumer has held longer than `minIdleMs` (XAUTOCLAIM). */
  claimIdle(stream: string, group: string, consumer: string, minIdleMs: number, count: number): Promise<StreamEntry[]>;
  /** Resets the idle time of entries this consumer is still working on, so nobody reclaims them. */
  touch(stream: string, group: string, consumer: string, ids: string[]): Promise<void>;
  /** Moves an entry to the dead-letter stream and acknowledges it, in one step; returns the dead letter's id. */
  deadLetter(entry: StreamEntry, group: string, deadStream: string, error: string, attempts: number): Promise<string>;
  listDeadLetters(deadStream: string, after: string | null, count: number): Promise<DeadLetterEntry[]>;
  getDeadLetter(deadStream: string, id: string): Promise<DeadLetterEntry | null>;
  /** Removes one dead letter; false when it was not there. */
  removeDeadLetter(deadStream: string, id: string): Promise<boolean>;
  /** Ends this consumer's blocked read and frees what it held (its reader connection); used when it stops. */
  release(consumer: string): Promise<void>;
}

/** Stream ids compare as (milliseconds, sequence). */
export function compareStreamIds(a: string, b: string): number {
  const [am, as] = a.split('-').map(BigInt);
  const [bm, bs] = b.split('-').map(BigInt);
  if (am !== bm) return am < bm ? -1 : 1;
  return as === bs ? 0 : as < bs ? -1 : 1;
}

/** The stream ends before an entry the publisher knows it appended: everything after `lastId` was lost. */
export class StreamLostError extends Error {
  override name = 'StreamLostError';
  constructor(readonly stream: string, readonly lastId: string) {
    super(`${stream} ends at ${lastId}, before entries already published: the stream store lost them`);
  }
}
