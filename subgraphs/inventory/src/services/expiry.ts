import type { Logger } from '@shop/platform';
import { inTransaction, type InventoryDb } from '../db';
import { withRetries } from './db-errors';
import { applyMovements } from './movements';

/**
 * Releases active reservations whose time is up: status expired, stock back to available, one expiry ledger
 * row each. `FOR UPDATE SKIP LOCKED` lets several replicas sweep at once: each claims rows no other sweeper
 * (or commit) holds, so every reservation is released exactly once, and a reservation being committed right now
 * is left to its commit. Returns how many it released (at most `batch`).
 */
export async function releaseExpiredReservations(db: InventoryDb, now: Date = new Date(), batch = 500): Promise<number> {
  return withRetries(() =>
    inTransaction(db, async (tx) => {
      const due = await tx.$queryRaw<{ id: string; itemId: string; orderId: string; quantity: number }[]>`
        SELECT id::text AS id, inventory_item_id::text AS "itemId", order_id::text AS "orderId", quantity_reserved AS quantity
        FROM inventory_reservations
        WHERE status = 'active' AND expires_at <= ${now}::timestamp
        ORDER BY expires_at, id
        LIMIT ${batch}
        FOR UPDATE SKIP LOCKED`;
      if (due.length === 0) return 0;
      await applyMovements(
        tx,
        due.map((r) => ({ itemId: r.itemId, type: 'expiry' as const, quantity: r.quantity, referenceId: r.orderId, referenceType: 'order' as const, reason: 'Reservation expired' })),
        null,
        now,
      );
      await tx.$executeRaw`UPDATE inventory_reservations SET status = 'expired', updated_at = ${now}::timestamp WHERE id = ANY(${due.map((r) => r.id)}::uuid[])`;
      return due.length;
    }),
  );
}

export interface SweeperOptions {
  db: InventoryDb;
  log: Logger;
  intervalMs: number;
  batchSize?: number;
}

export interface Sweeper {
  /** Runs one sweep now (all due batches); resolves to the number released. */
  sweep(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Sweeps on an interval in the subgraph process; a sweep still running when the next tick comes is not doubled.
 * `stop` waits for the batch in flight only, so shutting down never waits for a whole backlog.
 */
export function startReservationSweeper({ db, log, intervalMs, batchSize = 500 }: SweeperOptions): Sweeper {
  let running: Promise<number> | null = null;
  let stopped = false;
  const sweep = () =>
    (running ??= (async () => {
      let total = 0;
      try {
        // Batch after batch while batches come back full; a stop ends the sweep after the current batch.
        for (let released = batchSize; released === batchSize && !stopped; total += released) {
          released = await releaseExpiredReservations(db, new Date(), batchSize);
        }
        if (total) log.info({ released: total }, 'released expired reservations');
      } catch (error) {
        log.error({ err: error }, 'reservation sweep failed');
      } finally {
        running = null;
      }
      return total;
    })());
  const timer = setInterval(() => void sweep(), intervalMs);
  timer.unref();
  return {
    sweep,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
