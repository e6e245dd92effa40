import type { PaymentContext } from '../context';
import { authorizePayment } from '../services/authorize';
import { capturePayment, voidPayment } from '../services/captures';
import { addPaymentMethod, removePaymentMethod, setDefaultPaymentMethod } from '../services/payment-methods';
import { refundPayment, type RefundRequest } from '../services/refunds';

type Ctx = PaymentContext;

export const Mutation = {
  addPaymentMethod: (_: unknown, args: { card: unknown; makeDefault?: boolean | null }, ctx: Ctx) => addPaymentMethod(ctx, args),
  removePaymentMethod: (_: unknown, args: { id: string }, ctx: Ctx) => removePaymentMethod(ctx, args.id),
  setDefaultPaymentMethod: (_: unknown, args: { id: string }, ctx: Ctx) => setDefaultPaymentMethod(ctx, args.id),

  authorizePayment: (_: unknown, args: { input: unknown }, ctx: Ctx) => authorizePayment(ctx, args.input),
  capturePayment: (_: unknown, args: { paymentId: string; amount?: string | null; idempotencyKey?: string | null }, ctx: Ctx) =>
    capturePayment(ctx, args.paymentId, args.amount, args.idempotencyKey),
  voidPayment: (_: unknown, args: { paymentId: string; idempotencyKey?: string | null }, ctx: Ctx) => voidPayment(ctx, args.paymentId, args.idempotencyKey),
  refundPayment: (_: unknown, args: RefundRequest, ctx: Ctx) => refundPayment(ctx, args),
};
