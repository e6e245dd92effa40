import { discountCodeByCode } from '../services/discount-codes';
import { guestOrder } from '../services/guest-access';
import { myOrders, orderByNumber, searchOrders } from '../services/order-queries';
import type { QueryResolvers } from './types.generated';

export const Query: QueryResolvers = {
  myOrders: (_, args, ctx) => myOrders(ctx, args),
  order: (_, args, ctx) => orderByNumber(ctx, args.number),
  guestOrder: (_, args, ctx) => guestOrder(ctx, args.number, args.accessKey),
  orders: (_, args, ctx) => searchOrders(ctx, { ...args, filter: lowerEnums(args.filter) }),
  discountCode: (_, args, ctx) => discountCodeByCode(ctx, args.code),
};

/** GraphQL enum values (SHIPPED) as the domain spells them (shipped). */
function lowerEnums(filter: unknown): unknown {
  if (!filter || typeof filter !== 'object') return filter;
  const f = filter as { status?: unknown };
  return Array.isArray(f.status) ? { ...f, status: f.status.map((s) => String(s).toLowerCase()) } : filter;
}
