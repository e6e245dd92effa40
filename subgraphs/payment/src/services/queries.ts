import {
  assertAdmin, assertStaffOrService, isAdmin, isService, notFound, parseId, newestFirstPage, parseInput, position, type Connection,
  type PageArgs, type Viewer,
} from '@shop/platform';
import type { z } from 'zod';
import type { PaymentContext } from '../context';
import type { Prisma } from '../db';
import { paymentFilter } from '../domain/inputs';
import { assertShopper } from './callers';
import type { Payment } from '../generated/prisma/client';

/** Staff and our own services see every payment; a customer only their own. */
export const maySee = (viewer: Viewer, payment: Payment) =>
  isAdmin(viewer) || isService(viewer) || (viewer.customerId !== null && viewer.customerId === payment.customerId);

/** One payment, for whoever may see it; anyone else learns nothing, not even that it exists. */
export async function paymentById(ctx: PaymentContext, id: string): Promise<Payment> {
  const payment = await ctx.loaders.payment.load(parseId(id));
  if (!payment || !maySee(ctx.viewer, payment)) throw notFound('That payment');
  return payment;
}

/** The entity the gateway asks for by id: null for callers who may not see it. */
export async function paymentReference(ctx: PaymentContext, id: string): Promise<Payment | null> {
  const payment = position.uuid(id) ? await ctx.loaders.payment.load(id.toLowerCase()) : null;
  return payment && maySee(ctx.viewer, payment) ? payment : null;
}

/** The signed-in customer's payments, newest first. */
export function myPayments(ctx: PaymentContext, args: PageArgs): Promise<Connection<Payment> & { totalCount: number }> {
  const customerId = assertShopper(ctx.viewer);
  return pageOfPayments(ctx, args, { customerId });
}

/** Staff: payments by order, customer and status, newest first. */
export function searchPayments(ctx: PaymentContext, args: PageArgs & { filter?: unknown }): Promise<Connection<Payment> & { totalCount: number }> {
  assertAdmin(ctx.viewer);
  const f: NonNullable<z.infer<typeof paymentFilter>> = parseInput(paymentFilter, args.filter) ?? { status: undefined };
  return pageOfPayments(ctx, args, {
    ...(f.orderId && { orderId: f.orderId.toLowerCase() }),
    ...(f.customerId && { customerId: f.customerId.toLowerCase() }),
    ...(f.status && { status: f.status }),
  });
}

/**
 * Every payment of an order, oldest first: the checkout saga's recovery looks here for an authorization it may
 * have obtained but not recorded before it died, so that none is left dangling.
 */
export async function orderPayments(ctx: PaymentContext, orderId: string): Promise<Payment[]> {
  assertStaffOrService(ctx.viewer);
  return ctx.db.payment.findMany({ where: { orderId: parseId(orderId, 'orderId') }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: 100 });
}

/** Newest first (platform keyset page); the page's payments are primed in the request's loader. */
async function pageOfPayments(ctx: PaymentContext, args: PageArgs, where: Prisma.PaymentWhereInput) {
  const connection = await newestFirstPage(ctx.db.payment, 'payments', where, args);
  for (const { node } of connection.edges) ctx.loaders.payment.prime(node.id, node);
  return connection;
}
