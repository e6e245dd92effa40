import { checkout } from '../checkout/saga';
import type { OrderContext } from '../context';
import { shopError } from '@shop/platform';
import { createDiscountCode, deactivateDiscountCode } from '../services/discount-codes';
import { cancelMyOrder, cancelOrderAsService, confirmOrder, moveOrder, refundOrder } from '../services/fulfilment';
import { withGuestAccessKey } from '../services/guest-access';
import { placeOrder } from '../services/place-order';
import { discountCodeFromGraphQL, placeOrderFromGraphQL } from './inputs';

type Ctx = OrderContext;

export const Mutation = {
  checkout: (_: unknown, args: { input: unknown }, ctx: Ctx) => {
    if (!ctx.checkout) throw shopError('FORBIDDEN', 'This order service does not take checkouts (no cart, inventory and payment configured).');
    return checkout(ctx, ctx.checkout, ctx.cartSession, args.input).then((order) => withGuestAccessKey(ctx, order));
  },
  cancelMyOrder: (_: unknown, args: { number: string; reason?: string | null }, ctx: Ctx) => cancelMyOrder(ctx, args.number, args.reason),
  moveOrder: (_: unknown, args: { status: string } & Record<string, unknown>, ctx: Ctx) => moveOrder(ctx, { ...args, status: args.status.toLowerCase() }),
  refundOrder: (_: unknown, args: Record<string, unknown>, ctx: Ctx) => refundOrder(ctx, args),
  createDiscountCode: (_: unknown, args: { input: Record<string, unknown> }, ctx: Ctx) => createDiscountCode(ctx, discountCodeFromGraphQL(args.input)),
  deactivateDiscountCode: (_: unknown, args: { code: string }, ctx: Ctx) => deactivateDiscountCode(ctx, args.code),

  placeOrder: (_: unknown, args: { input: Record<string, unknown> }, ctx: Ctx) => placeOrder(ctx, placeOrderFromGraphQL(args.input)),
  confirmOrder: (_: unknown, args: { orderId: string }, ctx: Ctx) => confirmOrder(ctx, args.orderId),
  cancelOrder: (_: unknown, args: { orderId: string; reason: string }, ctx: Ctx) => cancelOrderAsService(ctx, args.orderId, args.reason),
};
