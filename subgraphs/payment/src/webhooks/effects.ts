import type { PaymentContext } from '../context';
import type { Prisma, PaymentTx } from '../db';
import { dec, Decimal } from '../domain/money';
import { statusAfterRefund } from '../domain/payment';
import type { Payment } from '../generated/prisma/client';
import { ABANDONED, applyFailure } from '../services/authorize';
import { abandoned, callProvider, lockPayment, recordEvent, touched } from '../services/payment-rows';

export interface StoredEvent {
  id: string;
  type: string;
  data: Prisma.JsonObject;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The payment an event's `reference` names, when it is one of our ids. */
export const paymentIdOf = (reference: unknown) => (typeof reference === 'string' && UUID.test(reference) ? reference.toLowerCase() : null);
const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
const amount = (value: unknown) => (typeof value === 'string' && /^\d{1,8}(\.\d{1,2})?$/.test(value) ? new Decimal(value) : null);

/**
 * What a provider event changes. Usually our synchronous answer already recorded it, and the event is noted as
 * `provider_confirmed`. It changes state when our side missed something: an answer lost to a timeout (a capture
 * or refund the provider did make), or an authorization the provider made after we gave up (voided at once).
 * Runs inside the webhook row's transaction, with the payment's row locked.
 */
export async function applyWebhookEffect(ctx: PaymentContext, tx: PaymentTx, event: StoredEvent): Promise<'done' | 'retry_later'> {
  const paymentId = paymentIdOf(event.data.reference);
  const payment = paymentId ? await lockPayment(tx, paymentId) : null;
  if (!payment || payment.provider !== ctx.provider.name) {
    ctx.log.warn({ eventId: event.id, type: event.type }, 'webhook names no payment of ours; stored and ignored');
    return 'done';
  }
  const authorizationId = text(event.data.authorizationId);
  if (payment.externalTransactionId && authorizationId && payment.externalTransactionId !== authorizationId && payment.status !== 'failed') {
    ctx.log.warn({ eventId: event.id, paymentId: payment.id }, 'webhook names another authorization than ours; ignored');
    return 'done';
  }
  const note = { webhookEventId: event.id, providerEventType: event.type };
  // Its own request is still waiting for the provider: let it settle first, then the event is applied.
  if (payment.status === 'pending' && !abandoned(ctx, payment)) return 'retry_later';
  // A pending one's request died before it settled: nobody was told "authorized", so nothing may stay authorized.
  const current = payment.status === 'pending' ? await applyFailure(tx, payment, ABANDONED) : payment;
  switch (event.type) {
    case 'payment.authorized':
      return (current.status === 'failed' && authorizationId && (await voidLateAuthorization(ctx, tx, current, authorizationId, note))) || confirm(tx, current, note);
    case 'payment.captured':
      return (await reconcileCapture(ctx, tx, current, amount(event.data.capturedTotal), note)) || confirm(tx, current, note);
    case 'charge.refunded':
      return (await reconcileRefund(ctx, tx, current, event, note)) || confirm(tx, current, note);
    case 'payment.voided':
      return (await reconcileVoid(tx, current, note)) || confirm(tx, current, note);
    default:
      return confirm(tx, current, note);
  }
}

async function confirm(tx: PaymentTx, payment: Payment, note: Record<string, string>): Promise<'done'> {
  await recordEvent(tx, payment.id, 'provider_confirmed', note);
  return 'done';
}

/** The provider authorized a payment we recorded as failed (its answer came too late): release the hold. */
async function voidLateAuthorization(ctx: PaymentContext, tx: PaymentTx, payment: Payment, authorizationId: string, note: Record<string, string>) {
  const earlier = await tx.paymentEvent.findMany({ where: { paymentId: payment.id, eventType: 'late_authorization_voided' }, select: { eventData: true } });
  if (earlier.some((e) => ((e.eventData as { authorizationIds?: string[] }).authorizationIds ?? []).includes(authorizationId))) return null;
  // A failing void throws: the event stays unprocessed and is retried, so the hold cannot be forgotten.
  await callProvider(ctx, 'void', ctx.provider.void(authorizationId));
  await recordEvent(tx, payment.id, 'late_authorization_voided', { authorizationIds: [authorizationId], source: 'webhook', ...note });
  return 'done' as const;
}

/** The provider captured more than we recorded (our capture call timed out, yet it went through). */
async function reconcileCapture(ctx: PaymentContext, tx: PaymentTx, payment: Payment, total: Decimal | null, note: Record<string, string>) {
  const ours = dec(payment.capturedAmount);
  if (!total || total.lte(ours) || !['authorized', 'captured'].includes(payment.status)) return null;
  if (total.gt(dec(payment.authorizedAmount))) {
    ctx.log.error({ paymentId: payment.id, ...note }, 'provider reports a capture above the authorization; not applied');
    return null;
  }
  await tx.payment.update({
    where: { id: payment.id },
    data: { status: 'captured', capturedAmount: total.toFixed(2), capturedAt: new Date(), ...touched() },
  });
  // The capture whose answer was lost is the one that went through: a retry with its key is then answered, not repeated.
  const lost = await tx.capture.findFirst({ where: { paymentId: payment.id, status: 'failed', failureCode: 'provider_timeout', amount: total.minus(ours).toFixed(2) } });
  if (lost) await tx.capture.update({ where: { id: lost.id }, data: { status: 'completed', failureCode: null, processedAt: new Date() } });
  await recordEvent(tx, payment.id, 'captured', { amount: total.minus(ours).toFixed(2), source: 'webhook', ...note });
  return 'done' as const;
}

/** The provider voided an authorization we still show as open (our void call timed out, yet it went through). */
async function reconcileVoid(tx: PaymentTx, payment: Payment, note: Record<string, string>) {
  if (payment.status !== 'authorized' || dec(payment.capturedAmount).gt(0)) return null;
  await tx.payment.update({ where: { id: payment.id }, data: { status: 'voided', ...touched() } });
  await recordEvent(tx, payment.id, 'voided', { authorizationId: payment.externalTransactionId, source: 'webhook', ...note });
  return 'done' as const;
}

/** The provider refunded more than we recorded (our refund call timed out, yet it went through). */
async function reconcileRefund(ctx: PaymentContext, tx: PaymentTx, payment: Payment, event: StoredEvent, note: Record<string, string>) {
  const total = amount(event.data.refundedTotal);
  const ours = dec(payment.refundedAmount);
  const captured = dec(payment.capturedAmount);
  if (!total || total.lte(ours) || !['captured', 'partially_refunded'].includes(payment.status)) return null;
  if (total.gt(captured)) {
    ctx.log.error({ paymentId: payment.id, ...note }, 'provider reports refunds above the captured amount; not applied');
    return null;
  }
  const missing = total.minus(ours);
  const externalRefundId = text(event.data.refundId) ?? null;
  const lost = await tx.refund.findFirst({ where: { paymentId: payment.id, status: 'failed', failureCode: 'provider_timeout', refundAmount: missing.toFixed(2) } });
  const refund = lost
    ? await tx.refund.update({ where: { id: lost.id }, data: { status: 'completed', externalRefundId, processedAt: new Date() } })
    : await tx.refund.create({
        data: { paymentId: payment.id, refundAmount: missing.toFixed(2), reason: 'Reported by the payment provider', status: 'completed', externalRefundId, processedAt: new Date() },
      });
  await tx.payment.update({ where: { id: payment.id }, data: { refundedAmount: total.toFixed(2), status: statusAfterRefund(captured, total), ...touched() } });
  await recordEvent(tx, payment.id, 'refunded', { refundId: refund.id, amount: missing.toFixed(2), refundedTotal: total.toFixed(2), source: 'webhook', ...note });
  return 'done' as const;
}
