import { callerCart } from '../services/carts';
import { cartForCheckout } from '../services/checkout';
import type { QueryResolvers } from './types.generated';

export const Query: QueryResolvers = {
  cart: (_, _args, ctx) => callerCart(ctx),
  cartForCheckout: (_, args, ctx) => cartForCheckout(ctx, args.owner),
};
