import type { CartContext } from '../context';
import { cartOfCustomer, cartQuantity } from '../services/carts';

/** Catalog's variant, extended with how many of it the caller's cart holds. */
export const ProductVariant = {
  __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
  cartQuantity: (v: { id: string }, _: unknown, ctx: CartContext) => cartQuantity(ctx, v.id),
};

/** The customer context's customer, extended with their cart (owner only). */
export const Customer = {
  __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
  cart: (c: { id: string }, _: unknown, ctx: CartContext) => cartOfCustomer(ctx, c.id),
};
