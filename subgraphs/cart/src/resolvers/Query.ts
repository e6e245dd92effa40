import type { CartContext } from '../context';
import { callerCart } from '../services/carts';
import { cartForCheckout } from '../services/checkout';

export const Query = {
  cart: (_: unknown, _args: unknown, ctx: CartContext) => callerCart(ctx),
  cartForCheckout: (_: unknown, args: { owner: unknown }, ctx: CartContext) => cartForCheckout(ctx, args.owner),
};
