import { Agent } from 'undici';
import type { ServiceCredentials } from '@shop/platform';
import { graphqlCaller } from './graphql-client';
import type { CartPort, CheckoutCart, CheckoutPorts, PaymentPort, PaymentRecord, StockPort } from './ports';

export interface CheckoutServiceUrls {
  cart: string;
  inventory: string;
  payment: string;
}

const money = (m: { amount: string }) => m.amount;

function cartPort(call: ReturnType<typeof graphqlCaller>): CartPort {
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

function stockPort(call: ReturnType<typeof graphqlCaller>): StockPort {
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

function paymentPort(call: ReturnType<typeof graphqlCaller>): PaymentPort {
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
 * The saga's ports over HTTP, each call carrying this service's token. URLs may be resolved at call time (the
 * embedded start learns them as services come up).
 */
export function httpCheckoutPorts(
  urls: CheckoutServiceUrls | (() => CheckoutServiceUrls),
  credentials: ServiceCredentials,
  agent: Agent = new Agent({ keepAliveTimeout: 4_000, keepAliveMaxTimeout: 4_000 }),
): CheckoutPorts {
  const urlOf = (name: keyof CheckoutServiceUrls) => () => (typeof urls === 'function' ? urls() : urls)[name];
  return {
    cart: cartPort(graphqlCaller(urlOf('cart'), credentials, agent)),
    stock: stockPort(graphqlCaller(urlOf('inventory'), credentials, agent)),
    payment: paymentPort(graphqlCaller(urlOf('payment'), credentials, agent, 30_000)),
  };
}
