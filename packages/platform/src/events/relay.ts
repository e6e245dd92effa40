import { Client, Pool, type PoolClient } from 'pg';
import type { Logger } from '../logger';
import { publishingEvents, watchOutbox } from '../observability/events';
import { eventsPublished } from '../observability/metrics';
import { aggregateKey, encodeEnvelope, eventStream, type EventEnvelope } from './envelope';
import { OUTBOX_CHANNEL, takeTraceparent } from './outbox';
import { StreamLostError, type EventTransport } from './transport';

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
   * How long an idle relay waits after a wake-up before it looks (default 5 ms), so commits landing together —
   * one checkout writes events in several transactions moments apart — go out in one batch instead of one
   * batch, and two round trips, each.
   */
  gatherMs?: number;
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

/** The rows waiting to be published, in outbox order, each with its aggregate's last stream entry; only for the lock holder. */
const WAITING_ROWS_SQL = `
  SELECT d.id, d.aggregate_type, d.aggregate_id, d.event_type, d.event_data, d.version, d.schema_version,
         (d.occurred_at AT TIME ZONE 'UTC') AS occurred_at,
         (SELECT p.stream_id FROM domain_events p
           WHERE p.aggregate_type = d.aggregate_type AND p.aggregate_id = d.aggregate_id AND p.version < d.version
           ORDER BY p.version DESC LIMIT 1) AS previous
    FROM domain_events d
   WHERE d.published_at IS NULL AND current_setting('shop_events.relay_locked')::boolean
   ORDER BY d.sequence`;

/** The stream id of the entry this context published last (what the stream must have reached). */
const LAST_PUBLISHED_SQL = `
  SELECT stream_id FROM domain_events
   WHERE published_at IS NOT NULL AND stream_id IS NOT NULL AND current_setting('shop_events.relay_locked')::boolean
   ORDER BY published_at DESC, sequence DESC LIMIT 1`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STREAM_ID = /^\d+-\d+$/;

