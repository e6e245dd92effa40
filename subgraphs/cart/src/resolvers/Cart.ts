import { money } from '@shop/platform';
import { cartById } from '../services/carts';
import { pricedCart } from '../services/views';
import type { CartLineResolvers, CartResolvers } from './types.generated';

export const Cart: CartResolvers = {
  __resolveReference: (ref, ctx) => cartById(ctx, ref.id),
  id: (c) => c.cart.cartId,
  sessionToken: (c) => c.sessionToken,
  itemCount: async (c, _, ctx) => (await pricedCart(ctx, c.cart)).itemCount,
  subtotal: async (c, _, ctx) => {
    const priced = await pricedCart(ctx, c.cart);
    return money(priced.subtotal, priced.currency);
  },
  lines: async (c, _, ctx) => (await pricedCart(ctx, c.cart)).lines,
  updatedAt: (c) => c.cart.updatedAt,
};

export const CartLine: CartLineResolvers = {
  variant: (l) => ({ __typename: 'ProductVariant', id: l.line.variantId }),
  quantity: (l) => l.line.quantity,
  unitPrice: (l) => money(l.unitPrice, l.variant.currency),
  currentUnitPrice: (l) => money(l.currentUnitPrice, l.variant.currency),
  priceChanged: (l) => l.priceChanged,
  lineTotal: (l) => money(l.lineTotal, l.variant.currency),
  addedAt: (l) => l.line.addedAt,
};
