import type { Logger } from '../logger';
import type { SqlClient } from './outbox';

export interface ProcessedEventsRetentionOptions {
  /** Rows applied longer ago than this may go (default 30 days). */
  maxAgeMs?: number;
  /**
   * Whatever their age, the newest this many rows of each source stay (default 200,000; 0: age alone). A stream
   * keeps its last ~100,000 entries however old they are, and a relay that finds its stream emptied (Redis
   * restarted without its data, every restart of the embedded mode) publishes its last 100,000 rows again: in a
   * quiet shop those can be months old, and without their rows they would be applied a second time.
   */
  keepLatest?: number;
  /** Rows deleted per transaction (default 1,000), with a short pause between batches (default 50 ms). */
  batchSize?: number;
  pauseMs?: number;
  /** How often the job runs (default 1 hour); the first run comes after `firstRunMs` (default 1 minute). */
  intervalMs?: number;
  firstRunMs?: number;
}

export interface ProcessedEventsRetention {
  /** Runs one pass now (or joins the one running); resolves with the rows deleted. */
  prune(): Promise<number>;
  /** Stops the job, letting a running batch finish. */
  stop(): Promise<void>;
}

export const DEFAULT_PROCESSED_EVENTS_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;
export const DEFAULT_PROCESSED_EVENTS_KEEP_LATEST = 200_000;

/**
 * Keeps a receiving context's `processed_events` from growing for ever: a row may go once its event can no longer
 * be delivered again — older than `maxAgeMs` (30 days, far beyond the 30 s reclaim, the backoff and the hours to
 * days a stream holds at checkout rates) and not among the newest `keepLatest` rows of its source (what a
 * stream still holds, or a relay may publish again, whatever its age). Deleted a batch per short transaction,
 * oldest first, each under an advisory lock: a replica that finds it taken leaves the pass to the holder.
 *
 * A dead letter's event never got its row (its attempts rolled back), so pruning leaves its replay as it was.
 * Rows republished by hand (clearing `published_at`) further back than the retention would apply again.
 */
export function startProcessedEventsRetention<Tx extends SqlClient>(options: ProcessedEventsRetentionOptions & {
  context: string;
  /** The sources the context consumes (its handlers'): each keeps its newest `keepLatest` rows. */
  sources: string[];
  inTransaction: <T>(work: (tx: Tx) => Promise<T>) => Promise<T>;
  logger?: Logger;
}): ProcessedEventsRetention {
  const { context, inTransaction, logger } = options;
  const sources = [...new Set(options.sources)];
  const maxAgeSeconds = (options.maxAgeMs ?? DEFAULT_PROCESSED_EVENTS_MAX_AGE_MS) / 1000;
  const keepLatest = Math.max(0, Math.floor(options.keepLatest ?? DEFAULT_PROCESSED_EVENTS_KEEP_LATEST));
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 1000));
  const pauseMs = options.pauseMs ?? 50;
  const intervalMs = options.intervalMs ?? 60 * 60 * 1000;
  const lockKey = `events.retention:${context}`;
  let stopped = false;
  let running: Promise<number> | null = null;

  /**
   * The newest `processed_at` a row of this source may have to go, as text (timestamp without time zone, lossless):
   * the age cutoff, or earlier when the newest `keepLatest` rows of the source reach further back. Null: none may go.
   */
  async function boundFor(tx: Tx, source: string | null): Promise<string | null> {
    if (source === null || keepLatest === 0) {
      const [row] = await tx.$queryRaw<{ bound: string }[]>`
        SELECT (LOCALTIMESTAMP - make_interval(secs => ${maxAgeSeconds}::double precision))::text AS bound`;
      return row.bound;
    }
    // No row when the source has fewer than keepLatest rows: then none of them may go.
    const [row] = await tx.$queryRaw<{ bound: string }[]>`
      SELECT LEAST(LOCALTIMESTAMP - make_interval(secs => ${maxAgeSeconds}::double precision), k.processed_at)::text AS bound
        FROM (SELECT processed_at FROM processed_events WHERE source = ${source}
               ORDER BY processed_at DESC OFFSET ${keepLatest - 1}::int LIMIT 1) k`;
    return row?.bound ?? null;
  }

  /** One batch in its own transaction; null when another replica holds the lock. */
  async function deleteBatch(source: string | null, bound: string): Promise<number | null> {
    return inTransaction(async (tx) => {
      const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(hashtext(${lockKey})) AS locked`;
      if (!lock.locked) return null;
      return source === null
        ? tx.$executeRaw`
            DELETE FROM processed_events WHERE event_id IN (
              SELECT event_id FROM processed_events
               WHERE processed_at < ${bound}::timestamp AND NOT (source = ANY(${sources}::text[]))
               ORDER BY processed_at LIMIT ${batchSize}::int)`
        : tx.$executeRaw`
            DELETE FROM processed_events WHERE event_id IN (
              SELECT event_id FROM processed_events
               WHERE processed_at < ${bound}::timestamp AND source = ${source}
               ORDER BY processed_at LIMIT ${batchSize}::int)`;
    });
  }

  async function pass(): Promise<number> {
    let deleted = 0;
    // Each consumed source under both rules; rows of sources no longer consumed by age alone (nothing applies them again).
    for (const source of [...sources, null]) {
      if (stopped) break;
      const bound = await inTransaction((tx) => boundFor(tx, source));
      if (bound === null) continue;
      for (;;) {
        const count = await deleteBatch(source, bound);
        if (count === null) return deleted; // another replica is pruning
        deleted += count;
        if (count < batchSize || stopped) break;
        await new Promise((resolve) => setTimeout(resolve, pauseMs));
      }
    }
    if (deleted) logger?.info({ context, deleted }, 'processed events past their retention pruned');
    return deleted;
  }

  const prune = () => {
    running ??= pass().finally(() => {
      running = null;
    });
    return running;
  };
  const runQuietly = () => {
    if (stopped) return;
    prune().catch((error) => logger?.warn({ err: error, context }, 'pruning processed events failed; trying again at the next run'));
  };
  const first = setTimeout(runQuietly, options.firstRunMs ?? Math.min(60_000, intervalMs));
  const every = setInterval(runQuietly, intervalMs);
  first.unref();
  every.unref();

  return {
    prune,
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(every);
      await running?.catch(() => undefined);
    },
  };
}
