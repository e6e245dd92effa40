import type { OrderStatus } from './order-status';

/**
 * Integration events the order context publishes, named <Aggregate><PastTense>. They are written to the
 * outbox (domain_events) in the transaction that makes the change; receivers keep their own copy of this
 * contract and validate it. `schema` (and the envelope's schemaVersion) versions the payload shape.
 */
export type OrderEventType =
  | 'OrderPlaced'
  | 'OrderConfirmed'
  | 'OrderProcessingStarted'
  | 'OrderShipped'
  | 'OrderDelivered'
  | 'OrderCancelled'
  | 'OrderRefunded';

export const ORDER_AGGREGATE = 'Order';

/** The contract version of every order event's payload (the envelope's schemaVersion; `schema` in the payload repeats it). */
export const ORDER_EVENTS_SCHEMA = 1;

/** The event a move into `status` raises. */
export function eventForStatus(status: OrderStatus): OrderEventType {
  const events: Record<OrderStatus, OrderEventType> = {
    pending: 'OrderPlaced',
    confirmed: 'OrderConfirmed',
    processing: 'OrderProcessingStarted',
    shipped: 'OrderShipped',
    delivered: 'OrderDelivered',
    cancelled: 'OrderCancelled',
    refunded: 'OrderRefunded',
  };
  return events[status];
}

/** Fields every order event carries, so a consumer never has to call back for the basics. */
export interface OrderEventBase {
  schema: 1;
  orderId: string;
  orderNumber: string;
  customerId: string | null;
  status: OrderStatus;
  previousStatus: OrderStatus | null;
  /** Who made the change: a customer, a staff member, or null for the shop's own processes. */
  changedBy: string | null;
  occurredAt: string;
}

export interface OrderPlacedData extends OrderEventBase {
  email: string;
  currency: string;
  subtotal: string;
  discount: string;
  shipping: string;
  tax: string;
  total: string;
  discountCode: string | null;
  loyaltyPointsRedeemed: number;
  /** `name`, `variantName` and `lineTotal` were added later (optional for receivers of older events): what a receipt shows. */
  items: {
    variantId: string;
    productId: string | null;
    sku: string;
    quantity: number;
    unitPrice: string;
    name?: string;
    variantName?: string | null;
    lineTotal?: string;
  }[];
}

export interface OrderStatusChangedData extends OrderEventBase {
  notes: string | null;
  /** The order's money after the change, so receivers (loyalty) never call back: total paid, refunded so far. */
  currency: string;
  total: string;
  refundedTotal: string;
  /** OrderShipped */
  carrier?: string | null;
  trackingNumber?: string | null;
  /** OrderCancelled: points to give back to the customer (the customer context reacts). */
  loyaltyPointsRedeemed?: number;
  /** OrderCancelled: whether payment may have been taken (the order had been confirmed). */
  wasConfirmed?: boolean;
  /** OrderRefunded */
  amount?: string;
  full?: boolean;
}
