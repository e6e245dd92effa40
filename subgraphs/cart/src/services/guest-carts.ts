import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { conflict } from '@shop/platform';
import type { CartContext } from '../context';
import { storedTotals, type CartLineData } from '../domain/cart';
import { newSessionId } from '../domain/session';
import { isGuestCart, type CartDocument } from '../store/cart-store';
import type { OwnedCart } from './views';

/** A change to a cart's lines: returns the same array when nothing changes (then nothing is written). */
export type LineChange = (items: readonly CartLineData[]) => CartLineData[];
export const unchanged: LineChange = (items) => items as CartLineData[];

/** Optimistic writers retry with jitter; a cart changed this often at once by one shopper is not a real shopper. */
const ATTEMPTS = 30;

/** A guest cart, or null: no such session, expired, merged at sign-in, or not a guest's. */
export async function readGuestCart(ctx: CartContext, sessionId: string): Promise<CartDocument | null> {
  const doc = await ctx.store.readSession(sessionId);
  return isGuestCart(doc) ? doc : null;
}

/**
 * Reads, changes and writes a guest cart with compare-and-set on its version, retrying when another request
 * changed it in between, so concurrent changes lose no update. Without a cart (no session, or one this API does
 * not know) `create` starts one under a new session id; the client's id is never used for a new cart. Null when
 * there is no cart and `create` is false. Every write renews the session's 7-day TTL.
 */
export async function changeGuestCart(ctx: CartContext, sessionId: string | null, options: { create: boolean }, change: LineChange): Promise<OwnedCart | null> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const stored = sessionId ? await ctx.store.readSession(sessionId) : null;
    if (!sessionId || !isGuestCart(stored)) {
      if (!options.create) return null;
      const newId = newSessionId();
      const cart = newGuestCart(change([]), ctx.now());
      if (await ctx.store.replaceSession(newId, null, cart)) return { cart, sessionToken: newId };
      continue;
    }
    const items = change(stored.items);
    if (items === stored.items) return { cart: stored, sessionToken: sessionId };
    const cart: CartDocument = { ...stored, items, totals: storedTotals(items), updatedAt: ctx.now().toISOString(), version: stored.version + 1 };
    if (await ctx.store.replaceSession(sessionId, stored.version, cart)) return { cart, sessionToken: sessionId };
    await sleep(Math.random() * Math.min(2 ** attempt, 50));
  }
  throw conflict('Your cart is being changed by another request at the same time; try again.');
}

function newGuestCart(items: CartLineData[], now: Date): CartDocument {
  const at = now.toISOString();
  return { cartId: randomUUID(), customerId: null, items, totals: storedTotals(items), createdAt: at, updatedAt: at, version: 1 };
}
