import { conflict, type ShopError } from '@shop/platform';
import type { OrderDbOrTx } from '../db';

/**
 * The checkout_cart_claims repository: one cart buys once. A checkout claims the (cart, version) it read in the
 * statement that starts its saga (sagas.ts); the database's partial unique indexes decide every race, across replicas
 * (see prisma/order/schema.prisma). The claim follows its saga: completed when the order is confirmed, released
 * when the checkout failed and was undone.
 */
export type ClaimStatus = 'active' | 'completed' | 'released';

export interface CartClaim {
  sagaId: string;
  orderId: string;
  cartId: string;
  cartVersion: number;
  /** SHA-256 of the cart's owner. */
  ownerKey: string;
}

/** How long after a purchase an empty cart is explained as "already bought" rather than "empty". */
export const RECENTLY_BOUGHT_MS = 15 * 60 * 1000;

/**
 * Why the cart cannot be claimed now, from the claims that block it: its version already bought, or another
 * checkout of it running. Null when nothing blocks it any more (the blocking checkout failed in the meantime).
 */
export async function claimRefusal(db: OrderDbOrTx, cartId: string, cartVersion: number): Promise<ShopError | null> {
  const blocking = await db.checkoutCartClaim.findMany({
    where: { cartId, OR: [{ status: 'active' }, { status: 'completed', cartVersion }] },
    orderBy: { createdAt: 'desc' },
  });
  const bought = blocking.find((c) => c.status === 'completed');
  if (bought) return alreadyBought(db, bought.orderId);
  if (blocking.length) return cartCheckoutInProgress();
  return null;
}

/**
 * An empty cart right after its purchase (the checkout cleared it): tell the shopper it was bought, or that its
 * checkout is still running, rather than only "empty". Null when the owner bought nothing recently.
 */
export async function recentPurchaseRefusal(db: OrderDbOrTx, ownerKey: string, now = new Date()): Promise<ShopError | null> {
  const latest = await db.checkoutCartClaim.findFirst({ where: { ownerKey, status: { not: 'released' } }, orderBy: { updatedAt: 'desc' } });
  if (!latest) return null;
  if (latest.status === 'active') return cartCheckoutInProgress();
  if (now.getTime() - latest.updatedAt.getTime() <= RECENTLY_BOUGHT_MS) return alreadyBought(db, latest.orderId);
  return null;
}

export function cartCheckoutInProgress(): ShopError {
  return conflict('This cart is already being checked out (another tab or a double click); wait for that checkout to finish.', {
    reason: 'CART_CHECKOUT_IN_PROGRESS',
  });
}

async function alreadyBought(db: OrderDbOrTx, orderId: string): Promise<ShopError> {
  const order = await db.order.findUnique({ where: { id: orderId }, select: { orderNumber: true } });
  return conflict(`This cart was already bought${order ? ` (order ${order.orderNumber})` : ''}; add items to buy again.`, {
    reason: 'CART_ALREADY_CHECKED_OUT',
    ...(order ? { orderNumber: order.orderNumber } : {}),
  });
}
