import { assertAdmin, newestFirstPage, notFound, parseId, parseInput, type Connection, type PageArgs } from '@shop/platform';
import type { CustomerContext } from '../context';
import { inTransaction, Prisma } from '../db';
import { customerFilter } from '../domain/customer';
import { customerSuspendedOrReactivated } from '../events/publish';
import type { Customer } from '../generated/prisma/client';

/** Staff search, newest first; the count and the page read the same filter. */
export async function searchCustomers(ctx: CustomerContext, args: PageArgs & { filter?: unknown }): Promise<Connection<Customer> & { totalCount: number }> {
  assertAdmin(ctx.viewer);
  const f = parseInput(customerFilter, args.filter) ?? {};
  const where: Prisma.CustomerWhereInput = {
    ...(f.email && { email: { contains: f.email.toLowerCase() } }),
    ...(f.name && { OR: [{ firstName: { contains: f.name, mode: 'insensitive' } }, { lastName: { contains: f.name, mode: 'insensitive' } }] }),
    ...(f.status && { customerStatus: f.status.toLowerCase() }),
    ...(f.tier && { tier: f.tier.toLowerCase() }),
  };
  return newestFirstPage(ctx.db.customer, 'customers', where, args);
}

export async function customerById(ctx: CustomerContext, id: string): Promise<Customer | null> {
  assertAdmin(ctx.viewer);
  return ctx.loaders.customer.load(parseId(id));
}

/**
 * Suspending ends every session: refresh tokens are revoked and the shared suspension list makes every service
 * refuse the customer's access tokens from their next request.
 */
export async function setSuspended(ctx: CustomerContext, id: string, suspended: boolean): Promise<Customer> {
  assertAdmin(ctx.viewer);
  const customerId = parseId(id);
  const customer = await inTransaction(ctx.db, async (tx) => {
    const locked = await tx.$queryRaw<{ customer_status: string | null }[]>`SELECT customer_status FROM customers WHERE id = ${customerId}::uuid FOR UPDATE`;
    if (!locked.length) throw notFound('That customer');
    if (suspended) await tx.refreshToken.updateMany({ where: { customerId, revokedAt: null }, data: { revokedAt: new Date() } });
    const status = suspended ? 'suspended' : 'active';
    // Asking again changes nothing and tells nobody again.
    if (locked[0].customer_status === status) return tx.customer.findUniqueOrThrow({ where: { id: customerId } });
    const changed = await tx.customer.update({ where: { id: customerId }, data: { customerStatus: status, version: { increment: 1 }, updatedAt: new Date() } });
    await customerSuspendedOrReactivated(tx, changed, suspended);
    return changed;
  });
  await (suspended ? ctx.suspended.suspend(customerId) : ctx.suspended.reinstate(customerId));
  return customer;
}

/** Redis may have lost the list (no persistence): the database is the truth, republished at start. */
export async function publishSuspensions(ctx: Pick<CustomerContext, 'db' | 'suspended'>): Promise<number> {
  const suspended = await ctx.db.customer.findMany({ where: { customerStatus: 'suspended' }, select: { id: true } });
  for (const { id } of suspended) await ctx.suspended.suspend(id);
  return suspended.length;
}
