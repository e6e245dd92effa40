import type { OrderEventType } from './events';

/** OrderUpdate.kind for each event the order publishes. */
const KINDS: Record<OrderEventType, string> = {
  OrderPlaced: 'PLACED',
  OrderConfirmed: 'CONFIRMED',
  OrderProcessingStarted: 'PROCESSING_STARTED',
  OrderShipped: 'SHIPPED',
  OrderDelivered: 'DELIVERED',
  OrderCancelled: 'CANCELLED',
  OrderRefunded: 'REFUNDED',
};

/** What a subscriber sees of one change: the event's own facts, in the schema's spelling. */
export interface OrderUpdate {
  kind: string;
  orderId: string;
  number: string;
  status: string;
  previousStatus: string | null;
  version: number;
  occurredAt: string;
  carrier: string | null;
  trackingNumber: string | null;
  refundedAmount: { amount: string; currency: string } | null;
}

/**
 * An outbox row of the order (OrderPlaced or a status change) as the update subscribers got for it live; null for
 * other events. Keep in step with the gateway's copy (gateway/src/subscriptions/order-update.ts): a caught-up
 * update must equal the live one.
 */
export function orderUpdateOf(event: {
  eventType: string; aggregateType: string; aggregateId: string; version: number; occurredAt: string | null; data: unknown;
}): OrderUpdate | null {
  const kind = KINDS[event.eventType as OrderEventType];
  const data = (event.data ?? {}) as Record<string, unknown>;
  if (event.aggregateType !== 'Order' || !kind || typeof data.status !== 'string' || typeof data.orderNumber !== 'string') return null;
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    kind,
    orderId: event.aggregateId,
    number: data.orderNumber,
    status: data.status.toUpperCase(),
    previousStatus: text(data.previousStatus)?.toUpperCase() ?? null,
    version: event.version,
    // As the envelope the relay publishes: the payload's time, else the row's.
    occurredAt: text(data.occurredAt) ?? event.occurredAt ?? new Date(0).toISOString(),
    carrier: text(data.carrier),
    trackingNumber: text(data.trackingNumber),
    refundedAmount: kind === 'REFUNDED' && text(data.amount) ? { amount: text(data.amount)!, currency: text(data.currency) ?? 'USD' } : null,
  };
}
