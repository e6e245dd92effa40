import { money } from '@shop/platform';
import { dec } from '../domain/money';
import type { RefundResolvers, RefundStatus } from './types.generated';

/** A refund's amount is in its payment's currency. */
export const Refund: RefundResolvers = {
  amount: async (r, _, ctx) => money(dec(r.refundAmount), (await ctx.loaders.payment.load(r.paymentId))?.currency ?? 'USD'),
  // status's CHECK allows only pending, completed and failed.
  status: (r) => (r.status ?? 'pending').toUpperCase() as RefundStatus,
  processedAt: (r) => r.processedAt?.toISOString() ?? null,
  createdAt: (r) => (r.createdAt ?? new Date(0)).toISOString(),
  payment: async (r, _, ctx) => {
    const payment = await ctx.loaders.payment.load(r.paymentId);
    // refunds.payment_id references payments, so this cannot happen; Refund.payment is non-null.
    if (!payment) throw new Error(`Refund ${r.id} has no payment ${r.paymentId}`);
    return payment;
  },
};
