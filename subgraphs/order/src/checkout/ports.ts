/**
 * What the checkout saga needs from the other contexts. Each is a port so the saga is written in the shop's
 * words; the adapters in http-ports.ts call the owning subgraph's internal operations with a service token.
 */
export interface CartOwner {
  customerId: string | null;
  /** A guest's cart session (x-cart-session); null for a signed-in customer. */
  sessionId: string | null;
}

export interface CheckoutCartLine {
  variantId: string;
  productId: string;
  sku: string;
  productName: string;
  variantName: string | null;
  quantity: number;
  /** The current catalog price, a decimal string. */
  unitPrice: string;
}

export interface CheckoutCart {
  cartId: string;
  /** Bumped by the cart context on every change: the checkout claims (cartId, version). */
  version: number;
  currency: string;
  subtotal: string;
  lines: CheckoutCartLine[];
}

export interface CartPort {
  /** The owner's cart priced now; null when there is none or it is empty. */
  forCheckout(owner: CartOwner): Promise<CheckoutCart | null>;
  /** Empties the owner's cart once its order is confirmed. Idempotent. */
  clear(owner: CartOwner): Promise<void>;
}

export interface StockPort {
  /** All lines or none; OUT_OF_STOCK (with the short lines) otherwise. Idempotent per order. */
  reserve(orderId: string, lines: { variantId: string; quantity: number }[], ttlSeconds: number): Promise<void>;
  /** Moves the order's reservations to committed; answers each reservation's status afterwards. */
  commit(orderId: string): Promise<{ status: string }[]>;
  release(orderId: string): Promise<void>;
  /** The order shipped: its committed stock leaves the books. */
  fulfil(orderId: string): Promise<void>;
  /** A confirmed order was cancelled before shipping: its committed stock goes back on sale. */
  returnStock(orderId: string): Promise<void>;
}

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

export interface CheckoutPorts {
  cart: CartPort;
  stock: StockPort;
  payment: PaymentPort;
}
