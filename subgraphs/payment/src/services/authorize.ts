import { assertService, badUserInput, conflict, notFound, outboxInsert, parseInput, recordNotFound, uniqueViolation } from '@shop/platform';
import type { PaymentContext } from '../context';
import { inTransaction, Prisma, type PaymentTx } from '../db';
import { brandOf, cardExpired } from '../domain/card';
import { authorizeInput, type AuthorizeInput } from '../domain/inputs';
import { requestHash, type DeclineReason } from '../domain/payment';
import type { Payment, PaymentMethod } from '../generated/prisma/client';
import type { Authorization } from '../provider/port';
import { paymentChangeEvent } from '../events/publish';
import {
  abandoned, actorOf, callProvider, declineOf, lockPayment, PAYMENT_COLUMNS, paymentDeclined, recordEvent, touched, type Decline,
} from './payment-rows';

/**
 * Internal (the order saga, with a service token): authorizes `amount` on a saved method or a one-off card.
 * Idempotent per `idempotencyKey`: the same key and request give the same payment (or the same decline); the
 * same key with another request is CONFLICT. The card goes to the provider only; we keep brand and last four.
 */
export async function authorizePayment(ctx: PaymentContext, raw: unknown): Promise<Payment> {
  assertService(ctx.viewer);
  const input = parseInput(authorizeInput(ctx.settings.now), raw);
  const hash = requestHash({ ...input, cardSummary: input.card ? cardSummary(input.card) : null });
  const earlier = await ctx.db.payment.findUnique({ where: { idempotencyKey: input.idempotencyKey } });
  if (earlier) return replay(abandoned(ctx, earlier) ? await settleAbandoned(ctx, earlier) : earlier, hash);
  const method = input.paymentMethodId ? await usableMethod(ctx, input.paymentMethodId, input.customerId) : null;
  let payment: Payment;
  try {
    payment = await createPending(ctx, input, hash, method);
  } catch (error) {
    // The same key twice at once: the second request answers with the first one's payment.
    const winner = uniqueViolation(error) ? await ctx.db.payment.findUnique({ where: { idempotencyKey: input.idempotencyKey } }) : null;
    if (winner) return replay(winner, hash);
    throw error;
  }
  return settle(ctx, payment, input, method);
}

const cardSummary = (card: NonNullable<AuthorizeInput['card']>) => `${brandOf(card.number)}:${card.number.slice(-4)}:${card.expMonth}/${card.expYear}`;

/** A retried request gets the first answer again; a different request under the same key is refused. */
function replay(payment: Payment, hash: string): Payment {
  if (payment.requestHash !== hash) {
    throw conflict('This idempotency key was already used for a different payment request.', { paymentId: payment.id });
  }
  if (payment.status === 'pending') {
    throw conflict('A payment with this idempotency key is still being authorized; retry shortly.', { paymentId: payment.id, inProgress: true });
  }
  if (payment.status === 'failed') {
    throw paymentDeclined({ reason: (payment.failureCode ?? 'processing_error') as DeclineReason, message: payment.failureReason ?? 'The payment was declined.' }, payment.id);
  }
  return payment;
}

/** A saved method pays only for its own customer; someone else's is "not found", and an expired card is refused. */
async function usableMethod(ctx: PaymentContext, id: string, customerId: string | null): Promise<PaymentMethod> {
  const method = await ctx.db.paymentMethod.findUnique({ where: { id } });
  if (!method || method.customerId !== customerId || method.isActive === false) throw notFound('That payment method');
  if (method.cardExpiryMonth && method.cardExpiryYear && cardExpired(method.cardExpiryMonth, method.cardExpiryYear, ctx.settings.now())) {
    throw badUserInput('That card has expired; use another payment method.', [{ field: 'paymentMethodId', message: 'the card has expired' }]);
  }
  return method;
}

