import { money } from '@shop/platform';
import type { CartContext } from '../context';
import type { PricedLine } from '../domain/cart';
import { cartById } from '../services/carts';
import { pricedCart, type OwnedCart } from '../services/views';

export const Cart = {
  __resolveReference: (ref: { id: string }, ctx: CartContext) => cartById(ctx, ref.id),
  id: (c: OwnedCart) => c.cart.cartId,
  sessionToken: (c: OwnedCart) => c.sessionToken,
  itemCount: async (c: OwnedCart, _: unknown, ctx: CartContext) => (await pricedCart(ctx, c.cart)).itemCount,
  subtotal: async (c: OwnedCart, _: unknown, ctx: CartContext) => {
    const priced = await pricedCart(ctx, c.cart);
    return money(priced.subtotal, priced.currency);
  },
  lines: async (c: OwnedCart, _: unknown, ctx: CartContext) => (await pricedCart(ctx, c.cart)).lines,
  updatedAt: (c: OwnedCart) => c.cart.updatedAt,
};

export const CartLine = {
  variant: (l: PricedLine) => ({ __typename: 'ProductVariant', id: l.line.variantId }),
  quantity: (l: PricedLine) => l.line.quantity,
  unitPrice: (l: PricedLine) => money(l.unitPrice, l.variant.currency),
  currentUnitPrice: (l: PricedLine) => money(l.currentUnitPrice, l.variant.currency),
  priceChanged: (l: PricedLine) => l.priceChanged,
  lineTotal: (l: PricedLine) => money(l.lineTotal, l.variant.currency),
  addedAt: (l: PricedLine) => l.line.addedAt,
};
