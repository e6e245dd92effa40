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
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ');
    return { status: 'failed', permanent: true, message: `payload breaks the receiver's contract for ${event.type} v${event.schemaVersion}: ${problems}`, error: parsed.error };
  }
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