/** The pending payment and its `created` audit row, in one statement (atomic without a transaction). */
async function createPending(ctx: PaymentContext, input: AuthorizeInput, hash: string, method: PaymentMethod | null): Promise<Payment> {
  const now = new Date();
  const amount = input.amount.toFixed(2);
  const card = method ? { brand: method.cardBrand, lastFour: method.cardLastFour } : { brand: brandOf(input.card!.number), lastFour: input.card!.number.slice(-4) };
  const audit = JSON.stringify({ amount, currency: input.currency, card, by: actorOf(ctx.viewer) });
  const [payment] = await ctx.db.$queryRaw<Payment[]>`
    WITH created AS (
      INSERT INTO payments (order_id, customer_id, payment_method_id, amount, currency, status, payment_type, provider, idempotency_key, request_hash, created_at, updated_at)
      VALUES (${input.orderId}::uuid, ${input.customerId}::uuid, ${method?.id ?? null}::uuid, ${amount}::numeric, ${input.currency}, 'pending', 'payment',
              ${ctx.provider.name}, ${input.idempotencyKey}, ${hash}, ${now}, ${now})
      RETURNING *
    ), audit AS (
      INSERT INTO payment_events (payment_id, event_type, event_data, created_at) SELECT id, 'created', ${audit}::jsonb, ${now} FROM created
    )
    SELECT ${PAYMENT_COLUMNS} FROM created`;
  return payment;
}

/** Asks the provider; whatever it answers (or not) is recorded before the caller hears it. */
async function settle(ctx: PaymentContext, payment: Payment, input: AuthorizeInput, method: PaymentMethod | null): Promise<Payment> {
  let authorization: Authorization;
  try {
    const token = method?.externalId ?? (await callProvider(ctx, 'tokenizeCard', ctx.provider.tokenizeCard(input.card!))).token;
    authorization = await callProvider(
      ctx,
      'authorize',
      ctx.provider.authorize({ reference: payment.id, token, amount: input.amount.toFixed(2), currency: input.currency, idempotencyKey: payment.id }),
    );
  } catch (error) {
    const decline = declineOf(ctx, error);
    const failed = await inTransaction(ctx.db, async (tx) => applyFailure(tx, (await lockPayment(tx, payment.id))!, decline));
    if (decline.reason === 'provider_timeout') await voidAfterTimeout(ctx, payment.id);
    return replay(failed, failed.requestHash ?? '');
  }
  const settled =
    (await authorizedAtOnce(ctx, payment, authorization)) ?? (await inTransaction(ctx.db, (tx) => applyAuthorization(tx, payment.id, authorization, 'provider')));
  return replay(settled, settled.requestHash ?? '');
}

const authorizedAudit = (auth: Authorization, source: string) => ({
  amount: auth.amount, authorizationId: auth.authorizationId, expiresAt: auth.expiresAt.toISOString(), source,
});

/**
 * The usual settlement, in one statement: the payment as this request created it (still pending, same version)
 * becomes authorized, with its audit row and its PaymentAuthorized event — atomic without a transaction's round
 * trips. Null when the payment moved on meanwhile (a webhook or a retry settled it): applyAuthorization decides.
 */
async function authorizedAtOnce(ctx: PaymentContext, pending: Payment, auth: Authorization): Promise<Payment | null> {
  const now = new Date();
  const version = (pending.version ?? 1n) + 1n;
  const audit = authorizedAudit(auth, 'provider');
  const after: Payment = { ...pending, status: 'authorized', authorizedAmount: new Prisma.Decimal(auth.amount), version };
  const event = outboxInsert(paymentChangeEvent(after, 'authorized', audit)!, 'updated');
  const [updated] = await ctx.db.$queryRaw<Payment[]>`
    WITH updated AS (
      UPDATE payments
      SET status = 'authorized', authorized_amount = ${auth.amount}::numeric, authorized_at = ${now}, authorization_expires_at = ${auth.expiresAt},
          external_transaction_id = ${auth.authorizationId}, updated_at = ${now}, version = ${version}::bigint
      WHERE id = ${pending.id}::uuid AND status = 'pending' AND version = ${pending.version ?? 1n}::bigint
      RETURNING *
    ), audit AS (
      INSERT INTO payment_events (payment_id, event_type, event_data, created_at)
      SELECT id, 'authorized', ${JSON.stringify(audit)}::jsonb, ${now} FROM updated
    ), published AS (${event.insert})
    SELECT ${PAYMENT_COLUMNS} FROM updated`;
  return updated ?? null;
}

