import { createServiceClient, DEFAULT_SERVICE_TIMEOUT_MS, type ServiceClient, type ServiceCredentials } from '@shop/platform';
import { httpCart, type CartPort } from './cart';
import { httpStock, type StockPort } from './inventory';
import { httpPayment, type PaymentPort } from './payment';

export type { CartOwner, CartPort, CheckoutCart, CheckoutCartLine } from './cart';
export type { StockPort } from './inventory';
export type { AuthorizeRequest, CardDetails, PaymentPort, PaymentRecord } from './payment';
export { httpLoyalty, loyaltyUnavailable, type LoyaltyPort } from './loyalty';

/** The order context's links to cart, inventory and payment (loyalty is its own port, optional). */
export interface CheckoutPorts {
  cart: CartPort;
  stock: StockPort;
  payment: PaymentPort;
}

export interface CheckoutServiceUrls {
  cart: string;
  inventory: string;
  payment: string;
}

/**
 * How long the order service waits for each partner. Cart and inventory answer from one short transaction: the
 * platform's 10 s means stuck. Payment calls a provider inside the call, bounded by the payment's own provider
 * timeout (10 s), and a capture, void or refund may first queue behind another on the payment's row: 2 × 10 s + 5 s,
 * the same time the payment itself gives a pending request before it calls it dead, so the saga never gives up on a
 * payment request the payment still considers alive — and it stays inside the gateway's 30 s budget for the
 * operation. A call that times out has an unknown outcome: the saga compensates (voids any open authorization of
 * the order) or the recovery worker resumes it, both by idempotent steps.
 */
export const CHECKOUT_TIMEOUTS_MS = { cart: DEFAULT_SERVICE_TIMEOUT_MS, inventory: DEFAULT_SERVICE_TIMEOUT_MS, payment: 25_000 } as const;

/**
 * The ports over HTTP through the platform's service client, each call carrying this service's token and the
 * request's id. Given credentials, a client is made for them; given a client, it is shared (and closed by its
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
  return { cart: httpCart(endpoint('cart')), stock: httpStock(endpoint('inventory')), payment: httpPayment(endpoint('payment')) };
}
