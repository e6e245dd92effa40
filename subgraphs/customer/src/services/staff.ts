import { assertAdmin, notFound, parseId, parseInput, position, positionOf, readPage, toConnection, type Connection, type PageArgs } from '@shop/platform';
import type { CustomerContext } from '../context';
import { inTransaction, Prisma } from '../db';
import { customerFilter } from '../domain/customer';
import type { Customer } from '../generated/prisma/client';

interface CustomerCursor {
  at: string;
  id: string;
}
const isCursor = positionOf<CustomerCursor>({ at: position.instant, id: position.uuid });

/** Staff search, newest first; the count and the page read the same filter. */
export async function searchCustomers(ctx: CustomerContext, args: PageArgs & { filter?: unknown }): Promise<Connection<Customer> & { totalCount: number }> {
  assertAdmin(ctx.viewer);
  const f = parseInput(customerFilter, args.filter) ?? {};
  const page = readPage(args, isCursor, ['customers', f]);
  const where: Prisma.CustomerWhereInput = {
    ...(f.email && { email: { contains: f.email.toLowerCase() } }),
    ...(f.name && { OR: [{ firstName: { contains: f.name, mode: 'insensitive' } }, { lastName: { contains: f.name, mode: 'insensitive' } }] }),
    ...(f.status && { customerStatus: f.status.toLowerCase() }),
    ...(f.tier && { tier: f.tier.toLowerCase() }),
  };
  const after: Prisma.CustomerWhereInput = page.after
    ? { OR: [{ createdAt: { lt: new Date(page.after.at) } }, { createdAt: new Date(page.after.at), id: { lt: page.after.id } }] }
    : {};
  const [rows, totalCount] = await Promise.all([
    ctx.db.customer.findMany({ where: { AND: [where, after] }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: page.limit + 1 }),
    ctx.db.customer.count({ where }),
  ]);
  const connection = toConnection(rows, page, (c) => ({ at: (c.createdAt ?? new Date(0)).toISOString(), id: c.id }));
  return { ...connection, totalCount };
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
    const { count } = await tx.customer.updateMany({
      where: { id: customerId },
      data: { customerStatus: suspended ? 'suspended' : 'active', version: { increment: 1 }, updatedAt: new Date() },
    });
    if (count === 0) throw notFound('That customer');
    if (suspended) await tx.refreshToken.updateMany({ where: { customerId, revokedAt: null }, data: { revokedAt: new Date() } });
    return tx.customer.findUniqueOrThrow({ where: { id: customerId } });
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
