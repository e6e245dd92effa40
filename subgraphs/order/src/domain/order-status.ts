import { badUserInput, conflict } from '@shop/platform';

/** The lifecycle of an order, as stored in orders.status (CHECK in the migration). */
export const ORDER_STATUSES = ['pending', 'confirmed', 'processing', 'shipped', 'delivered', 'cancelled', 'refunded'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * The only moves an order can make. Cancelling is possible until the parcel leaves (shipped); after that the
 * way back is a refund. Cancelled and refunded are final.
 */
const TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  pending: ['confirmed', 'cancelled'],
  confirmed: ['processing', 'cancelled'],
  processing: ['shipped', 'cancelled'],
  shipped: ['delivered', 'refunded'],
  delivered: ['refunded'],
  cancelled: [],
  refunded: [],
};

export const isOrderStatus = (value: string): value is OrderStatus => (ORDER_STATUSES as readonly string[]).includes(value);

export function allowedTransitions(from: OrderStatus): readonly OrderStatus[] {
  return TRANSITIONS[from];
}

/**
 * Refuses a move the lifecycle does not allow. An unknown status is the caller's mistake (BAD_USER_INPUT);
 * a known move that the order's current status forbids is a CONFLICT with the order's state.
 */
export function assertTransitionAllowed(from: string, to: string): asserts to is OrderStatus {
  if (!isOrderStatus(to)) throw badUserInput(`"${to}" is not an order status.`, [{ field: 'status', message: 'unknown status' }]);
  if (!isOrderStatus(from)) throw new Error(`The order has an unknown status "${from}"`);
  if (from === to) throw conflict(`The order is already ${from}.`, { currentStatus: from });
  const allowed = TRANSITIONS[from];
  if (!allowed.includes(to)) {
    const next = allowed.length ? `it can only become ${allowed.join(' or ')}` : 'that is final';
    throw conflict(`An order that is ${from} cannot become ${to}: ${next}.`, { currentStatus: from, allowed: [...allowed] });
  }
}

/** Customers may cancel their own order until it ships; after that it is a return. */
export function assertCustomerMayCancel(status: string): void {
  if (status === 'pending' || status === 'confirmed' || status === 'processing') return;
  if (status === 'cancelled') throw conflict('This order is already cancelled.', { currentStatus: status });
  throw conflict(`This order is ${status} and can no longer be cancelled; ask for a return instead.`, { currentStatus: status });
}
