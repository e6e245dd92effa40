import { recordEvent as recordIntegrationEvent, type IntegrationEvent } from '@shop/platform';
import type { PaymentTx } from '../db';
import type { Payment } from '../generated/prisma/client';

/**
 * The integration events the payment context publishes, named <Aggregate><PastTense>, one per change of a
 * payment's state, recorded in the transaction that makes it (beside the payment_events audit row). Receivers
 * keep their own copy of this contract. No card data, no provider secrets: the payment's ids, state and money.
 */
export const PAYMENT_EVENTS_SCHEMA = 1;
export const PAYMENT_AGGREGATE = 'Payment';

/** The audit entries (payment_events.event_type) that are also published, and as what. */
const PUBLISHED = {
  authorized: 'PaymentAuthorized',
  captured: 'PaymentCaptured',
  voided: 'PaymentVoided',
  refunded: 'PaymentRefunded',
  failed: 'PaymentFailed',
} as const;

export type PaymentEventType = (typeof PUBLISHED)[keyof typeof PUBLISHED];

/** What every payment event carries: the payment as it is after the change. */
export interface PaymentEventData {
  paymentId: string;
  orderId: string;
  customerId: string | null;
  status: string;
  currency: string;
  amount: string;
  authorizedAmount: string;
  capturedAmount: string;
  refundedAmount: string;
  occurredAt: string;
  /** PaymentCaptured: this capture; PaymentRefunded: this refund */
  changeAmount?: string;
  /** PaymentRefunded */
  refundId?: string;
  /** PaymentFailed: card_declined, insufficient_funds, processing_error, provider_timeout, ... */
  reason?: string;
}

const money = (value: { toFixed(digits: number): string } | null) => (value ? value.toFixed(2) : '0.00');

/**
 * Publishes the audit entry `auditType` as an integration event if it is one receivers hear about. Call it after
 * the write that bumped the payment's version (every state change does): the event takes that version. `after`
 * is the payment as that write returned it, when the caller has it (saves reading it again).
 */
export async function publishPaymentChange(
  tx: PaymentTx, paymentId: string, auditType: string, audit: Record<string, unknown>, after?: Payment,
): Promise<void> {
  if (!publishedAs(auditType)) return;
  const payment = after ?? (await tx.payment.findUniqueOrThrow({ where: { id: paymentId } }));
  await recordIntegrationEvent(tx, paymentChangeEvent(payment, auditType, audit)!);
}

const publishedAs = (auditType: string) => (PUBLISHED as Record<string, PaymentEventType | undefined>)[auditType];

/** The integration event an audit entry `auditType` of `payment` (as it is after the change) is published as; null if none. */
export function paymentChangeEvent(payment: Payment, auditType: string, audit: Record<string, unknown>): IntegrationEvent<PaymentEventData> | null {
  const type = publishedAs(auditType);
  if (!type) return null;
  const now = new Date();
  const data: PaymentEventData = {
    paymentId: payment.id,
    orderId: payment.orderId,
    customerId: payment.customerId,
    status: payment.status,
    currency: payment.currency,
    amount: money(payment.amount),
    authorizedAmount: money(payment.authorizedAmount),
    capturedAmount: money(payment.capturedAmount),
    refundedAmount: money(payment.refundedAmount),
    occurredAt: now.toISOString(),
    ...(type === 'PaymentCaptured' || type === 'PaymentRefunded' ? { changeAmount: String(audit.amount) } : {}),
    ...(type === 'PaymentRefunded' && typeof audit.refundId === 'string' ? { refundId: audit.refundId } : {}),
    ...(type === 'PaymentFailed' && typeof audit.reason === 'string' ? { reason: audit.reason } : {}),
  };
  return {
    aggregateType: PAYMENT_AGGREGATE,
    aggregateId: payment.id,
    type,
    version: payment.version ?? 1n,
    schemaVersion: PAYMENT_EVENTS_SCHEMA,
    data,
    occurredAt: now,
  };
}
