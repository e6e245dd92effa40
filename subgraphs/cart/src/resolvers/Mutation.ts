import { addToCart, changeCartLineQuantity, clearCart, removeFromCart } from '../services/carts';
import { clearCheckedOutCart } from '../services/checkout';
import { mergeGuestCart } from '../services/merge';
import type { MutationResolvers } from './types.generated';

export const Mutation: MutationResolvers = {
  addToCart: (_, args, ctx) => addToCart(ctx, args.variantId, args.quantity),
  changeCartLineQuantity: (_, args, ctx) => changeCartLineQuantity(ctx, args.variantId, args.quantity),
  removeFromCart: (_, args, ctx) => removeFromCart(ctx, args.variantId),
  clearCart: (_, _args, ctx) => clearCart(ctx),
  mergeGuestCart: (_, _args, ctx) => mergeGuestCart(ctx),
  clearCheckedOutCart: (_, args, ctx) => clearCheckedOutCart(ctx, args.owner),
};
