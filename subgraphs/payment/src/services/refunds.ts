import { assertAdmin, assertService, conflict, isAdmin, parseInput, type Viewer } from '@shop/platform';
import type { PaymentContext } from '../context';
import type { PaymentTx } from '../db';
import { refundInput } from '../domain/inputs';
import { dec, type Decimal } from '../domain/money';
import { assertCanRefund, statusAfterRefund, type DeclineReason } from '../domain/payment';
import type { Payment, Refund } from '../generated/prisma/client';
import { actorOf, callProvider, declineOf, paymentDeclined, recordEvent, touched, withLockedPayment, stateOf, type Outcome } from './payment-rows';

export interface RefundRequest {
  paymentId: string;
  amount: string;
  reason?: string | null;
  idempotencyKey?: string | null;
}

/** The order saga (service token) and staff may refund; nobody else. */
function assertMayRefund(viewer: Viewer): void {
  if (isAdmin(viewer)) return;
  assertService(viewer);
}

/**
 * Refunds part or all of what was captured. Refunds add up to at most the captured amount: checked under the
 * payment's row lock (so two concurrent refunds cannot both pass), and again by the database's CHECK on
 * payments.refunded_amount. With an idempotency key, a retried refund is the same refund, not a second one.
 */
export function refundPayment(ctx: PaymentContext, request: RefundRequest): Promise<Refund> {
  assertMayRefund(ctx.viewer);
  const input = parseInput(refundInput, request);
  return withLockedPayment(ctx, input.paymentId, async (tx, payment): Promise<Outcome<Refund>> => {
    if (input.idempotencyKey) {
      const earlier = await tx.refund.findUnique({ where: { paymentId_idempotencyKey: { paymentId: payment.id, idempotencyKey: input.idempotencyKey } } });
      if (earlier) return { result: replayRefund(earlier, input.amount, payment.id) };
    }
    assertCanRefund(stateOf(payment), input.amount);
    const refund = await tx.refund.create({
      data: { paymentId: payment.id, refundAmount: input.amount.toFixed(2), reason: input.reason, status: 'pending', idempotencyKey: input.idempotencyKey },
    });
    try {
      const answer = await callProvider(
        ctx,
        'refund',
        ctx.provider.refund({ authorizationId: payment.externalTransactionId!, amount: input.amount.toFixed(2), idempotencyKey: refund.id }),
      );
      return { result: await completeRefund(ctx, tx, payment, refund, input.amount, answer.refundId) };
    } catch (error) {
      const decline = declineOf(ctx, error);
      const failed = await tx.refund.update({ where: { id: refund.id }, data: { status: 'failed', failureCode: decline.reason, processedAt: new Date() } });
      await recordEvent(tx, payment.id, 'refund_failed', { refundId: refund.id, amount: input.amount.toFixed(2), reason: decline.reason, by: actorOf(ctx.viewer) });
      return { result: failed, failure: paymentDeclined(decline, payment.id) };
    }
  });
}

async function completeRefund(ctx: PaymentContext, tx: PaymentTx, payment: Payment, refund: Refund, amount: Decimal, externalRefundId: string): Promise<Refund> {
  const refunded = dec(payment.refundedAmount).plus(amount);
  await tx.payment.update({
    where: { id: payment.id },
    data: { refundedAmount: refunded.toFixed(2), status: statusAfterRefund(dec(payment.capturedAmount), refunded), ...touched() },
  });
  await recordEvent(tx, payment.id, 'refunded', {
    refundId: refund.id,
    amount: amount.toFixed(2),
    refundedTotal: refunded.toFixed(2),
    reason: refund.reason,
    by: actorOf(ctx.viewer),
  });
  return tx.refund.update({ where: { id: refund.id }, data: { status: 'completed', externalRefundId, processedAt: new Date() } });
}

function replayRefund(earlier: Refund, amount: Decimal, paymentId: string): Refund {
  if (!dec(earlier.refundAmount).eq(amount)) {
    throw conflict('This idempotency key was already used for a refund of a different amount.', { refundId: earlier.id, paymentId });
  }
  if (earlier.status === 'failed') {
    const reason = (earlier.failureCode ?? 'processing_error') as DeclineReason;
    throw paymentDeclined({ reason, message: 'This refund was declined by the payment provider.' }, paymentId);
  }
  return earlier;
}

/** Staff's entry point to the same refund (the schema gives it its own field with @requiresRole(role: "admin")). */
export function refundPaymentAsStaff(ctx: PaymentContext, request: RefundRequest): Promise<Refund> {
  assertAdmin(ctx.viewer);
  return refundPayment(ctx, request);
}
