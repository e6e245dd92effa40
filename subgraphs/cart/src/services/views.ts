import { priceCart, type PricedCart } from '../domain/cart';
import type { CartContext } from '../context';
import type { CartDocument } from '../store/cart-store';

/** A cart as the API returns it: the stored cart, and its session id when the caller is the guest holding it. */
export interface OwnedCart {
  cart: CartDocument;
  sessionToken: string | null;
}

const priced = new WeakMap<CartDocument, Promise<PricedCart>>();

/**
 * The cart at current catalog prices: at most one catalog call for all its lines, shared by every field of the
 * response. Shown prices may be a few seconds old (the variant cache); checkout asks for `fresh` ones.
 */
export function pricedCart(ctx: CartContext, cart: CartDocument, options: { fresh: boolean } = { fresh: false }): Promise<PricedCart> {
  let result = priced.get(cart);
  if (!result) {
    const ids = cart.items.map((l) => l.variantId);
    result = ctx.loaders.variantMap(ids, options).then((variants) => priceCart(cart.items, variants, ctx.settings.currency));
    priced.set(cart, result);
  }
  return result;
}
