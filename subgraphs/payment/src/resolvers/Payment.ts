import { money } from '@shop/platform';
import type { PaymentContext } from '../context';
import { dec } from '../domain/money';
import { capturableAmount, refundableAmount } from '../domain/payment';
import type { Payment as PaymentRow, PaymentEvent as EventRow } from '../generated/prisma/client';
import { stateOf } from '../services/payment-rows';
import { paymentReference } from '../services/queries';

type Ctx = PaymentContext;
const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

export const Payment = {
  __resolveReference: (ref: { id: string }, ctx: Ctx) => paymentReference(ctx, ref.id),
  status: (p: PaymentRow) => p.status.toUpperCase(),
  amount: (p: PaymentRow) => money(dec(p.amount), p.currency),
  authorizedAmount: (p: PaymentRow) => (p.authorizedAmount ? money(dec(p.authorizedAmount), p.currency) : null),
  capturedAmount: (p: PaymentRow) => money(dec(p.capturedAmount), p.currency),
  refundedAmount: (p: PaymentRow) => money(dec(p.refundedAmount), p.currency),
  capturableAmount: (p: PaymentRow) => money(capturableAmount(stateOf(p)), p.currency),
  refundableAmount: (p: PaymentRow) => money(refundableAmount(stateOf(p)), p.currency),
  providerFee: (p: PaymentRow) => (p.providerFee ? money(dec(p.providerFee), p.currency) : null),
  paymentMethod: (p: PaymentRow, _: unknown, ctx: Ctx) => (p.paymentMethodId ? ctx.loaders.method.load(p.paymentMethodId) : null),
  authorizedAt: (p: PaymentRow) => iso(p.authorizedAt),
  authorizationExpiresAt: (p: PaymentRow) => iso(p.authorizationExpiresAt),
  capturedAt: (p: PaymentRow) => iso(p.capturedAt),
  failureMessage: (p: PaymentRow) => p.failureReason,
  events: (p: PaymentRow, _: unknown, ctx: Ctx) => ctx.loaders.events.load(p.id),
  refunds: (p: PaymentRow, _: unknown, ctx: Ctx) => ctx.loaders.refunds.load(p.id),
  createdAt: (p: PaymentRow) => (p.createdAt ?? new Date(0)).toISOString(),
  version: (p: PaymentRow) => Number(p.version ?? 1),
};

/** An event's amount and reason come from its data, in the payment's currency. */
export const PaymentEvent = {
  type: (e: EventRow) => e.eventType,
  amount: async (e: EventRow, _: unknown, ctx: Ctx) => {
    const amount = (e.eventData as { amount?: unknown }).amount;
    if (typeof amount !== 'string') return null;
    const payment = await ctx.loaders.payment.load(e.paymentId);
    return payment ? money(amount, payment.currency) : null;
  },
  reason: (e: EventRow) => {
    const reason = (e.eventData as { reason?: unknown }).reason;
    return typeof reason === 'string' ? reason : null;
  },
  source: (e: EventRow) => {
    const source = (e.eventData as { source?: unknown }).source;
    return typeof source === 'string' ? source : null;
  },
  createdAt: (e: EventRow) => (e.createdAt ?? new Date(0)).toISOString(),
};
