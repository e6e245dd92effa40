import { badUserInput, Decimal } from '@shop/platform';
import type { OrderContext } from '../context';
import type { Order } from '../generated/prisma/client';

/**
 * The money side of fulfilment, through the payment context (when this order service takes checkouts):
 * capture at shipment, give back on cancellation, refund on request. Orders placed another way have no
 * payments, and these do nothing for them.
 */
export async function captureForShipment(ctx: OrderContext, orderId: string): Promise<void> {
  if (!ctx.checkout) return;
  const { payment } = ctx.checkout.ports;
  for (const p of await payment.ofOrder(orderId)) if (p.status === 'AUTHORIZED') await payment.capture(p.id);
}

/** After shipping is recorded: the shipped goods leave the stock books. A failure is logged, not undone. */
export async function fulfilStock(ctx: OrderContext, orderId: string): Promise<void> {
  await ctx.checkout?.ports.stock.fulfil(orderId).catch((err: unknown) => ctx.log.error({ err, orderId }, 'shipped, but the stock could not be fulfilled'));
}

/**
 * A cancelled order keeps no money and no stock: an open authorization is voided, a capture is refunded in full,
 * held stock is released and committed stock returned. Runs after the cancellation is committed; a failure is
 * logged (OrderCancelled carries what is needed to retry).
 */
export async function settleCancelledOrder(ctx: OrderContext, order: Order, previousStatus: string | null): Promise<void> {
  if (!ctx.checkout) return;
  const { payment, stock } = ctx.checkout.ports;
  try {
    if (previousStatus === 'confirmed' || previousStatus === 'processing') await stock.returnStock(order.id);
    for (const p of await payment.ofOrder(order.id)) {
      if (p.status === 'AUTHORIZED') await payment.void(p.id);
      else if (p.refundable && new Decimal(p.refundable).greaterThan(0)) {
        await payment.refund(p.id, p.refundable, 'Order cancelled', `cancel-${order.id}`);
      }
    }
  } catch (err) {
    ctx.log.error({ err, orderId: order.id }, 'the order is cancelled but its payment could not be voided or refunded');
  }
}

/**
 * A staff refund moves the money first: the captured payment gives back `amount` (the key makes a retry the same
 * refund), and only then is the refund recorded on the order.
 */
export async function refundPayments(ctx: OrderContext, order: Order, amount: string, refundedTotalAfter: string, reason: string): Promise<void> {
  if (!ctx.checkout) return;
  const { payment } = ctx.checkout.ports;
  const captured = (await payment.ofOrder(order.id)).find((p) => p.refundable && new Decimal(p.refundable).greaterThanOrEqualTo(amount));
  if (!captured) {
    throw badUserInput('No captured payment of this order can give back that much.', [{ field: 'amount', message: 'exceeds what was captured' }]);
  }
  await payment.refund(captured.id, amount, reason, `refund-${order.id}-${refundedTotalAfter}`);
}
