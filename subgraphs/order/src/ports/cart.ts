import type { ServiceEndpoint } from '@shop/platform';

/** The cart context, as a checkout needs it. */
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

const money = (m: { amount: string }) => m.amount;

type CartAnswer = Omit<CheckoutCart, 'subtotal' | 'lines'> & {
  subtotal: { amount: string };
  lines: (Omit<CheckoutCartLine, 'unitPrice'> & { unitPrice: { amount: string } })[];
};

/** The cart service's internal operations over HTTP. */
export function httpCart(call: ServiceEndpoint): CartPort {
  return {
    async forCheckout(owner) {
      const data = await call<{ cartForCheckout: CartAnswer | null }>(
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
