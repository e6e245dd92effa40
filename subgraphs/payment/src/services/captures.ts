import { assertService, parseInput } from '@shop/platform';
import type { PaymentContext } from '../context';
import type { PaymentTx } from '../db';
import { captureInput } from '../domain/inputs';
import { dec } from '../domain/money';
import { assertCanCapture, assertCanVoid, authorizationLapsed, statusAfterLapse } from '../domain/payment';
import type { Payment } from '../generated/prisma/client';
import { declineMessages } from '../provider/test-cards';
import { actorOf, callProvider, declineOf, paymentDeclined, recordEvent, stateOf, touched, withLockedPayment, type Outcome } from './payment-rows';

/**
 * Internal: captures `amount` (or all that remains) of an authorization. Captures add up to at most the
 * authorized amount — checked under the payment's row lock, and again by the database's CHECK.
 */
export function capturePayment(ctx: PaymentContext, paymentId: string, amount?: string | null): Promise<Payment> {
  assertService(ctx.viewer);
  const input = parseInput(captureInput, { paymentId, amount });
  return withLockedPayment(ctx, input.paymentId, async (tx, payment): Promise<Outcome<Payment>> => {
    const lapsed = await lapseIfExpired(ctx, tx, payment);
    if (lapsed) return lapsed;
    const captureAmount = assertCanCapture(stateOf(payment), input.amount);
    try {
      const capture = await callProvider(
        ctx,
        'capture',
        ctx.provider.capture({ authorizationId: payment.externalTransactionId!, amount: captureAmount.toFixed(2), idempotencyKey: `${payment.id}:${payment.version}` }),
      );
      const updated = await tx.payment.update({
        where: { id: payment.id },
        data: {
          status: 'captured',
          capturedAmount: dec(payment.capturedAmount).plus(capture.amount).toFixed(2),
          capturedAt: new Date(),
          providerFee: dec(payment.providerFee).plus(capture.fee).toFixed(2),
          ...touched(),
        },
      });
      await recordEvent(tx, payment.id, 'captured', { amount: capture.amount, fee: capture.fee, captureId: capture.captureId, by: actorOf(ctx.viewer) });
      return { result: updated };
    } catch (error) {
      const decline = declineOf(ctx, error);
      await recordEvent(tx, payment.id, 'capture_failed', { amount: captureAmount.toFixed(2), reason: decline.reason, by: actorOf(ctx.viewer) });
      return { result: payment, failure: paymentDeclined(decline, payment.id) };
    }
  });
}

/**
 * An authorization past its expiry cannot be captured: the payment records it (expired, or still captured if
 * part was taken) and the caller gets PAYMENT_DECLINED with reason authorization_expired.
 */
async function lapseIfExpired(ctx: PaymentContext, tx: PaymentTx, payment: Payment): Promise<Outcome<Payment> | null> {
  const state = stateOf(payment);
  if (!authorizationLapsed(state, ctx.settings.now())) return null;
  const status = statusAfterLapse(state);
  const updated = status === payment.status ? payment : await tx.payment.update({ where: { id: payment.id }, data: { status, ...touched() } });
  await recordEvent(tx, payment.id, status === 'expired' ? 'expired' : 'capture_failed', {
    reason: 'authorization_expired',
    expiredAt: payment.authorizationExpiresAt?.toISOString(),
  });
  return { result: updated, failure: paymentDeclined({ reason: 'authorization_expired', message: declineMessages.authorization_expired }, payment.id) };
}

/** Internal: releases an authorization nothing was captured from. An expired one is already released: it is marked expired. */
export function voidPayment(ctx: PaymentContext, paymentId: string): Promise<Payment> {
  assertService(ctx.viewer);
  return withLockedPayment(ctx, paymentId, async (tx, payment): Promise<Outcome<Payment>> => {
    const state = stateOf(payment);
    if (authorizationLapsed(state, ctx.settings.now()) && state.capturedAmount.eq(0)) {
      const expired = await tx.payment.update({ where: { id: payment.id }, data: { status: 'expired', ...touched() } });
      await recordEvent(tx, payment.id, 'expired', { reason: 'authorization_expired', expiredAt: payment.authorizationExpiresAt?.toISOString() });
      return { result: expired };
    }
    assertCanVoid(state);
    try {
      await callProvider(ctx, 'void', ctx.provider.void(payment.externalTransactionId!));
    } catch (error) {
      const decline = declineOf(ctx, error);
      await recordEvent(tx, payment.id, 'void_failed', { reason: decline.reason, by: actorOf(ctx.viewer) });
      return { result: payment, failure: paymentDeclined(decline, payment.id) };
    }
    const updated = await tx.payment.update({ where: { id: payment.id }, data: { status: 'voided', ...touched() } });
    await recordEvent(tx, payment.id, 'voided', { authorizationId: payment.externalTransactionId, by: actorOf(ctx.viewer) });
    return { result: updated };
  });
}
