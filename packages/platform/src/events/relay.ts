import { Client, Pool, type PoolClient } from 'pg';
import type { Logger } from '../logger';
import { aggregateKey, encodeEnvelope, eventStream, type EventEnvelope } from './envelope';
import { OUTBOX_CHANNEL } from './outbox';
import type { EventTransport } from './transport';

export interface RelayOptions {
  /** The publishing context: its outbox is in `databaseUrl`, its stream is `events:<context>`. */
  context: string;
  databaseUrl: string;
  transport: EventTransport;
  logger?: Logger;
  /** Rows per round trip to the stream (default 500). */
  batchSize?: number;
  /** The safety net under LISTEN/NOTIFY: look for waiting rows this often (default 1 s). */
  pollIntervalMs?: number;
  /**
   * Retention: the stream is trimmed to about this many entries (XADD MAXLEN ~, default 100,000; Redis trims
   * whole nodes, so a little more stays). At checkout rates that is hours to days of events; a consumer that is
   * down for longer than the stream holds loses the oldest entries, while the outbox keeps every row.
   */
  maxStreamLength?: number;
}

export interface Relay {
  /** Looks for waiting rows now (the trigger's NOTIFY and the poll call this). */
  wake(): void;
  /** Rows this replica has published since it started. */
  readonly published: number;
  stop(): Promise<void>;
}

interface OutboxRow {
  id: string;
  aggregate_type: string;
  aggregate_id: string;
  event_type: string;
  event_data: unknown;
  version: string;
  schema_version: number;
  occurred_at: Date;
  previous: string | null;
}

/**
 * Publishes a context's committed outbox rows to its stream, in outbox order, and marks them published.
 *
 * Safe as N replicas: each batch runs in a transaction that first takes a per-context advisory lock
 * (`pg_try_advisory_xact_lock`); a replica that does not get it leaves the batch to the one that did (every
 * replica hears the NOTIFY, so the holder runs again for rows committed during its batch). One publisher at a
 * time is what keeps an aggregate's events in order in the stream — with `FOR UPDATE SKIP LOCKED` on rows alone,
 * two replicas publish two batches at once and an aggregate's later event can reach the stream first — and a
 * stream is one Redis key, so a second concurrent publisher would not add throughput anyway.
 *
 * While the stream store is unreachable the batch rolls back and the rows wait (retried with backoff): nothing
 * is lost. If the stream took a batch but the commit that marks it failed, the batch is published again:
 * delivery is at least once, and receivers apply each event id once.
 */
export function startRelay(options: RelayOptions): Relay {
  const { context, transport, logger, batchSize = 500, pollIntervalMs = 1000, maxStreamLength = 100_000 } = options;
  const stream = eventStream(context);
  const pool = new Pool({ connectionString: options.databaseUrl, max: 1, idleTimeoutMillis: 30_000 });
  pool.on('error', (error) => logger?.warn({ err: error }, 'event relay: database connection lost'));
  let listener: Client | null = null;
  let stopped = false;
  let dirty = false;
  let running: Promise<void> | null = null;
  let failures = 0;
  let retryTimer: NodeJS.Timeout | null = null;
  let published = 0;

  const wake = () => {
    if (stopped) return;
    dirty = true;
    if (retryTimer) return; // backing off: the timer runs it
    running ??= run().finally(() => {
      running = null;
    });
  };

  async function run(): Promise<void> {
    while (dirty && !stopped) {
      dirty = false;
      try {
        const count = await publishBatch();
        failures = 0;
        if (count === batchSize) dirty = true;
      } catch (error) {
        failures += 1;
        const delay = Math.min(100 * 2 ** Math.min(failures, 10), 5000);
        logger?.warn({ err: error, context, retryInMs: delay }, 'event relay: publishing failed; the rows wait in the outbox');
        retryTimer ??= setTimeout(() => {
          retryTimer = null;
          wake();
        }, delay);
        return;
      }
    }
  }

  async function publishBatch(): Promise<number> {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const { rows: lock } = await client.query('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [`events.relay:${context}`]);
      if (!lock[0].locked) {
        await client.query('ROLLBACK');
        return 0;
      }
      const rows = await waitingRows(client);
      if (rows.length) {
        const ids = await transport.append(stream, rows.map(toAppendEntry), maxStreamLength);
        await client.query(
          `UPDATE domain_events d SET published_at = (now() AT TIME ZONE 'UTC'), processed = true, stream_id = v.stream_id
             FROM unnest($1::uuid[], $2::text[]) AS v(id, stream_id) WHERE d.id = v.id`,
          [rows.map((r) => r.id), ids],
        );
      }
      await client.query('COMMIT');
      published += rows.length;
      return rows.length;
    } catch (error) {
      broken = error as Error;
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async function waitingRows(client: PoolClient): Promise<OutboxRow[]> {
    const { rows } = await client.query<OutboxRow>(
      `SELECT d.id, d.aggregate_type, d.aggregate_id, d.event_type, d.event_data, d.version, d.schema_version,
              (d.occurred_at AT TIME ZONE 'UTC') AS occurred_at,
              (SELECT p.stream_id FROM domain_events p
                WHERE p.aggregate_type = d.aggregate_type AND p.aggregate_id = d.aggregate_id AND p.version < d.version
                ORDER BY p.version DESC LIMIT 1) AS previous
         FROM domain_events d
        WHERE d.published_at IS NULL
        ORDER BY d.sequence
        LIMIT $1`,
      [batchSize],
    );
    return rows;
  }

  function toAppendEntry(row: OutboxRow) {
    const envelope: EventEnvelope = {
      id: row.id,
      source: context,
      type: row.event_type,
      aggregateType: row.aggregate_type,
      aggregateId: row.aggregate_id,
      version: Number(row.version),
      schemaVersion: row.schema_version,
      occurredAt: (row.occurred_at ?? new Date()).toISOString(),
      data: row.event_data,
    };
    return { aggregateKey: aggregateKey(envelope), previous: row.previous, payload: encodeEnvelope(envelope) };
  }

  async function listen(): Promise<void> {
    if (stopped) return;
    const client = new Client({ connectionString: options.databaseUrl });
    client.on('notification', wake);
    client.on('error', (error) => {
      logger?.warn({ err: error, context }, 'event relay: LISTEN connection lost; polling until it is back');
      if (listener === client) listener = null;
      client.end().catch(() => undefined);
      setTimeout(() => void listen().catch(() => undefined), 1000).unref();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      if (stopped) await client.end();
      else listener = client;
      wake(); // rows committed before LISTEN took effect
    } catch (error) {
      client.emit('error', error);
    }
  }

  const poll = setInterval(wake, pollIntervalMs);
  poll.unref();
  void listen();
  wake();

  return {
    wake,
    get published() {
      return published;
    },
    async stop() {
      stopped = true;
      clearInterval(poll);
      if (retryTimer) clearTimeout(retryTimer);
      await running;
      await listener?.end().catch(() => undefined);
      listener = null;
      await pool.end();
    },
  };
}
