import {
  assertAdmin, assertCustomer, badUserInput, forbidden, isAdmin, isService, notFound, parseId, newestFirstPage, parseInput,
  type Connection, type PageArgs,
} from '@shop/platform';
import type { OrderContext } from '../context';
import type { Prisma } from '../db';
import { orderFilter } from '../domain/inputs';
import { parseOrderNumber } from '../domain/order-number';
import type { Order } from '../generated/prisma/client';

export type OrderConnection = Connection<Order> & { totalCount: number };

/** Newest first (platform keyset page); the page's orders are primed in the request's loader. */
async function pageOfOrders(ctx: OrderContext, where: Prisma.OrderWhereInput, args: PageArgs): Promise<OrderConnection> {
  const connection = await newestFirstPage(ctx.db.order, 'orders', where, args);
  for (const { node } of connection.edges) ctx.loaders.order.prime(node.id, node);
  return connection;
}

/** The signed-in customer's orders, newest first. */
export function myOrders(ctx: OrderContext, args: PageArgs): Promise<OrderConnection> {
  return pageOfOrders(ctx, { customerId: assertCustomer(ctx.viewer) }, args);
}

/** Customer.orders through federation: the customer themself, staff, or one of the shop's services. */
export function ordersOfCustomer(ctx: OrderContext, customerId: string, args: PageArgs): Promise<OrderConnection> {
  const id = parseId(customerId, 'customerId');
  if (ctx.viewer.customerId !== id && !isAdmin(ctx.viewer) && !isService(ctx.viewer)) throw forbidden('You can only see your own orders.');
  return pageOfOrders(ctx, { customerId: id }, args);
}

const canSee = (ctx: OrderContext, order: Order) =>
  isAdmin(ctx.viewer) || isService(ctx.viewer) || (ctx.viewer.customerId !== null && order.customerId === ctx.viewer.customerId);

/** One order by its number; someone else's order is NOT_FOUND, so numbers reveal nothing. */
export async function orderByNumber(ctx: OrderContext, number: string): Promise<Order> {
  const order = await ctx.db.order.findUnique({ where: { orderNumber: parseOrderNumber(number) } });
  if (!order || !canSee(ctx, order)) throw notFound('That order');
  ctx.loaders.order.prime(order.id, order);
  return order;
}

/** An Order entity for another subgraph: null (not an error) for callers who may not see it. */
export async function orderReference(ctx: OrderContext, id: string): Promise<Order | null> {
  const order = await ctx.loaders.order.load(parseId(id));
  return order && canSee(ctx, order) ? order : null;
}

/** Staff search: by status (any of), customer, email, part of the number, and placing date range. */
export function searchOrders(ctx: OrderContext, args: PageArgs & { filter?: unknown }): Promise<OrderConnection> {
  assertAdmin(ctx.viewer);
  const f = parseInput(orderFilter, args.filter);
  const from = f.placedFrom ? instant(f.placedFrom, 'start') : null;
  const to = f.placedTo ? instant(f.placedTo, 'end') : null;
  if (from && to && from >= to) throw badUserInput('`placedFrom` must be before `placedTo`.', [{ field: 'filter.placedTo', message: 'must be after placedFrom' }]);
  const where: Prisma.OrderWhereInput = {
    ...(f.status?.length && { status: { in: f.status } }),
    ...(f.customerId && { customerId: f.customerId }),
    ...(f.email && { email: { contains: f.email.toLowerCase() } }),
    ...(f.number && { orderNumber: { contains: f.number.toUpperCase() } }),
    ...((from || to) && { createdAt: { ...(from && { gte: from }), ...(to && { lt: to }) } }),
  };
  return pageOfOrders(ctx, where, args);
}

/** A day means the whole day: `placedTo: "2026-11-30"` includes orders placed on the 30th. */
function instant(value: string, edge: 'start' | 'end'): Date {
  if (value.length !== 10) return edge === 'end' ? new Date(Date.parse(value) + 1) : new Date(value);
  const day = new Date(`${value}T00:00:00Z`);
  return edge === 'end' ? new Date(day.getTime() + 86_400_000) : day;
}
