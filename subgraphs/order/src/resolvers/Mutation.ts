import { checkout } from '../checkout/saga';
import { shopError } from '@shop/platform';
import { createDiscountCode, deactivateDiscountCode } from '../services/discount-codes';
import { cancelMyOrder, cancelOrderAsService, confirmOrder, moveOrder, refundOrder } from '../services/fulfilment';
import { withGuestAccessKey } from '../services/guest-access';
import { placeOrder } from '../services/place-order';
import { discountCodeFromGraphQL, placeOrderFromGraphQL } from './inputs';
import type { MutationResolvers } from './types.generated';

export const Mutation: MutationResolvers = {
  checkout: (_, args, ctx) => {
    if (!ctx.checkout) throw shopError('FORBIDDEN', 'This order service does not take checkouts (no cart, inventory and payment configured).');
    return checkout(ctx, ctx.checkout, ctx.cartSession, args.input).then((order) => withGuestAccessKey(ctx, order));
  },
  cancelMyOrder: (_, args, ctx) => cancelMyOrder(ctx, args.number, args.reason),
  moveOrder: (_, args, ctx) => moveOrder(ctx, { ...args, status: args.status.toLowerCase() }),
  refundOrder: (_, args, ctx) => refundOrder(ctx, args),
  createDiscountCode: (_, args, ctx) => createDiscountCode(ctx, discountCodeFromGraphQL(args.input)),
  deactivateDiscountCode: (_, args, ctx) => deactivateDiscountCode(ctx, args.code),

  placeOrder: (_, args, ctx) => placeOrder(ctx, placeOrderFromGraphQL(args.input)),
  confirmOrder: (_, args, ctx) => confirmOrder(ctx, args.orderId),
  cancelOrder: (_, args, ctx) => cancelOrderAsService(ctx, args.orderId, args.reason),
};
