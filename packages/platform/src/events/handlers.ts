import type { z } from 'zod';
import type { EventEnvelope } from './envelope';
import type { SqlClient } from './outbox';

/**
 * What a receiving context does with one kind of event. The receiver owns the contract: `schema` is its own
 * copy of the payload it relies on, and `handle` gets the event only once the payload passed it.
 */
export interface EventHandler<Tx, D = unknown> {
  /** The publishing context (its stream is `events:<source>`). */
  source: string;
  type: string;
  schema: z.ZodType<D>;
  /** Makes the effect with `tx`; it commits together with the record that the event was applied. */
  handle(event: EventEnvelope<D>, tx: Tx): Promise<void>;
}

/**
 * `on('order', 'OrderConfirmed', orderConfirmed, async (event, tx: CustomerTx) => earnPoints(tx, event.data))`
 */
export function on<S extends z.ZodType, Tx>(
  source: string,
  type: string,
  schema: S,
  handle: (event: EventEnvelope<z.output<S>>, tx: Tx) => Promise<void>,
): EventHandler<Tx, z.output<S>> {
  return { source, type, schema: schema as unknown as z.ZodType<z.output<S>>, handle };
}

export type ApplyOutcome =
  | { status: 'applied' | 'duplicate' }
  | { status: 'failed'; permanent: boolean; message: string; error: unknown };

/** A short, single-line account of a failure for the dead letters (staff read it; no stack). */
export function describeProblem(error: unknown): string {
  const e = error as { name?: string; message?: string; extensions?: { code?: string } };
  const label = e?.extensions?.code ?? e?.name ?? 'Error';
  const text = `${label}: ${e?.message ?? String(error)}`.replace(/\s+/g, ' ').trim();
  return text.length > 500 ? `${text.slice(0, 497)}...` : text;
}

function contractBroken(event: EventEnvelope, error: z.ZodError): ApplyOutcome {
  const problems = error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ');
  return { status: 'failed', permanent: true, message: `payload breaks the receiver's contract for ${event.type} v${event.schemaVersion}: ${problems}`, error };
}

/**
 * Applies one event exactly once: its `processed_events` row is inserted first (a concurrent duplicate waits on
 * the primary key, then finds it) and the handler's effect commits with it. A payload that breaks the
 * receiver's contract is a permanent failure: retrying cannot fix it.
 */
export async function applyOnce<Tx extends SqlClient>(
  inTransaction: <T>(work: (tx: Tx) => Promise<T>) => Promise<T>,
  handler: EventHandler<Tx>,
  event: EventEnvelope,
): Promise<ApplyOutcome> {
  const parsed = handler.schema.safeParse(event.data);
  if (!parsed.success) return contractBroken(event, parsed.error);
  try {
    const status = await inTransaction(async (tx) => {
      const inserted = await tx.$executeRaw`
        INSERT INTO processed_events (event_id, source, event_type, aggregate_id, version)
        VALUES (${event.id}::uuid, ${event.source}, ${event.type}, ${event.aggregateId}::uuid, ${String(event.version)}::bigint)
        ON CONFLICT (event_id) DO NOTHING`;
      if (inserted === 0) return 'duplicate' as const;
      await handler.handle({ ...event, data: parsed.data }, tx);
      return 'applied' as const;
    });
    return { status };
  } catch (error) {
    return { status: 'failed', permanent: false, message: describeProblem(error), error };
  }
}

/** One event of a batch; `after` is the index of the aggregate's previous event when that is in the same batch. */
export interface BatchItem<Tx> {
  handler: EventHandler<Tx>;
  event: EventEnvelope;
  after: number | null;
}

/** `deferred`: not attempted, because the aggregate's previous event in the batch failed (it must go first). */
export type BatchOutcome = ApplyOutcome | { status: 'deferred' };

/** A handler failed in a batch's first pass (no savepoints): the pass is rolled back and run again, carefully. */
class FirstPassFailure extends Error {
  constructor(readonly index: number, override readonly cause: unknown) {
    super('an event of the batch failed');
  }
}

