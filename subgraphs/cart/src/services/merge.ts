import { badUserInput, conflict } from '@shop/platform';
import type { CartContext } from '../context';
import { mergeLines } from '../domain/cart';
import { assertMayMerge } from '../domain/session';
import { isGuestCart, type MergedSession } from '../store/cart-store';
import { guestSessionOf, writerOf } from './caller';
import { changeCustomerCart, readCustomerCart } from './customer-carts';
import { unchanged } from './guest-carts';
import type { OwnedCart } from './views';

class GuestCartChanged extends Error {}

/**
 * After sign-in: the guest cart named by x-cart-session moves into the customer's cart, once. The guest session
 * is claimed (compare-and-set on its version) inside the customer cart's transaction, so of two merges at once
 * only one adds the lines, and a retry after success finds the session merged into this customer and changes
 * nothing. The guest cart is then gone: its session keeps only a note of who merged it (so another shopper
 * presenting it is refused), and cart:conversion:{customerId} records it (seed section 5).
 */
export async function mergeGuestCart(ctx: CartContext): Promise<OwnedCart> {
  const shopper = writerOf(ctx);
  if (shopper.kind !== 'customer') throw new Error('mergeGuestCart is @signedIn');
  const { customerId } = shopper;
  const sessionId = guestSessionOf(ctx);
  if (!sessionId) throw badUserInput('Send the guest cart\'s session as the x-cart-session header.', [{ field: 'x-cart-session', message: 'required' }]);

  for (let attempt = 0; attempt < 5; attempt++) {
    const guest = await ctx.store.readSession(sessionId);
    assertMayMerge(guest, customerId);
    if (!isGuestCart(guest)) {
      // Unknown or expired session, or merged by this customer already: nothing to move.
      const cart = await changeCustomerCart(ctx, customerId, { create: true }, unchanged);
      return { cart: cart!, sessionToken: null };
    }
    const current = await readCustomerCart(ctx, customerId).catch(() => null);
    const guestIds = guest.items.map((l) => l.variantId);
    const [variants, available] = await Promise.all([
      ctx.loaders.variantMap([...guestIds, ...(current?.items.map((l) => l.variantId) ?? [])]),
      ctx.loaders.availableMap(guestIds),
    ]);
    const merged: MergedSession = { mergedInto: customerId, mergedAt: ctx.now().toISOString(), version: guest.version + 1 };
    try {
      const cart = await changeCustomerCart(
        ctx, customerId, { create: true },
        (items) => mergeLines(items, guest.items, { variants, available, now: ctx.now() }, ctx.settings.limits),
        {
          beforeCommit: async () => {
            if (!(await ctx.store.replaceSession(sessionId, guest.version, merged))) throw new GuestCartChanged();
          },
          afterAbort: async () => void (await ctx.store.replaceSession(sessionId, merged.version, guest)),
        },
      );
      await ctx.store.recordConversion(customerId, sessionId).catch((err: unknown) => ctx.log.warn({ err }, 'could not record the cart conversion'));
      return { cart: cart!, sessionToken: null };
    } catch (error) {
      if (!(error instanceof GuestCartChanged)) throw error;
    }
  }
  throw conflict('The guest cart kept changing while it was being merged; try again.');
}
