import { createHash } from 'node:crypto';
import { badUserInput, conflict } from '@shop/platform';
import { Decimal } from './money';

/**
 * The payment aggregate's rules as plain functions over its amounts and status. Services lock the payment's
 * row, ask these, and only then call the provider; the database's CHECKs repeat the limits as the last word.
 */
export const PAYMENT_STATUSES = ['pending', 'authorized', 'captured', 'partially_refunded', 'refunded', 'voided', 'failed', 'expired'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** Why a payment did not go through: `extensions.reason` of PAYMENT_DECLINED. */
export const DECLINE_REASONS = ['card_declined', 'insufficient_funds', 'processing_error', 'provider_timeout', 'authorization_expired'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export interface PaymentState {
  status: string;
  amount: Decimal;
  authorizedAmount: Decimal;
  capturedAmount: Decimal;
  refundedAmount: Decimal;
  authorizationExpiresAt: Date | null;
}

const CAPTURABLE: readonly string[] = ['authorized', 'captured'];
const REFUNDABLE: readonly string[] = ['captured', 'partially_refunded'];

export const capturableAmount = (p: PaymentState): Decimal =>
  CAPTURABLE.includes(p.status) ? Decimal.max(p.authorizedAmount.minus(p.capturedAmount), 0) : new Decimal(0);

export const refundableAmount = (p: PaymentState): Decimal =>
  REFUNDABLE.includes(p.status) ? Decimal.max(p.capturedAmount.minus(p.refundedAmount), 0) : new Decimal(0);

/** The provider releases an authorization at its expiry; from then on nothing more can be captured. */
export function authorizationLapsed(p: PaymentState, now: Date): boolean {
  return CAPTURABLE.includes(p.status) && p.authorizationExpiresAt !== null && p.authorizationExpiresAt.getTime() <= now.getTime();
}

/** What a capture will take: the amount asked for, or everything still capturable; never above the authorization. */
export function assertCanCapture(p: PaymentState, requested: Decimal | null): Decimal {
  if (!CAPTURABLE.includes(p.status)) throw conflict(`A ${p.status} payment cannot be captured.`, { status: p.status });
  const remaining = capturableAmount(p);
  if (remaining.lte(0)) throw conflict('This payment has been captured in full.', { status: p.status });
  const amount = requested ?? remaining;
  if (amount.gt(remaining)) {
    throw badUserInput(`\`amount\` is more than can still be captured (${remaining.toFixed(2)}).`, [
      { field: 'amount', message: `must be at most ${remaining.toFixed(2)}` },
    ]);
  }
  return amount;
}

/** Only an authorization nothing has been captured from can be voided. */
export function assertCanVoid(p: PaymentState): void {
  if (p.status !== 'authorized') throw conflict(`A ${p.status} payment cannot be voided.`, { status: p.status });
  if (p.capturedAmount.gt(0)) throw conflict('Part of this payment was captured; refund it instead of voiding.', { status: p.status });
}

/** Refunds add up to at most what was captured. */
export function assertCanRefund(p: PaymentState, amount: Decimal): void {
  if (!REFUNDABLE.includes(p.status)) throw conflict(`A ${p.status} payment cannot be refunded; only captured money can.`, { status: p.status });
  const remaining = refundableAmount(p);
  if (amount.gt(remaining)) {
    throw badUserInput(`\`amount\` is more than can still be refunded (${remaining.toFixed(2)}).`, [
      { field: 'amount', message: `must be at most ${remaining.toFixed(2)}` },
    ]);
  }
}

export function statusAfterRefund(captured: Decimal, refunded: Decimal): PaymentStatus {
  return refunded.gte(captured) ? 'refunded' : 'partially_refunded';
}

/** What lapses when an authorization expires: nothing captured → the payment expires; some captured → it stays captured. */
export function statusAfterLapse(p: PaymentState): PaymentStatus {
  return p.capturedAmount.gt(0) ? (p.status as PaymentStatus) : 'expired';
}

export interface AuthorizeRequest {
  orderId: string;
  customerId: string | null;
  amount: Decimal;
  currency: string;
  paymentMethodId: string | null;
  /** Brand, last four and expiry of a one-off card: enough to tell two requests apart, nothing a thief can use. */
  cardSummary: string | null;
}

/** The fingerprint an idempotency key is bound to: the same key with a different request is a CONFLICT. */
export function requestHash(r: AuthorizeRequest): string {
  const canonical = JSON.stringify([r.orderId, r.customerId, r.amount.toFixed(2), r.currency, r.paymentMethodId, r.cardSummary]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** A capture or refund as recorded, for deciding what a retry with the same idempotency key gets. */
export interface RecordedOperation {
  id: string;
  paymentId: string;
  amount: Decimal;
  status: string | null;
  failureCode: string | null;
  idempotencyKey: string | null;
}

/**
 * A retry with the same key is the same operation: the first answer again (`done`, or the same decline), or —
 * when the first answer never came (provider timeout, or a request that died) — one more call to the provider
 * under the same provider key, which answers the first operation if it happened and performs it if not. The
 * same key with another amount is CONFLICT.
 */
export function replayOf(earlier: RecordedOperation, requested: Decimal | null, what: 'capture' | 'refund'): 'done' | 'declined' | 'ask_provider_again' {
  if (requested && !earlier.amount.eq(requested)) {
    throw conflict(`This idempotency key was already used for a ${what} of a different amount (${earlier.amount.toFixed(2)}).`, {
      reason: 'IDEMPOTENCY_KEY_REUSED',
      [`${what}Id`]: earlier.id,
      paymentId: earlier.paymentId,
    });
  }
  if (earlier.status === 'completed') return 'done';
  if (earlier.status === 'failed' && earlier.failureCode !== 'provider_timeout') return 'declined';
  return 'ask_provider_again';
}

/**
 * The key the provider sees: derived from the caller's key when there is one, so a retry after our own
 * transaction died (and took the operation's row with it) still names the same operation to the provider.
 */
export const providerKey = (what: 'capture' | 'refund', op: Pick<RecordedOperation, 'id' | 'paymentId' | 'idempotencyKey'>) =>
  op.idempotencyKey ? `${what}:${op.paymentId}:${op.idempotencyKey}` : `${what}:${op.id}`;
