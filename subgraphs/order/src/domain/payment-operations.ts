import { createHash } from 'node:crypto';
import { conflict, Decimal, shopError, ShopError, type ErrorCode } from '@shop/platform';

/**
 * Staff money operations on an order — capture at shipment, refund, the void or refund of a cancellation — as
 * rules over the order's payment-operation rows. The services claim a row under the order's lock before the
 * payment is called and complete it under the same lock after; these functions decide what a request finds.
 */
export const MONEY_OPERATION_KINDS = ['capture', 'refund', 'cancel'] as const;
export type MoneyOperationKind = (typeof MONEY_OPERATION_KINDS)[number];

export interface RecordedMoneyOperation {
  id: string;
  kind: string;
  status: string;
  requestHash: string;
  idempotencyKey: string;
  outcome: unknown;
  updatedAt: Date;
}

/** Why a money operation is refused while another is in flight: `extensions.reason`. */
export const IN_PROGRESS = 'PAYMENT_OPERATION_IN_PROGRESS';
/** The payment service never answered: the operation stays pending until a retry with its key or recovery finishes it. */
export const OUTCOME_UNKNOWN = 'PAYMENT_OUTCOME_UNKNOWN';

/**
 * The key a request is known by: the caller's idempotency key, or one derived from what the request names
 * (the version a move was made from), so that a retry of the same move after a lost answer finds its first try.
 */
export function operationKey(kind: MoneyOperationKind, explicit: string | null | undefined, derived: string): { key: string; explicit: boolean } {
  return explicit ? { key: `${kind}:${explicit}`, explicit: true } : { key: `${kind}@${derived}`, explicit: false };
}

/** The fingerprint a key is bound to: the same key with another request is CONFLICT. */
export function requestHash(kind: MoneyOperationKind, request: Record<string, unknown>): string {
  const canonical = JSON.stringify([kind, Object.keys(request).sort().map((k) => [k, request[k] ?? null])]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * What a request finds under its key: `finish` (still pending: finish it — the payment answers the same key
 * with the same operation, so finishing twice is harmless), `replay` (completed: answer the order), or the
 * failure it met, again. The same key with another request is CONFLICT: for a key derived from a version,
 * that means the order changed since the caller loaded it.
 */
export function replayOf(earlier: RecordedMoneyOperation, hash: string, explicitKey: boolean): 'finish' | 'replay' {
  if (earlier.requestHash !== hash) {
    if (explicitKey) throw conflict('This idempotency key was already used for a different request.', { reason: 'IDEMPOTENCY_KEY_REUSED' });
    throw conflict('The order changed since you loaded it; reload and try again.', { reason: 'VERSION_CHANGED' });
  }
  if (earlier.status === 'completed') return 'replay';
  if (earlier.status === 'failed') throw errorFromOutcome(earlier.outcome);
  return 'finish';
}

/**
 * At most one money operation in flight per order: another one is CONFLICT, unless it was left alone longer
 * than `staleAfterMs` (its request died): then this request finishes it first.
 */
export function inFlightVerdict(pending: RecordedMoneyOperation | null, now: Date, staleAfterMs: number): 'none' | 'take_over' {
  if (!pending) return 'none';
  if (now.getTime() - pending.updatedAt.getTime() >= staleAfterMs) return 'take_over';
  throw conflict('Another payment operation on this order (a capture, refund or cancellation) is in progress; try again in a moment.', {
    reason: IN_PROGRESS,
    operation: pending.kind,
  });
}

const DEFINITIVE = new Set<ErrorCode>(['PAYMENT_DECLINED', 'BAD_USER_INPUT', 'CONFLICT', 'NOT_FOUND', 'FORBIDDEN']);

/**
 * Did the payment service refuse (the operation did not happen and never will under this key), or is the
 * outcome unknown (no answer, a timeout at the provider)? Only a refusal may fail the operation; an unknown
 * outcome leaves it pending, to be asked again under the same key.
 */
export function isRefusal(error: unknown): error is ShopError {
  if (!(error instanceof ShopError) || !DEFINITIVE.has(error.code)) return false;
  return !(error.code === 'PAYMENT_DECLINED' && error.extensions.reason === 'provider_timeout');
}

export interface StoredOutcome {
  code: ErrorCode;
  message: string;
  extensions: Record<string, unknown>;
}

export function outcomeOf(error: ShopError): StoredOutcome {
  const { code, ...extensions } = error.extensions;
  return { code, message: error.message, extensions };
}

export function errorFromOutcome(outcome: unknown): ShopError {
  const stored = (outcome ?? {}) as Partial<StoredOutcome>;
  return shopError(stored.code ?? 'CONFLICT', stored.message ?? 'This payment operation failed.', { ...stored.extensions, replayed: true });
}

/** The payment's key for an operation: one per order operation, so every attempt asks for the same thing. */
export const paymentKeyOf = (operationId: string) => `order-op:${operationId}`;

export interface PaymentBalance {
  id: string;
  status: string;
  refundable?: string;
  refunded?: string;
}

/** The captured payment a refund of `amount` comes from: the first that can give all of it back. */
export function paymentToRefund(payments: PaymentBalance[], amount: string): PaymentBalance | null {
  return payments.find((p) => p.refundable && new Decimal(p.refundable).greaterThanOrEqualTo(amount)) ?? null;
}

/** What the payment context has refunded for the order, all payments together: the order's refunded total must equal it. */
export const refundedByPayments = (payments: PaymentBalance[]): Decimal =>
  payments.reduce((sum, p) => sum.plus(p.refunded ?? '0'), new Decimal(0));

/**
 * A cancellation stands whatever the payment answers, so its void or refund is owed until the payment does it:
 * a refusal or no answer leaves the operation pending and the recovery worker tries again after this wait —
 * doubling from `firstMs` up to `maxMs` — for as long as it takes.
 */
export const SETTLEMENT_RETRY = { firstMs: 2_000, maxMs: 10 * 60_000 };

export function settlementRetryDelay(attempts: number, policy: { firstMs: number; maxMs: number } = SETTLEMENT_RETRY): number {
  return Math.min(policy.firstMs * 2 ** Math.max(0, attempts - 1), policy.maxMs);
}
