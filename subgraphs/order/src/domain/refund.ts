import { badUserInput, conflict, Decimal } from '@shop/platform';
import type { OrderStatus } from './order-status';

export interface Refundable {
  status: string;
  totalAmount: string;
  refundedAmount: string;
}

export interface RefundPlan {
  amount: string;
  refundedTotal: string;
  /** The whole total is now refunded: the order becomes `refunded`. */
  full: boolean;
  nextStatus: OrderStatus;
}

/** Goods that left the warehouse are refunded; before that an order is cancelled instead. */
export const REFUNDABLE: readonly string[] = ['shipped', 'delivered'];

/**
 * A refund of `requested` (null: everything not yet refunded). Partial refunds add up; the order becomes
 * `refunded` once they reach its total, and nothing beyond the total can be refunded.
 */
export function planRefund(order: Refundable, requested: Decimal | null): RefundPlan {
  if (!REFUNDABLE.includes(order.status)) {
    throw conflict(`An order that is ${order.status} cannot be refunded${order.status === 'refunded' ? ' again' : '; cancel it instead'}.`, {
      currentStatus: order.status,
    });
  }
  const total = new Decimal(order.totalAmount);
  const already = new Decimal(order.refundedAmount);
  const left = total.minus(already);
  const amount = requested ?? left;
  if (amount.lessThanOrEqualTo(0)) throw badUserInput('A refund must be more than 0.', [{ field: 'amount', message: 'must be more than 0' }]);
  if (amount.greaterThan(left)) {
    throw badUserInput(`At most ${left.toFixed(2)} of this order can still be refunded.`, [{ field: 'amount', message: `must be at most ${left.toFixed(2)}` }]);
  }
  const refundedTotal = already.plus(amount);
  const full = refundedTotal.equals(total);
  return { amount: amount.toFixed(2), refundedTotal: refundedTotal.toFixed(2), full, nextStatus: full ? 'refunded' : (order.status as OrderStatus) };
}
