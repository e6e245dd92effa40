import { authorizePayment } from '../services/authorize';
import { capturePayment, voidPayment } from '../services/captures';
import { addPaymentMethod, removePaymentMethod, setDefaultPaymentMethod } from '../services/payment-methods';
import { refundPayment } from '../services/refunds';
import type { MutationResolvers } from './types.generated';

export const Mutation: MutationResolvers = {
  addPaymentMethod: (_, args, ctx) => addPaymentMethod(ctx, args),
  removePaymentMethod: (_, args, ctx) => removePaymentMethod(ctx, args.id),
  setDefaultPaymentMethod: (_, args, ctx) => setDefaultPaymentMethod(ctx, args.id),

  authorizePayment: (_, args, ctx) => authorizePayment(ctx, args.input),
  capturePayment: (_, args, ctx) => capturePayment(ctx, args.paymentId, args.amount, args.idempotencyKey),
  voidPayment: (_, args, ctx) => voidPayment(ctx, args.paymentId, args.idempotencyKey),
  refundPayment: (_, args, ctx) => refundPayment(ctx, args),
};
