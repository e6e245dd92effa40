import type { PageArgs } from '@shop/platform';
import type { OrderContext } from '../context';
import { discountCodeByCode } from '../services/discount-codes';
import { guestOrder } from '../services/guest-access';
import { myOrders, orderByNumber, searchOrders } from '../services/order-queries';

type Ctx = OrderContext;

export const Query = {
  myOrders: (_: unknown, args: PageArgs, ctx: Ctx) => myOrders(ctx, args),
  order: (_: unknown, args: { number: string }, ctx: Ctx) => orderByNumber(ctx, args.number),
  guestOrder: (_: unknown, args: { number: string; accessKey: string }, ctx: Ctx) => guestOrder(ctx, args.number, args.accessKey),
  orders: (_: unknown, args: PageArgs & { filter?: unknown }, ctx: Ctx) => searchOrders(ctx, { ...args, filter: lowerEnums(args.filter) }),
  discountCode: (_: unknown, args: { code: string }, ctx: Ctx) => discountCodeByCode(ctx, args.code),
};

/** GraphQL enum values (SHIPPED) as the domain spells them (shipped). */
function lowerEnums(filter: unknown): unknown {
  if (!filter || typeof filter !== 'object') return filter;
  const f = filter as { status?: unknown };
  return Array.isArray(f.status) ? { ...f, status: f.status.map((s) => String(s).toLowerCase()) } : filter;
}
