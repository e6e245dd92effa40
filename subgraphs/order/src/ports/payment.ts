import type { ServiceEndpoint } from '@shop/platform';

/** The payment context: authorizing, capturing and giving back an order's money. */
export interface CardDetails {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
  holderName?: string | null;
}

export interface AuthorizeRequest {
  orderId: string;
  customerId: string | null;
  amount: string;
  currency: string;
  paymentMethodId?: string | null;
  card?: CardDetails | null;
  idempotencyKey: string;
}

export interface PaymentRecord {
  id: string;
  /** AUTHORIZED, CAPTURED, PARTIALLY_REFUNDED, REFUNDED, VOIDED, FAILED, EXPIRED, PENDING */
  status: string;
  /** Decimal string: what can still be refunded. */
  refundable?: string;
  /** Decimal strings: what was captured and refunded so far (the order's books are reconciled against these). */
  captured?: string;
  refunded?: string;
}

export interface PaymentPort {
  /** PAYMENT_DECLINED (with extensions.reason) when the card is refused. Idempotent per key. */
  authorize(request: AuthorizeRequest): Promise<PaymentRecord>;
  /** With a key, a retry after a lost answer is the same capture (or void), never a second one or a refusal. */
  capture(paymentId: string, idempotencyKey?: string): Promise<PaymentRecord>;
  void(paymentId: string, idempotencyKey?: string): Promise<PaymentRecord>;
  /** Returns money already captured; the same key repeats the same refund. */
  refund(paymentId: string, amount: string, reason: string, idempotencyKey: string): Promise<void>;
  /** Every payment of the order: how recovery finds an authorization the saga never recorded. */
  ofOrder(orderId: string): Promise<PaymentRecord[]>;
}

/** The payment service's internal operations over HTTP. */
export function httpPayment(call: ServiceEndpoint): PaymentPort {
  return {
    async authorize(request) {
      return (await call<{ authorizePayment: PaymentRecord }>(`mutation($input: AuthorizePaymentInput!) { authorizePayment(input: $input) { id status } }`, { input: request })).authorizePayment;
    },
    async capture(paymentId, key) {
      return (await call<{ capturePayment: PaymentRecord }>(`mutation($id: ID!, $key: String) { capturePayment(paymentId: $id, idempotencyKey: $key) { id status } }`, { id: paymentId, key })).capturePayment;
    },
    async void(paymentId, key) {
      return (await call<{ voidPayment: PaymentRecord }>(`mutation($id: ID!, $key: String) { voidPayment(paymentId: $id, idempotencyKey: $key) { id status } }`, { id: paymentId, key })).voidPayment;
    },
    async refund(paymentId, amount, reason, idempotencyKey) {
      await call(`mutation($id: ID!, $amount: String!, $reason: String, $key: String) { refundPayment(paymentId: $id, amount: $amount, reason: $reason, idempotencyKey: $key) { id } }`, {
        id: paymentId, amount, reason, key: idempotencyKey,
      });
    },
    async ofOrder(orderId) {
      type Row = { id: string; status: string; refundableAmount: { amount: string }; capturedAmount: { amount: string }; refundedAmount: { amount: string } };
      const { orderPayments } = await call<{ orderPayments: Row[] }>(
        `query($id: ID!) { orderPayments(orderId: $id) { id status refundableAmount { amount } capturedAmount { amount } refundedAmount { amount } } }`,
        { id: orderId },
      );
      return orderPayments.map((p) => ({
        id: p.id, status: p.status, refundable: p.refundableAmount.amount, captured: p.capturedAmount.amount, refunded: p.refundedAmount.amount,
      }));
    },
  };
}
