import { isAdmin, isService, notFound, parseId, shopError, type ShopError, type Viewer } from '@shop/platform';
import type { PaymentContext } from '../context';
import { inTransaction, Prisma, type PaymentTx } from '../db';
import { dec } from '../domain/money';
import type { DeclineReason, PaymentState } from '../domain/payment';
import type { Payment } from '../generated/prisma/client';
import { ProviderDeclined, ProviderTimeout, withTimeout } from '../provider/port';
import { declineMessages } from '../provider/test-cards';
import { publishPaymentChange } from '../events/publish';

export const stateOf = (p: Payment): PaymentState => ({
  status: p.status,
  amount: dec(p.amount),
  authorizedAmount: dec(p.authorizedAmount),
  capturedAmount: dec(p.capturedAmount),
  refundedAmount: dec(p.refundedAmount),
  authorizationExpiresAt: p.authorizationExpiresAt,
});

/** Who changed the payment, for its event trail. */
export function actorOf(viewer: Viewer): Record<string, string> {
  if (isService(viewer)) return { role: 'service' };
  if (isAdmin(viewer)) return { role: 'admin', id: viewer.customerId ?? '' };
  return viewer.customerId ? { role: 'customer', id: viewer.customerId } : { role: 'provider' };
}

/**
 * Every state change writes one of these audit rows, in the same transaction as the change; the changes other
 * contexts hear about (authorized, captured, voided, refunded, failed) are published through the outbox with it.
 * `after`: the payment as the change's write returned it, if the caller has it (the event is built from it).
 */
export async function recordEvent(tx: PaymentTx, paymentId: string, eventType: string, data: Record<string, unknown>, after?: Payment): Promise<void> {
  await tx.paymentEvent.createMany({ data: [{ paymentId, eventType, eventData: data as Prisma.InputJsonObject, createdAt: new Date() }] });
  await publishPaymentChange(tx, paymentId, eventType, data, after);
}

/** Every column of payments under its model's name: a raw read that answers what `tx.payment.findUnique` would. */
export const PAYMENT_COLUMNS = Prisma.raw(
  [
    'id', 'order_id AS "orderId"', 'payment_method_id AS "paymentMethodId"', 'amount', 'currency', 'status', 'payment_type AS "paymentType"',
    'provider', 'external_transaction_id AS "externalTransactionId"', 'provider_fee AS "providerFee"', 'authorized_amount AS "authorizedAmount"',
    'authorized_at AS "authorizedAt"', 'authorization_expires_at AS "authorizationExpiresAt"', 'captured_amount AS "capturedAmount"',
    'captured_at AS "capturedAt"', 'failure_reason AS "failureReason"', 'failure_code AS "failureCode"', 'created_at AS "createdAt"',
    'updated_at AS "updatedAt"', 'version', 'customer_id AS "customerId"', 'idempotency_key AS "idempotencyKey"',
    'request_hash AS "requestHash"', 'refunded_amount AS "refundedAmount"',
  ].join(', '),
);

/**
 * Reads the payment with its row locked for the rest of the transaction, in one statement: operations on one
 * payment happen one at a time.
 */
export async function lockPayment(tx: PaymentTx, id: string): Promise<Payment | null> {
  const [payment] = await tx.$queryRaw<Payment[]>`SELECT ${PAYMENT_COLUMNS} FROM payments WHERE id = ${id}::uuid FOR UPDATE`;
  return payment ?? null;
}

export interface Outcome<T> {
  result: T;
  /** A failure that was recorded (and must be committed) before it reaches the caller. */
  failure?: ShopError;
}

/**
 * Runs `work` with the payment's row locked, across the provider call, so captures, voids and refunds of one
 * payment queue instead of racing (the provider call is bounded by providerTimeoutMs, and the transaction
 * outlives it). A failure `work` records is committed first, then thrown.
 */
export async function withLockedPayment<T>(
  ctx: PaymentContext,
  paymentId: string,
  work: (tx: PaymentTx, payment: Payment) => Promise<Outcome<T>>,
): Promise<T> {
  const id = parseId(paymentId, 'paymentId');
  const outcome = await inTransaction(
    ctx.db,
    async (tx) => {
      const payment = await lockPayment(tx, id);
      if (!payment) throw notFound('That payment');
      return work(tx, payment);
    },
    ctx.settings.providerTimeoutMs,
  );
  if (outcome.failure) throw outcome.failure;
  return outcome.result;
}

export interface Decline {
  reason: DeclineReason;
  message: string;
}

/** What a provider failure means for the shopper; anything unexpected is logged and shown as a processing error. */
export function declineOf(ctx: PaymentContext, error: unknown): Decline {
  if (error instanceof ProviderDeclined) return { reason: error.reason, message: error.message };
  if (error instanceof ProviderTimeout) return { reason: 'provider_timeout', message: 'The payment provider did not answer in time. Nothing was charged.' };
  ctx.log.error({ err: error }, 'payment provider failed unexpectedly');
  return { reason: 'processing_error', message: declineMessages.processing_error };
}

export const paymentDeclined = (decline: Decline, paymentId: string) =>
  shopError('PAYMENT_DECLINED', decline.message, { reason: decline.reason, paymentId });

/** Every provider call goes through here: bounded by the configured timeout. */
export const callProvider = <T>(ctx: PaymentContext, operation: string, call: Promise<T>): Promise<T> =>
  withTimeout(operation, ctx.settings.providerTimeoutMs, call);

/**
 * How long a pending payment belongs to the request that created it. Past this, that request has died before the
 * provider answered (it would have given up at providerTimeoutMs): whoever finds the payment settles it as failed.
 */
export const pendingGraceMs = (ctx: PaymentContext) => 2 * ctx.settings.providerTimeoutMs + 5_000;

export const abandoned = (ctx: PaymentContext, payment: Payment) =>
  payment.status === 'pending' && ctx.settings.now().getTime() - (payment.createdAt ?? new Date(0)).getTime() >= pendingGraceMs(ctx);

/** Columns changed by every state change besides its own. */
export const touched = () => ({ updatedAt: new Date(), version: { increment: 1 } });
