import { myPaymentMethods } from '../services/payment-methods';
import { myPayments, orderPayments, paymentById, searchPayments } from '../services/queries';
import type { QueryResolvers } from './types.generated';

export const Query: QueryResolvers = {
  myPaymentMethods: (_, _args, ctx) => myPaymentMethods(ctx),
  myPayments: (_, args, ctx) => myPayments(ctx, args),
  payment: (_, args, ctx) => paymentById(ctx, args.id),
  payments: (_, args, ctx) => searchPayments(ctx, args),
  orderPayments: (_, args, ctx) => orderPayments(ctx, args.orderId),
};
