import { badUserInput } from '@shop/platform';
import type { OrderContext } from '../context';
import { ORDER_AGGREGATE } from '../domain/events';
import { orderUpdateOf, type OrderUpdate } from '../domain/order-updates';
import type { Order } from '../generated/prisma/client';

/** At most this many changes in one catch-up: an order has a handful; this only bounds a hostile request. */
const MAX_UPDATES = 500;

/**
 * The changes of an order the caller already sees (Order.updatesSince), read from its own event store (the
 * outbox keeps every event with the order's version), oldest first.
 */
export async function updatesSince(ctx: OrderContext, order: Order, version: number): Promise<OrderUpdate[]> {
  if (!Number.isInteger(version) || version < 0) throw badUserInput('`version` must be 0 or more.', [{ field: 'version', message: 'must be 0 or more' }]);
  const rows = await ctx.db.domainEvent.findMany({
    where: { aggregateType: ORDER_AGGREGATE, aggregateId: order.id, version: { gt: BigInt(version) } },
    orderBy: { version: 'asc' },
    take: MAX_UPDATES + 1,
  });
  // Said rather than cut silently: a client catching up from a partial list would skip changes for good.
  if (rows.length > MAX_UPDATES) {
    throw badUserInput(`More than ${MAX_UPDATES} changes since version ${version}: read the order as it is now and follow it from its current version.`, [
      { field: 'version', message: `more than ${MAX_UPDATES} changes since` },
    ]);
  }
  return rows
    .map((row) => orderUpdateOf({
      eventType: row.eventType, aggregateType: row.aggregateType, aggregateId: row.aggregateId, version: Number(row.version),
      occurredAt: row.occurredAt?.toISOString() ?? null, data: row.eventData,
    }))
    .filter((update): update is OrderUpdate => update !== null);
}