/** A PostgreSQL array literal of values that must match `shape` (they go into the query text). */
function arrayLiteral(client: PoolClient, values: string[], shape: RegExp): string {
  for (const value of values) if (!shape.test(value)) throw new Error(`event relay: unexpected id ${JSON.stringify(value)}`);
  return client.escapeLiteral(`{${values.join(',')}}`);
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
 * is lost. If the store comes back without entries it had (Redis restarted without persistence, a failover that
 * lost the last writes), the relay notices before its next append — the stream has not reached the last id the
 * outbox recorded — and publishes those rows again (within the stream's retention). If the stream took a batch but the commit that marks it failed, the batch is published again:
 * delivery is at least once, and receivers apply each event id once.
 */
export function startRelay(options: RelayOptions): Relay {
  const { context, transport, logger, batchSize = 500, pollIntervalMs = 1000, gatherMs = 5, maxStreamLength = 100_000 } = options;
  const stream = eventStream(context);
  const pool = new Pool({ connectionString: options.databaseUrl, max: 1, idleTimeoutMillis: 30_000 });
  pool.on('error', (error) => logger?.warn({ err: error }, 'event relay: database connection lost'));
  const unwatch = watchOutbox(context, pool);
  let listener: Client | null = null;
  let stopped = false;
  let dirty = false;
  // A NOTIFY heard while idle means rows are waiting. Any other wake-up (the poll, a NOTIFY that came during a run,
  // whose rows that run has often already published) looks first, in one round trip, before taking the lock.
  let rowsCertain = false;
  let running: Promise<void> | null = null;
  let failures = 0;
  let retryTimer: NodeJS.Timeout | null = null;
  let gathering: NodeJS.Timeout | null = null;
  let published = 0;

  const start = () => {
    gathering = null;
    if (stopped || retryTimer) return;
    running ??= run().finally(() => {
      running = null;
      if (dirty) wake(); // woken between the run's last look and its end
    });
  };

  const wake = () => {
    if (stopped) return;
    dirty = true;
    if (retryTimer || running || gathering) return; // backing off, or a run or its gathering will see the rows
    if (gatherMs > 0) gathering = setTimeout(start, gatherMs);
    else start();
  };

  async function run(): Promise<void> {
    while (dirty && !stopped) {
      dirty = false;
      const certain = rowsCertain;
      rowsCertain = false;
      try {
        if (!certain && !(await anyWaiting())) continue;
        const count = await publishBatch();
        failures = 0;
        if (count === batchSize) dirty = rowsCertain = true;
      } catch (error) {
        failures += 1;
        const delay = Math.min(100 * 2 ** Math.min(failures, 10), 2000);
        logger?.warn({ err: error, context, retryInMs: delay }, 'event relay: publishing failed; the rows wait in the outbox');
        retryTimer ??= setTimeout(() => {
          retryTimer = null;
          wake();
        }, delay);
        return;
      }
    }
  }

  /** Whether any row waits to be published: one short read, no transaction, no lock. */
  async function anyWaiting(): Promise<boolean> {
    const { rows } = await pool.query<{ waiting: boolean }>('SELECT EXISTS (SELECT 1 FROM domain_events WHERE published_at IS NULL) AS waiting');
    return rows[0].waiting;
  }

  /**
   * One batch in two round trips to PostgreSQL and one to the stream: begin, take the lock and read the waiting
   * rows and the last published id (one multi-statement query: each statement still reads with its own snapshot,
   * so the rows are read after the lock is held); append; mark them published and commit (one more).
   *
   * The relay's commit does not wait for its WAL flush (`synchronous_commit = off`): if PostgreSQL crashed before
   * the flush, the rows would lose their published marks and go out again — the at-least-once delivery receivers
   * already deduplicate — while a commit never waits behind other sessions' WAL (on a shared server, another
   * database's checkpoint can stall a flush for a while).
   */
  async function publishBatch(): Promise<number> {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      const [, , { rows: lock }, { rows }, { rows: last }] = (await client.query(
        `BEGIN; SET LOCAL synchronous_commit = off;
         SELECT set_config('shop_events.relay_locked', pg_try_advisory_xact_lock(hashtext(${client.escapeLiteral(`events.relay:${context}`)}))::text, true) AS locked;
         ${WAITING_ROWS_SQL} LIMIT ${Number(batchSize)};
         ${LAST_PUBLISHED_SQL}`,
      )) as unknown as [unknown, unknown, { rows: { locked: string }[] }, { rows: OutboxRow[] }, { rows: { stream_id: string }[] }];
      if (lock[0].locked !== 'true') {
        await client.query('ROLLBACK');
        return 0;
      }
      if (rows.length) {
        let ids: string[];
        try {
          const entries = rows.map(toAppendEntry);
          ids = await publishingEvents(stream, entries.map((e) => e.traceparent), () =>
            transport.append(stream, entries, maxStreamLength, last[0]?.stream_id ?? null),
          );
        } catch (error) {
          if (!(error instanceof StreamLostError)) throw error;
          const again = await republishLost(client, error.lastId);
          await client.query('COMMIT');
          logger?.warn({ context, stream, lastId: error.lastId, republishing: again }, 'event relay: the stream lost published events; publishing them again');
          dirty = true;
          return 0;
        }
        // clock_timestamp, not now(): batches of successive replicas must be stamped in the order they published.
        // Literal arrays, so the update and the commit go in one round trip (ids: uuids and stream ids, checked).
        await client.query(
          `UPDATE domain_events d SET published_at = (clock_timestamp() AT TIME ZONE 'UTC'), processed = true, stream_id = v.stream_id
             FROM unnest(${arrayLiteral(client, rows.map((r) => r.id), UUID)}::uuid[], ${arrayLiteral(client, ids, STREAM_ID)}::text[]) AS v(id, stream_id)
            WHERE d.id = v.id;
           COMMIT`,
        );
      } else await client.query('COMMIT');
      published += rows.length;
      if (rows.length) eventsPublished.inc({ context }, rows.length);
      return rows.length;
    } catch (error) {
      broken = error as Error;
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /**
   * Marks for publishing again the rows whose entries the stream lost (published after `lastId`), looking no
   * further back than the stream's retention: older entries would have been trimmed anyway.
   */
  async function republishLost(client: PoolClient, lastId: string): Promise<number> {
    const [ms, seq] = lastId.split('-');
    const { rowCount } = await client.query(
      `UPDATE domain_events SET published_at = NULL, processed = false
        WHERE id IN (SELECT id FROM domain_events WHERE published_at IS NOT NULL
                      ORDER BY published_at DESC, sequence DESC LIMIT $3)
          AND (split_part(stream_id, '-', 1)::bigint, split_part(stream_id, '-', 2)::bigint) > ($1::bigint, $2::bigint)`,
      [ms, seq, maxStreamLength],
    );
    return rowCount ?? 0;
  }

  function toAppendEntry(row: OutboxRow) {
    const { data, traceparent } = takeTraceparent(row.event_data);
    const envelope: EventEnvelope = {
      id: row.id,
      source: context,
      type: row.event_type,
      aggregateType: row.aggregate_type,
      aggregateId: row.aggregate_id,
      version: Number(row.version),
      schemaVersion: row.schema_version,
      occurredAt: (row.occurred_at ?? new Date()).toISOString(),
      data,
      ...(traceparent && { traceparent }),
    };
    return { aggregateKey: aggregateKey(envelope), previous: row.previous, payload: encodeEnvelope(envelope), traceparent };
  }

  async function listen(): Promise<void> {
    if (stopped) return;
    const client = new Client({ connectionString: options.databaseUrl });
    listener = client;
    client.on('notification', () => {
      if (!running) rowsCertain = true;
      wake();
    });
    client.on('error', (error) => {
      if (listener === client) listener = null;
      client.end().catch(() => undefined);
      if (stopped) return; // stop() ended it, possibly mid-connect
      logger?.warn({ err: error, context }, 'event relay: LISTEN connection lost; polling until it is back');
      setTimeout(() => void listen().catch(() => undefined), 1000).unref();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
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
      unwatch();
      clearInterval(poll);
      if (retryTimer) clearTimeout(retryTimer);
      if (gathering) clearTimeout(gathering);
      await running;
      await listener?.end().catch(() => undefined);
      listener = null;
      await pool.end();
    },
  };
}
