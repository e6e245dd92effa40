import { Decimal, ShopError } from '@shop/platform';
import { refundedByPayments } from '../domain/payment-operations';
import type { CheckoutPorts } from '../ports';

/** What happened to the order's stock so far: held for a checkout, committed to a confirmed order, or neither. */
export type StockState = 'held' | 'committed' | 'none';

/**
 * The one owner of giving an order's money and stock back: a failed checkout's compensation and a cancelled
 * order's settlement both come here. Every open authorization is voided (one the saga never recorded too), every
 * captured amount still refundable is refunded, and the stock is released (held) or put back on sale (committed).
 * Idempotent: under the same key the payment repeats itself, and inventory's calls are idempotent per order, so a
 * retry or recovery may run it again. Returns what the order's payments have refunded in all.
 */
export async function giveBackMoneyAndStock(
  ports: CheckoutPorts,
  orderId: string,
  { stock, key, reason }: { stock: StockState; key: string; reason: string },
): Promise<Decimal> {
  const payments = await ports.payment.ofOrder(orderId);
  let changed = false;
  for (const p of payments) {
    if (p.status === 'AUTHORIZED' || p.status === 'PENDING') {
      await ports.payment.void(p.id, key);
      changed = true;
    } else if (p.refundable && new Decimal(p.refundable).greaterThan(0)) {
      await ports.payment.refund(p.id, p.refundable, reason, key);
      changed = true;
    }
  }
  if (stock === 'held') await ports.stock.release(orderId).catch(nothingHeld);
  if (stock === 'committed') await ports.stock.returnStock(orderId);
  return refundedByPayments(changed ? await ports.payment.ofOrder(orderId) : payments);
}

/** A checkout that failed before inventory reserved anything has nothing to release. */
function nothingHeld(error: unknown): void {
  if (!(error instanceof ShopError && error.code === 'NOT_FOUND')) throw error;
}
