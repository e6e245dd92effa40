import { money } from '@shop/platform';
import type { PaymentContext } from '../context';
import { dec } from '../domain/money';
import type { Refund as RefundRow } from '../generated/prisma/client';

type Ctx = PaymentContext;

/** A refund's amount is in its payment's currency. */
export const Refund = {
  amount: async (r: RefundRow, _: unknown, ctx: Ctx) => money(dec(r.refundAmount), (await ctx.loaders.payment.load(r.paymentId))?.currency ?? 'USD'),
  status: (r: RefundRow) => (r.status ?? 'pending').toUpperCase(),
  processedAt: (r: RefundRow) => r.processedAt?.toISOString() ?? null,
  createdAt: (r: RefundRow) => (r.createdAt ?? new Date(0)).toISOString(),
  payment: (r: RefundRow, _: unknown, ctx: Ctx) => ctx.loaders.payment.load(r.paymentId),
};
