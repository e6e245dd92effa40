import { assertService, parseInput } from '@shop/platform';
import type { PaymentContext } from '../context';
import type { PaymentTx } from '../db';
import { refundInput } from '../domain/inputs';
import { dec, type Decimal } from '../domain/money';
import { assertCanRefund, providerKey, replayOf, statusAfterRefund, type DeclineReason } from '../domain/payment';
import type { Payment, Refund } from '../generated/prisma/client';
import { actorOf, callProvider, declineOf, paymentDeclined, recordEvent, touched, withLockedPayment, stateOf, type Outcome } from './payment-rows';

export interface RefundRequest {
  paymentId: string;
  amount: string;
  reason?: string | null;
  idempotencyKey?: string | null;
}

/**
 * Refunds part or all of what was captured. Refunds add up to at most the captured amount: checked under the
 * payment's row lock (so two concurrent refunds cannot both pass), and again by the database's CHECK on
 * payments.refunded_amount. With an idempotency key, a retried refund is the same refund, not a second one —
 * also when the first attempt's answer never came (the provider is asked again under the same key).
 *
 * Only the order service (service token) refunds: staff refund an order with the order's `refundOrder`, so the
 * order's books and the payment's always agree.
 */
export function refundPayment(ctx: PaymentContext, request: RefundRequest): Promise<Refund> {
  assertService(ctx.viewer);
  const input = parseInput(refundInput, request);
  return withLockedPayment(ctx, input.paymentId, async (tx, payment): Promise<Outcome<Refund>> => {
    if (input.idempotencyKey) {
      const earlier = await tx.refund.findUnique({ where: { paymentId_idempotencyKey: { paymentId: payment.id, idempotencyKey: input.idempotencyKey } } });
      if (earlier) {
        const replay = replayOf({ ...earlier, amount: dec(earlier.refundAmount) }, input.amount, 'refund');
        if (replay === 'done') return { result: earlier };
        if (replay === 'declined') {
          const reason = (earlier.failureCode ?? 'processing_error') as DeclineReason;
          return { result: earlier, failure: paymentDeclined({ reason, message: 'This refund was declined by the payment provider.' }, payment.id) };
        }
        return attemptRefund(ctx, tx, payment, earlier);
      }
    }
    assertCanRefund(stateOf(payment), input.amount);
    const refund = await tx.refund.create({
      data: { paymentId: payment.id, refundAmount: input.amount.toFixed(2), reason: input.reason, status: 'pending', idempotencyKey: input.idempotencyKey },
    });
    return attemptRefund(ctx, tx, payment, refund);
  });
}

/** Asks the provider for a recorded refund (first try, or a retry under the same provider key) and records its answer. */
async function attemptRefund(ctx: PaymentContext, tx: PaymentTx, payment: Payment, refund: Refund): Promise<Outcome<Refund>> {
  const amount = dec(refund.refundAmount);
  try {
    const answer = await callProvider(
      ctx,
      'refund',
      ctx.provider.refund({
        authorizationId: payment.externalTransactionId!,
        amount: amount.toFixed(2),
        idempotencyKey: providerKey('refund', { id: refund.id, paymentId: payment.id, idempotencyKey: refund.idempotencyKey }),
      }),
    );
    return { result: await completeRefund(ctx, tx, payment, refund, amount, answer.refundId) };
  } catch (error) {
    const decline = declineOf(ctx, error);
    const failed = await tx.refund.update({ where: { id: refund.id }, data: { status: 'failed', failureCode: decline.reason, processedAt: new Date() } });
    await recordEvent(tx, payment.id, 'refund_failed', { refundId: refund.id, amount: amount.toFixed(2), reason: decline.reason, by: actorOf(ctx.viewer) });
    return { result: failed, failure: paymentDeclined(decline, payment.id) };
  }
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
  return tx.refund.update({ where: { id: refund.id }, data: { status: 'completed', externalRefundId, failureCode: null, processedAt: new Date() } });
}
