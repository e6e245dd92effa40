import type { CartLineData } from './cart';
import { storedTotals } from './cart';

/** Carts last changed at or before this moment have been idle long enough. */
export const abandonmentCutoff = (now: Date, idleMs: number): Date => new Date(now.getTime() - idleMs);

/**
 * A customer cart is abandoned once it holds something and nobody changed it for the idle time; it is recorded
 * once per idle period: a change after the last recording starts a new period.
 */
export function isNewAbandonment(cart: { updatedAt: Date; abandonedAt: Date | null; itemCount: number }, now: Date, idleMs: number): boolean {
  const idle = cart.updatedAt.getTime() <= abandonmentCutoff(now, idleMs).getTime();
  const recorded = cart.abandonedAt !== null && cart.abandonedAt.getTime() >= cart.updatedAt.getTime();
  return cart.itemCount > 0 && idle && !recorded;
}

/** The cart as it was left, kept in abandoned_carts.cart_data and carried by the CartAbandoned event. */
export interface AbandonedCartSnapshot {
  cartId: string;
  customerId: string;
  items: { variantId: string; sku: string; quantity: number; unitPrice: string; addedAt: string }[];
  totals: { subtotal: string; itemCount: number };
  lastChangedAt: string;
}

export function abandonedSnapshot(cart: { id: string; customerId: string; updatedAt: Date }, items: readonly CartLineData[]): AbandonedCartSnapshot {
  return {
    cartId: cart.id,
    customerId: cart.customerId,
    items: items.map((l) => ({ variantId: l.variantId, sku: l.sku, quantity: l.quantity, unitPrice: l.price, addedAt: l.addedAt })),
    totals: storedTotals(items),
    lastChangedAt: cart.updatedAt.toISOString(),
  };
}

/**
 * Payload of the integration event `CartAbandoned` (aggregate Cart, version = the cart's version, schema version 1),
 * recorded in the outbox (domain_events) in the transaction that records the abandonment. The notification context
 * (later) sends the recovery email; it looks the email up by customer id.
 */
export interface CartAbandonedEvent {
  abandonedCartId: string;
  abandonedAt: string;
  cart: AbandonedCartSnapshot;
}
