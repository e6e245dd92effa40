import { conflict, notFound, recordEvent, recordNotFound, type IntegrationEvent } from '@shop/platform';
import type { OrderDbOrTx, OrderTx, Prisma } from '../db';
import { eventForStatus, ORDER_AGGREGATE, ORDER_EVENTS_SCHEMA, type OrderEventType, type OrderStatusChangedData } from '../domain/events';
import { assertTransitionAllowed, type OrderStatus } from '../domain/order-status';
import type { Order } from '../generated/prisma/client';

export interface OrderChange {
  /** The new status; the same as the current one for a change that is not a move (a partial refund). */
  to: OrderStatus;
  /** The version the caller read; the write fails with CONFLICT if the order moved on since. */
  expectedVersion: bigint;
  actor: string | null;
  notes: string | null;
  /** Columns that change with the status (carrier, tracking number, delivery date, refunded amount). */
  set?: Prisma.OrderUpdateManyMutationInput;
  /** Event-specific fields beside the common ones. */
  event?: Partial<OrderStatusChangedData>;
  eventType?: OrderEventType;
}

/** Locks nothing: reads the order as it is now, for a change that names the version it expects. */
export async function orderForChange(tx: OrderDbOrTx, id: string): Promise<Order> {
  const order = await tx.order.findUnique({ where: { id } });
  if (!order) throw notFound('That order');
  return order;
}

/** Reads the order with its row locked for the rest of the transaction: money operations on one order queue here. */
export async function lockOrderForChange(tx: OrderTx, id: string): Promise<Order> {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM orders WHERE id = ${id}::uuid FOR UPDATE`;
  if (!locked.length) throw notFound('That order');
  return tx.order.findUniqueOrThrow({ where: { id } });
}

export function assertVersion(order: Order, expected: bigint): void {
  const current = order.version ?? 1n;
  if (current !== expected) {
    throw conflict(`The order changed since you loaded it (now version ${current}, status ${order.status}); reload and try again.`, {
      currentVersion: Number(current),
      currentStatus: order.status,
    });
  }
}

/**
 * The one way an order changes after it is placed: check the move, write the order with optimistic locking
 * (WHERE version = expected), then its status history row and its outbox event — all with the caller's
 * transaction, so either all three are written or none.
 */
export async function applyChange(tx: OrderTx, order: Order, change: OrderChange): Promise<Order> {
  const from = order.status as OrderStatus;
  if (change.to !== from) assertTransitionAllowed(from, change.to);
  assertVersion(order, change.expectedVersion);
  const now = new Date();
  const version = change.expectedVersion + 1n;
  // One UPDATE … RETURNING: the write and the order as written.
  const changed = await tx.order
    .update({ where: { id: order.id, version: change.expectedVersion }, data: { ...change.set, status: change.to, version, updatedAt: now } })
    .catch(async (error: unknown) => {
      if (!recordNotFound(error)) throw error;
      const current = await orderForChange(tx, order.id);
      assertVersion(current, change.expectedVersion);
      throw conflict('The order changed while this change was being made; reload and try again.');
    });
  await tx.orderStatusHistory.createMany({
    data: [{ orderId: order.id, previousStatus: from, newStatus: change.to, notes: change.notes, changedBy: change.actor, createdAt: now }],
  });
  await recordEvent(tx, statusChangedEvent(order, change, changed, now));
  return changed;
}

/** The event a change of `order` raises; `after` is the order as the change wrote it. */
export function statusChangedEvent(order: Order, change: OrderChange, after: Order, now: Date): IntegrationEvent<OrderStatusChangedData> {
  const data: OrderStatusChangedData = {
    schema: ORDER_EVENTS_SCHEMA,
    orderId: order.id,
    orderNumber: order.orderNumber,
    customerId: order.customerId,
    status: change.to,
    previousStatus: order.status as OrderStatus,
    changedBy: change.actor,
    occurredAt: now.toISOString(),
    notes: change.notes,
    currency: after.currency,
    total: after.totalAmount.toFixed(2),
    refundedTotal: after.refundedAmount.toFixed(2),
    ...change.event,
  };
  return {
    aggregateType: ORDER_AGGREGATE,
    aggregateId: order.id,
    type: change.eventType ?? eventForStatus(change.to),
    version: change.expectedVersion + 1n,
    schemaVersion: ORDER_EVENTS_SCHEMA,
    data,
    occurredAt: now,
  };
}
