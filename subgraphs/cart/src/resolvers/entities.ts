import { cartOfCustomer, cartQuantity } from '../services/carts';
import type { CustomerResolvers, ProductVariantResolvers } from './types.generated';

/** Catalog's variant, extended with how many of it the caller's cart holds. */
export const ProductVariant: ProductVariantResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  cartQuantity: (v, _, ctx) => cartQuantity(ctx, v.id),
};

/** The customer context's customer, extended with their cart (owner only). */
export const Customer: CustomerResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  cart: (c, _, ctx) => cartOfCustomer(ctx, c.id),
};
