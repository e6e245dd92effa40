import { createServiceClient, DEFAULT_SERVICE_TIMEOUT_MS, type ServiceClient, type ServiceCredentials, type ServiceEndpoint } from '@shop/platform';
import type { CartPort, CheckoutCart, CheckoutPorts, PaymentPort, PaymentRecord, StockPort } from './ports';

export interface CheckoutServiceUrls {
  cart: string;
  inventory: string;
  payment: string;
}

const money = (m: { amount: string }) => m.amount;

function cartPort(call: ServiceEndpoint): CartPort {
  return {
    async forCheckout(owner) {
      const data = await call<{ cartForCheckout: null | (Omit<CheckoutCart, 'subtotal' | 'lines'> & { subtotal: { amount: string }; lines: (Omit<CheckoutCart['lines'][number], 'unitPrice'> & { unitPrice: { amount: string } })[] }) }>(
        `query($owner: CartOwnerInput!) { cartForCheckout(owner: $owner) {
          cartId version currency subtotal { amount } lines { variantId productId sku productName variantName quantity unitPrice { amount } } } }`,
        { owner },
      );
      const cart = data.cartForCheckout;
      if (!cart) return null;
      return { ...cart, subtotal: money(cart.subtotal), lines: cart.lines.map((l) => ({ ...l, unitPrice: money(l.unitPrice) })) };
    },
    async clear(owner) {
      await call(`mutation($owner: CartOwnerInput!) { clearCheckedOutCart(owner: $owner) }`, { owner });
    },
  };
}

function stockPort(call: ServiceEndpoint): StockPort {
  return {
    async reserve(orderId, lines, ttlSeconds) {
      await call(`mutation($input: ReserveStockInput!) { reserveStock(input: $input) { orderId } }`, { input: { orderId, lines, ttlSeconds } });
    },
    async commit(orderId) {
      return (await call<{ commitReservations: { status: string }[] }>(`mutation($id: ID!) { commitReservations(orderId: $id) { status } }`, { id: orderId }))
        .commitReservations;
    },
    async release(orderId) {
      await call(`mutation($id: ID!) { releaseReservations(orderId: $id) { id } }`, { id: orderId });
    },
    async fulfil(orderId) {
      await call(`mutation($id: ID!) { fulfilReservations(orderId: $id) { id } }`, { id: orderId });
    },
    async returnStock(orderId) {
      await call(`mutation($id: ID!) { returnReservations(orderId: $id) { id } }`, { id: orderId });
    },
  };
}

function paymentPort(call: ServiceEndpoint): PaymentPort {
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

/**
 * How long the saga waits for each service. Cart and inventory answer from one short transaction: the platform's
 * 10 s means stuck. Payment calls a provider inside the call, bounded by the payment's own provider timeout (10 s),
 * and a capture, void or refund may first queue behind another on the payment's row: 2 × 10 s + 5 s, the same time
 * the payment itself gives a pending request before it calls it dead, so the saga never gives up on a payment
 * request the payment still considers alive — and it stays inside the gateway's 30 s budget for the operation.
 * A call that times out has an unknown outcome: the saga compensates (voids any open authorization of the order)
 * or the recovery worker resumes it, both by idempotent steps.
 */
export const CHECKOUT_TIMEOUTS_MS = { cart: DEFAULT_SERVICE_TIMEOUT_MS, inventory: DEFAULT_SERVICE_TIMEOUT_MS, payment: 25_000 } as const;

/**
 * The saga's ports over HTTP through the platform's service client, each call carrying this service's token and
 * the request's id. Given credentials, a client is made for them; given a client, it is shared (and closed by its
 * owner). URLs may be resolved at call time (the embedded start learns them as services come up).
 */
export function httpCheckoutPorts(
  urls: CheckoutServiceUrls | (() => CheckoutServiceUrls),
  service: ServiceCredentials | ServiceClient,
  timeoutsMs: Partial<Record<keyof CheckoutServiceUrls, number>> = {},
): CheckoutPorts {
  const client = 'token' in service ? createServiceClient({ credentials: service }) : service;
  const endpoint = (name: keyof CheckoutServiceUrls) =>
    client.endpoint(() => (typeof urls === 'function' ? urls() : urls)[name], { timeoutMs: timeoutsMs[name] ?? CHECKOUT_TIMEOUTS_MS[name] });
  return {
    cart: cartPort(endpoint('cart')),
    stock: stockPort(endpoint('inventory')),
    payment: paymentPort(endpoint('payment')),
  };
}