/**
 * pending → authorized, by a conditional update (it waits for the row's lock like any other change of the
 * payment); a payment already past pending is left alone and answered as it is.
 */
async function applyAuthorization(tx: PaymentTx, paymentId: string, auth: Authorization, source: string): Promise<Payment> {
  const updated = await tx.payment
    .update({
      where: { id: paymentId, status: 'pending' },
      data: {
        status: 'authorized',
        authorizedAmount: auth.amount,
        authorizedAt: new Date(),
        authorizationExpiresAt: auth.expiresAt,
        externalTransactionId: auth.authorizationId,
        ...touched(),
      },
    })
    .catch((error: unknown) => {
      if (recordNotFound(error)) return null;
      throw error;
    });
  if (!updated) return tx.payment.findUniqueOrThrow({ where: { id: paymentId } });
  await recordEvent(tx, paymentId, 'authorized', authorizedAudit(auth, source), updated);
  return updated;
}

/** pending → failed, with the reason kept on the row and in the event. */
export async function applyFailure(tx: PaymentTx, payment: Payment, decline: Decline): Promise<Payment> {
  if (payment.status !== 'pending') return payment;
  const updated = await tx.payment.update({
    where: { id: payment.id },
    data: { status: 'failed', failureCode: decline.reason, failureReason: decline.message, ...touched() },
  });
  await recordEvent(tx, payment.id, 'failed', { reason: decline.reason, message: decline.message }, updated);
  return updated;
}

/** A retry found its payment still pending long after its request should have finished: that request died. */
async function settleAbandoned(ctx: PaymentContext, payment: Payment): Promise<Payment> {
  const failed = await inTransaction(ctx.db, async (tx) => applyFailure(tx, (await lockPayment(tx, payment.id))!, ABANDONED));
  if (failed.failureCode === 'provider_timeout') await voidAfterTimeout(ctx, payment.id);
  return failed;
}

export const ABANDONED: Decline = { reason: 'provider_timeout', message: 'The payment was abandoned before the provider answered. Nothing was charged.' };

/**
 * The provider may have authorized although its answer never came: void whatever it holds for this payment so
 * no hold is left on the shopper's card. If this call fails too, the provider's payment.authorized webhook
 * triggers the same void later (see webhooks/process.ts).
 */
async function voidAfterTimeout(ctx: PaymentContext, paymentId: string): Promise<void> {
  try {
    const voided = await callProvider(ctx, 'voidIfAuthorized', ctx.provider.voidIfAuthorized(paymentId));
    if (voided.length === 0) return;
    // The provider's webhook may void and record the same hold at the same moment: under the payment's lock, as
    // the webhook records it, only the first records each authorization.
    await inTransaction(ctx.db, async (tx) => {
      await lockPayment(tx, paymentId);
      const earlier = await tx.paymentEvent.findMany({ where: { paymentId, eventType: 'late_authorization_voided' }, select: { eventData: true } });
      const recorded = new Set(earlier.flatMap((e) => (e.eventData as { authorizationIds?: string[] }).authorizationIds ?? []));
      const fresh = voided.filter((id) => !recorded.has(id));
      if (fresh.length) await recordEvent(tx, paymentId, 'late_authorization_voided', { authorizationIds: fresh, source: 'timeout' });
    });
  } catch (error) {
    ctx.log.warn({ err: error, paymentId }, 'could not void after a provider timeout; the webhook will');
  }
}