/**
 * Applies several events in one receiver transaction, each exactly once; a failing handler undoes only its own
 * event. One commit for the batch instead of one per event: under load the receiver spends its time on effects,
 * not on BEGIN/COMMIT round trips and WAL flushes.
 *
 * The `processed_events` rows of the whole batch go in first, in one statement (sorted by id, so two batches
 * holding the same redelivered events cannot deadlock on them); an id that was already there is a duplicate and
 * its handler does not run. Events run in batch order: an aggregate's later event runs only after its earlier one
 * applied, else it is `deferred`.
 *
 * The first pass runs the handlers one after another without savepoints (one statement less per event). If one
 * throws, that pass rolls back and a second pass runs the others again, each in its own savepoint, while the
 * failed event (and its successors) stay out: their `processed_events` rows are deleted again before the commit.
 * A handler may therefore run again after an earlier event's failure — as it does on any retry — and its effect
 * commits once. Keep batches under 64 events: each savepoint that writes is a subtransaction, and PostgreSQL caches
 * only 64 per transaction before every other session's snapshots get slower.
 *
 * Throws when the transaction itself failed (nothing of the batch committed).
 */
export async function applyBatch<Tx extends SqlClient>(
  inTransaction: <T>(work: (tx: Tx) => Promise<T>) => Promise<T>,
  items: BatchItem<Tx>[],
): Promise<BatchOutcome[]> {
  const known: (BatchOutcome | undefined)[] = [];
  const data: unknown[] = [];
  items.forEach((item, i) => {
    const parsed = item.handler.schema.safeParse(item.event.data);
    if (parsed.success) data[i] = parsed.data;
    else known[i] = contractBroken(item.event, parsed.error);
  });
  const pass = (careful: boolean) =>
    inTransaction(async (tx) => {
      const outcomes = [...known];
      const candidates = items
        .map((item, i) => ({ ...item.event, i }))
        .filter(({ i }) => !outcomes[i])
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const fresh = new Set<string>();
      if (candidates.length) {
        const rows = await tx.$queryRaw<{ id: string }[]>`
          INSERT INTO processed_events (event_id, source, event_type, aggregate_id, version)
          SELECT * FROM unnest(${candidates.map((e) => e.id)}::text[]::uuid[], ${candidates.map((e) => e.source)}::text[],
                               ${candidates.map((e) => e.type)}::text[], ${candidates.map((e) => e.aggregateId)}::text[]::uuid[],
                               ${candidates.map((e) => String(e.version))}::text[]::bigint[])
          ON CONFLICT (event_id) DO NOTHING
          RETURNING event_id::text AS id`;
        for (const row of rows) fresh.add(row.id);
      }
      const undo: string[] = [];
      for (const [i, item] of items.entries()) {
        if (outcomes[i]) continue;
        const { event } = item;
        const mine = fresh.delete(event.id); // a second copy of one event in the batch is a duplicate
        const before = item.after === null ? undefined : outcomes[item.after];
        if (before && (before.status === 'failed' || before.status === 'deferred')) {
          outcomes[i] = { status: 'deferred' };
          if (mine) undo.push(event.id);
          continue;
        }
        if (!mine) {
          outcomes[i] = { status: 'duplicate' };
          continue;
        }
        if (careful) await tx.$executeRaw`SAVEPOINT applying_event`;
        try {
          await item.handler.handle({ ...event, data: data[i] }, tx);
          outcomes[i] = { status: 'applied' };
        } catch (error) {
          if (!careful) throw new FirstPassFailure(i, error);
          // Throws on if the transaction itself is gone (closed, connection lost): then the whole batch failed.
          await tx.$executeRaw`ROLLBACK TO SAVEPOINT applying_event`;
          outcomes[i] = { status: 'failed', permanent: false, message: describeProblem(error), error };
          undo.push(event.id);
        }
      }
      if (undo.length) await tx.$executeRaw`DELETE FROM processed_events WHERE event_id = ANY(${undo}::text[]::uuid[])`;
      return outcomes as BatchOutcome[];
    });
  try {
    return await pass(false);
  } catch (error) {
    if (!(error instanceof FirstPassFailure)) throw error;
    known[error.index] = { status: 'failed', permanent: false, message: describeProblem(error.cause), error: error.cause };
    return pass(true);
  }
}
