import type { EventEnvelope } from '@shop/platform';

/**
 * The gateway's own copy of the order events' contract (the order context's domain/events.ts), as far as live
 * tracking needs it: the facts of the change travel with the update, the rest is asked of the supergraph.
 */
const KINDS: Record<string, string> = {
  OrderPlaced: 'PLACED',
  OrderConfirmed: 'CONFIRMED',
  OrderProcessingStarted: 'PROCESSING_STARTED',
  OrderShipped: 'SHIPPED',
  OrderDelivered: 'DELIVERED',
  OrderCancelled: 'CANCELLED',
  OrderRefunded: 'REFUNDED',
};

/** The OrderUpdate type's own fields. */
export interface OrderUpdateFacts {
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

/** What the gateway filters on besides the facts: whose order it is. */
export interface LiveOrderUpdate extends OrderUpdateFacts {
  customerId: string | null;
}

const text = (value: unknown) => (typeof value === 'string' ? value : null);

/** An order event as an update; null for anything else (other aggregates, unknown types, a payload without the basics). */
export function orderUpdateOf(event: EventEnvelope): LiveOrderUpdate | null {
  const kind = KINDS[event.type];
  const data = (event.data ?? {}) as Record<string, unknown>;
  if (event.aggregateType !== 'Order' || !kind || typeof data.status !== 'string' || typeof data.orderNumber !== 'string') return null;
  const amount = text(data.amount);
  return {
    kind,
    orderId: event.aggregateId,
    number: data.orderNumber,
    customerId: text(data.customerId),
    status: data.status.toUpperCase(),
    previousStatus: text(data.previousStatus)?.toUpperCase() ?? null,
    version: event.version,
    occurredAt: text(data.occurredAt) ?? event.occurredAt,
    carrier: text(data.carrier),
    trackingNumber: text(data.trackingNumber),
    refundedAmount: kind === 'REFUNDED' && amount ? { amount, currency: text(data.currency) ?? 'USD' } : null,
  };
}
