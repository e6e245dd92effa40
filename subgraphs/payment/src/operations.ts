import { serviceViewer } from '@shop/platform';
import type { PaymentContext } from './context';
import type { Payment, Refund } from './generated/prisma/client';
import { authorizePayment } from './services/authorize';
import { capturePayment, voidPayment } from './services/captures';
import { paymentById } from './services/queries';
import { refundPayment, type RefundRequest } from './services/refunds';

/** The same operations the order saga calls over GraphQL with a service token, for callers in this process. */
export interface PaymentOperations {
  /** See the schema's authorizePayment: amount as a decimal string, card or paymentMethodId, idempotencyKey. */
  authorizePayment(input: Record<string, unknown>): Promise<Payment>;
  capturePayment(paymentId: string, amount?: string | null, idempotencyKey?: string | null): Promise<Payment>;
  voidPayment(paymentId: string, idempotencyKey?: string | null): Promise<Payment>;
  refundPayment(request: RefundRequest): Promise<Refund>;
  payment(id: string): Promise<Payment>;
}

/**
 * Binds the service functions to a context acting with the service role: code in this process is trusted.
 * `contextFor` gives a fresh context (fresh loaders) per call, so no call reads another's cached rows.
 */
export function paymentOperations(contextFor: () => PaymentContext): PaymentOperations {
  const ctx = (): PaymentContext => ({ ...contextFor(), viewer: serviceViewer });
  return {
    authorizePayment: (input) => authorizePayment(ctx(), input),
    capturePayment: (paymentId, amount, idempotencyKey) => capturePayment(ctx(), paymentId, amount, idempotencyKey),
    voidPayment: (paymentId, idempotencyKey) => voidPayment(ctx(), paymentId, idempotencyKey),
    refundPayment: (request) => refundPayment(ctx(), request),
    payment: (id) => paymentById(ctx(), id),
  };
}
