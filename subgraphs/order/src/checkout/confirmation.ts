import { outboxInsert } from '@shop/platform';
import type { OrderContext } from '../context';
import { Prisma } from '../db';
import type { Order } from '../generated/prisma/client';
import type { sagaStepsWrite } from '../saga/sagas';
import { confirmation } from '../services/fulfilment';
import { statusChangedEvent } from '../services/status-change';

/**
 * The saga's confirmation in one statement, all or nothing, without a transaction's round trips: the order as
 * this process placed it (still pending, same version) becomes confirmed, with its status history row and
 * OrderConfirmed, and the saga records its steps and settles the cart's claim. Both rows are locked first (the
 * order, then the saga, as everywhere) and each must still be where the saga left it. Null when either moved on
 * (another replica resumed or compensated the saga meanwhile): then nothing was written and confirmPendingOrder
 * decides, as it always did.
 */
export async function confirmPlacedOrder(ctx: OrderContext, placed: Order, steps: ReturnType<typeof sagaStepsWrite>): Promise<Order | null> {
  if (placed.status !== 'pending') return null;
  const now = new Date();
  const change = confirmation(placed);
  const confirmed: Order = { ...placed, status: change.to, version: change.expectedVersion + 1n, updatedAt: now };
  const event = outboxInsert(statusChangedEvent(placed, change, confirmed, now), 'updated');
  const [{ done }] = await ctx.db.$queryRaw<{ done: number }[]>`
    WITH pending AS (
      SELECT id FROM orders WHERE id = ${placed.id}::uuid AND status = 'pending' AND version = ${change.expectedVersion}::bigint FOR UPDATE
    ),
    -- The order's lock first, then the saga's: the order in which confirmPendingOrder's transaction takes them.
    open AS (SELECT saga.id FROM (${steps.open}) saga WHERE EXISTS (SELECT 1 FROM pending)),
    updated AS (
      UPDATE orders SET status = ${change.to}, version = ${confirmed.version}::bigint, updated_at = ${now}
      WHERE id IN (SELECT pending.id FROM pending, open)
      RETURNING id
    ),
    history AS (
      INSERT INTO order_status_history (order_id, previous_status, new_status, notes, changed_by, created_at)
      SELECT id, 'pending', ${change.to}, ${change.notes}, NULL, ${now} FROM updated
    ),
    published AS (${event.insert}),
    recorded AS (${steps.record(Prisma.sql`SELECT open.id FROM open, updated`)}),
    settled AS (${steps.settle})
    SELECT count(*)::int AS done FROM updated`;
  return done === 1 ? confirmed : null;
}
