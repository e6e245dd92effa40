import type { CartContext } from '../context';
import { addToCart, changeCartLineQuantity, clearCart, removeFromCart } from '../services/carts';
import { clearCheckedOutCart } from '../services/checkout';
import { mergeGuestCart } from '../services/merge';

type Ctx = CartContext;
type Line = { variantId: string; quantity: number };

export const Mutation = {
  addToCart: (_: unknown, args: Line, ctx: Ctx) => addToCart(ctx, args.variantId, args.quantity),
  changeCartLineQuantity: (_: unknown, args: Line, ctx: Ctx) => changeCartLineQuantity(ctx, args.variantId, args.quantity),
  removeFromCart: (_: unknown, args: { variantId: string }, ctx: Ctx) => removeFromCart(ctx, args.variantId),
  clearCart: (_: unknown, _args: unknown, ctx: Ctx) => clearCart(ctx),
  mergeGuestCart: (_: unknown, _args: unknown, ctx: Ctx) => mergeGuestCart(ctx),
  clearCheckedOutCart: (_: unknown, args: { owner: unknown }, ctx: Ctx) => clearCheckedOutCart(ctx, args.owner),
};
