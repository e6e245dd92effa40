import type { PageArgs } from '@shop/platform';
import type { PaymentContext } from '../context';
import { myPaymentMethods } from '../services/payment-methods';
import { myPayments, orderPayments, paymentById, searchPayments } from '../services/queries';

type Ctx = PaymentContext;

export const Query = {
  myPaymentMethods: (_: unknown, _args: unknown, ctx: Ctx) => myPaymentMethods(ctx),
  myPayments: (_: unknown, args: PageArgs, ctx: Ctx) => myPayments(ctx, args),
  payment: (_: unknown, args: { id: string }, ctx: Ctx) => paymentById(ctx, args.id),
  payments: (_: unknown, args: PageArgs & { filter?: unknown }, ctx: Ctx) => searchPayments(ctx, args),
  orderPayments: (_: unknown, args: { orderId: string }, ctx: Ctx) => orderPayments(ctx, args.orderId),
};
