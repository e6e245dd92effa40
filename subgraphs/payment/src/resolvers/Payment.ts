import { money } from '@shop/platform';
import { dec } from '../domain/money';
import { capturableAmount, refundableAmount } from '../domain/payment';
import { stateOf } from '../services/payment-rows';
import { paymentReference } from '../services/queries';
import type { PaymentEventResolvers, PaymentResolvers, PaymentStatus } from './types.generated';

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

export const Payment: PaymentResolvers = {
  __resolveReference: (ref, ctx) => paymentReference(ctx, ref.id),
  // status's CHECK allows only the schema's PaymentStatus values, lower-cased.
  status: (p) => p.status.toUpperCase() as PaymentStatus,
  amount: (p) => money(dec(p.amount), p.currency),
  authorizedAmount: (p) => (p.authorizedAmount ? money(dec(p.authorizedAmount), p.currency) : null),
  capturedAmount: (p) => money(dec(p.capturedAmount), p.currency),
  refundedAmount: (p) => money(dec(p.refundedAmount), p.currency),
  capturableAmount: (p) => money(capturableAmount(stateOf(p)), p.currency),
  refundableAmount: (p) => money(refundableAmount(stateOf(p)), p.currency),
  providerFee: (p) => (p.providerFee ? money(dec(p.providerFee), p.currency) : null),
  paymentMethod: (p, _, ctx) => (p.paymentMethodId ? ctx.loaders.method.load(p.paymentMethodId) : null),
  authorizedAt: (p) => iso(p.authorizedAt),
  authorizationExpiresAt: (p) => iso(p.authorizationExpiresAt),
  capturedAt: (p) => iso(p.capturedAt),
  failureMessage: (p) => p.failureReason,
  events: (p, _, ctx) => ctx.loaders.events.load(p.id),
  refunds: (p, _, ctx) => ctx.loaders.refunds.load(p.id),
  createdAt: (p) => (p.createdAt ?? new Date(0)).toISOString(),
  version: (p) => Number(p.version ?? 1),
};

/** An event's amount and reason come from its data, in the payment's currency. */
export const PaymentEvent: PaymentEventResolvers = {
  type: (e) => e.eventType,
  amount: async (e, _, ctx) => {
    const amount = (e.eventData as { amount?: unknown }).amount;
    if (typeof amount !== 'string') return null;
    const payment = await ctx.loaders.payment.load(e.paymentId);
    return payment ? money(amount, payment.currency) : null;
  },
  reason: (e) => {
    const reason = (e.eventData as { reason?: unknown }).reason;
    return typeof reason === 'string' ? reason : null;
  },
  source: (e) => {
    const source = (e.eventData as { source?: unknown }).source;
    return typeof source === 'string' ? source : null;
  },
  createdAt: (e) => (e.createdAt ?? new Date(0)).toISOString(),
};
