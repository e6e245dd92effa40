import { assertService, parseInput } from '@shop/platform';
import type { PaymentContext } from '../context';
import type { PaymentTx } from '../db';
import { captureInput, voidInput } from '../domain/inputs';
import { dec, type Decimal } from '../domain/money';
import {
  assertCanCapture, assertCanVoid, authorizationLapsed, capturableAmount, providerKey, replayOf, statusAfterLapse, type DeclineReason,
} from '../domain/payment';
import type { Capture, Payment } from '../generated/prisma/client';
import { declineMessages } from '../provider/test-cards';
import { actorOf, callProvider, declineOf, paymentDeclined, recordEvent, stateOf, touched, withLockedPayment, type Outcome } from './payment-rows';

/**
 * Internal: captures `amount` (or all that remains) of an authorization. Captures add up to at most the
 * authorized amount — checked under the payment's row lock, and again by the database's CHECK. With an
 * idempotency key, a retried capture (its answer was lost) is answered with the first one instead of being
 * refused or taken twice.
 */
export function capturePayment(ctx: PaymentContext, paymentId: string, amount?: string | null, idempotencyKey?: string | null): Promise<Payment> {
  assertService(ctx.viewer);
  const input = parseInput(captureInput, { paymentId, amount, idempotencyKey });
  return withLockedPayment(ctx, input.paymentId, async (tx, payment): Promise<Outcome<Payment>> => {
    if (input.idempotencyKey) {
      const earlier = await tx.capture.findUnique({ where: { paymentId_idempotencyKey: { paymentId: payment.id, idempotencyKey: input.idempotencyKey } } });
      if (earlier) {
        const replay = replayOf({ ...earlier, amount: dec(earlier.amount) }, input.amount, 'capture');
        if (replay === 'done') return { result: payment };
        if (replay === 'declined') return { result: payment, failure: paymentDeclined(declineOfRecord(earlier.failureCode), payment.id) };
        return attemptCapture(ctx, tx, payment, earlier);
      }
    }
    const lapsed = await lapseIfExpired(ctx, tx, payment, input);
    if (lapsed) return lapsed;
    const captureAmount = assertCanCapture(stateOf(payment), input.amount);
    const capture = await tx.capture.create({
      data: { paymentId: payment.id, amount: captureAmount.toFixed(2), status: 'pending', idempotencyKey: input.idempotencyKey },
    });
    return attemptCapture(ctx, tx, payment, capture);
  });
}

/** Asks the provider for a recorded capture (first try or a retry under the same provider key) and records its answer. */
async function attemptCapture(ctx: PaymentContext, tx: PaymentTx, payment: Payment, row: Capture): Promise<Outcome<Payment>> {
  const captureAmount = dec(row.amount);
  try {
    const capture = await callProvider(
      ctx,
      'capture',
      ctx.provider.capture({ authorizationId: payment.externalTransactionId!, amount: captureAmount.toFixed(2), idempotencyKey: providerKey('capture', row) }),
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
    await tx.capture.update({
      where: { id: row.id },
      data: { status: 'completed', externalCaptureId: capture.captureId, fee: capture.fee, failureCode: null, processedAt: new Date() },
    });
    await recordEvent(tx, payment.id, 'captured', { amount: capture.amount, fee: capture.fee, captureId: capture.captureId, by: actorOf(ctx.viewer) });
    return { result: updated };
  } catch (error) {
    const decline = declineOf(ctx, error);
    await tx.capture.update({ where: { id: row.id }, data: { status: 'failed', failureCode: decline.reason, processedAt: new Date() } });
    await recordEvent(tx, payment.id, 'capture_failed', { amount: captureAmount.toFixed(2), reason: decline.reason, by: actorOf(ctx.viewer) });
    return { result: payment, failure: paymentDeclined(decline, payment.id) };
  }
}

/** The decline a recorded failure stands for, answered again to a retry. */
export function declineOfRecord(failureCode: string | null) {
  const reason = (failureCode ?? 'processing_error') as DeclineReason;
  return { reason, message: declineMessages[reason as keyof typeof declineMessages] ?? declineMessages.processing_error };
}

/**
 * An authorization past its expiry cannot be captured: the payment records it (expired, or still captured if
 * part was taken) and the caller gets PAYMENT_DECLINED with reason authorization_expired.
 */
async function lapseIfExpired(
  ctx: PaymentContext,
  tx: PaymentTx,
  payment: Payment,
  request: { amount: Decimal | null; idempotencyKey: string | null },
): Promise<Outcome<Payment> | null> {
  const state = stateOf(payment);
  if (!authorizationLapsed(state, ctx.settings.now())) return null;
  const asked = request.amount ?? capturableAmount(state);
  if (request.idempotencyKey && asked.gt(0)) {
    // Recorded, so a retry with the same key gets the same refusal rather than a different one.
    await tx.capture.create({
      data: { paymentId: payment.id, amount: asked.toFixed(2), status: 'failed', failureCode: 'authorization_expired', idempotencyKey: request.idempotencyKey, processedAt: new Date() },
    });
  }
  const status = statusAfterLapse(state);
  const updated = status === payment.status ? payment : await tx.payment.update({ where: { id: payment.id }, data: { status, ...touched() } });
  await recordEvent(tx, payment.id, status === 'expired' ? 'expired' : 'capture_failed', {
    reason: 'authorization_expired',
    expiredAt: payment.authorizationExpiresAt?.toISOString(),
  });
  return { result: updated, failure: paymentDeclined({ reason: 'authorization_expired', message: declineMessages.authorization_expired }, payment.id) };
}

/**
 * Internal: releases an authorization nothing was captured from. An expired one is already released: it is
 * marked expired. With an idempotency key, a retried void (its answer was lost) answers the payment again
 * instead of CONFLICT.
 */
export function voidPayment(ctx: PaymentContext, paymentId: string, idempotencyKey?: string | null): Promise<Payment> {
  assertService(ctx.viewer);
  const input = parseInput(voidInput, { paymentId, idempotencyKey });
  const key = input.idempotencyKey ? { idempotencyKey: input.idempotencyKey } : {};
  return withLockedPayment(ctx, input.paymentId, async (tx, payment): Promise<Outcome<Payment>> => {
    if (input.idempotencyKey && (await releasedWithKey(tx, payment.id, input.idempotencyKey))) return { result: payment };
    const state = stateOf(payment);
    if (authorizationLapsed(state, ctx.settings.now()) && state.capturedAmount.eq(0)) {
      const expired = await tx.payment.update({ where: { id: payment.id }, data: { status: 'expired', ...touched() } });
      await recordEvent(tx, payment.id, 'expired', { reason: 'authorization_expired', expiredAt: payment.authorizationExpiresAt?.toISOString(), ...key });
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
    await recordEvent(tx, payment.id, 'voided', { authorizationId: payment.externalTransactionId, by: actorOf(ctx.viewer), ...key });
    return { result: updated };
  });
}

/** Did a void (or the expiry it found) with this key already release the payment? */
async function releasedWithKey(tx: PaymentTx, paymentId: string, idempotencyKey: string): Promise<boolean> {
  const event = await tx.paymentEvent.findFirst({
    where: { paymentId, eventType: { in: ['voided', 'expired'] }, eventData: { path: ['idempotencyKey'], equals: idempotencyKey } },
    select: { id: true },
  });
  return event !== null;
}
