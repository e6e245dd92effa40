import { assertCustomer, conflict, isAdmin, notFound, parseInput, uniqueViolation } from '@shop/platform';
import type { CustomerContext } from '../context';
import { updateProfileInput } from '../domain/customer';
import type { Customer } from '../generated/prisma/client';
import { explainWriteError } from './errors';

/**
 * The signed-in customer. A Keycloak user has no row until their first call: it is made from the token's
 * claims (id = the token's subject), with preferences and loyalty, in one transaction.
 */
export async function me(ctx: CustomerContext): Promise<Customer> {
  const id = assertCustomer(ctx.viewer);
  const found = await ctx.loaders.customer.load(id);
  if (found) return found;
  const profile = ctx.viewer.profile;
  if (!profile?.email) throw notFound('Your customer profile');
  try {
    return await ctx.db.customer.upsert({
      where: { id },
      update: {},
      create: {
        id,
        email: profile.email.toLowerCase(),
        firstName: profile.firstName ?? '',
        lastName: profile.lastName ?? '',
        preferences: { create: {} },
        loyalty: { create: {} },
      },
    });
  } catch (error) {
    // Two first requests at once: the loser finds the winner's row.
    const winner = uniqueViolation(error) ? await ctx.db.customer.findUnique({ where: { id } }) : null;
    if (winner) return winner;
    explainWriteError(error);
  }
}

/** Staff, or the customer themself; anyone else learns nothing, not even that the id exists. */
export async function customerFor(ctx: CustomerContext, id: string): Promise<Customer | null> {
  if (!isAdmin(ctx.viewer) && ctx.viewer.customerId !== id) return null;
  return ctx.loaders.customer.load(id);
}

export async function updateProfile(ctx: CustomerContext, expectedVersion: number, input: unknown): Promise<Customer> {
  const id = assertCustomer(ctx.viewer);
  const data = parseInput(updateProfileInput, input);
  const { count } = await ctx.db.customer.updateMany({
    where: { id, version: BigInt(expectedVersion) },
    data: {
      ...(data.firstName !== undefined && { firstName: data.firstName }),
      ...(data.lastName !== undefined && { lastName: data.lastName }),
      ...(data.phone !== undefined && { phone: data.phone }),
      ...(data.dateOfBirth !== undefined && { dateOfBirth: data.dateOfBirth ? new Date(`${data.dateOfBirth}T00:00:00Z`) : null }),
      version: { increment: 1 },
      updatedAt: new Date(),
    },
  });
  const customer = await ctx.db.customer.findUnique({ where: { id } });
  if (!customer) throw notFound('Your customer profile');
  if (count === 0) {
    throw conflict(`Your profile changed since you loaded it (now version ${customer.version}); reload and try again.`, {
      currentVersion: Number(customer.version),
    });
  }
  return customer;
}
