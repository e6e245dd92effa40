import { assertCustomer, conflict, isAdmin, notFound, parseInput, uniqueViolation } from '@shop/platform';
import type { CustomerContext } from '../context';
import { inTransaction } from '../db';
import { updateProfileInput } from '../domain/customer';
import { customerProfileChanged, customerRegistered } from '../events/publish';
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
  const claims = { email: profile.email.toLowerCase(), firstName: profile.firstName ?? '', lastName: profile.lastName ?? '' };
  try {
    return await inTransaction(ctx.db, async (tx) => {
      const customer = await tx.customer.create({
        data: {
          id,
          ...claims,
          preferences: { create: {} },
          loyalty: { create: {} },
        },
      });
      await customerRegistered(tx, customer);
      return customer;
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
  const changes = {
    ...(data.firstName !== undefined && { firstName: data.firstName }),
    ...(data.lastName !== undefined && { lastName: data.lastName }),
    ...(data.phone !== undefined && { phone: data.phone }),
    ...(data.dateOfBirth !== undefined && { dateOfBirth: data.dateOfBirth ? new Date(`${data.dateOfBirth}T00:00:00Z`) : null }),
  };
  return inTransaction(ctx.db, async (tx) => {
    const { count } = await tx.customer.updateMany({
      where: { id, version: BigInt(expectedVersion) },
      data: { ...changes, version: { increment: 1 }, updatedAt: new Date() },
    });
    const customer = await tx.customer.findUnique({ where: { id } });
    if (!customer) throw notFound('Your customer profile');
    if (count === 0) {
      throw conflict(`Your profile changed since you loaded it (now version ${customer.version}); reload and try again.`, {
        currentVersion: Number(customer.version),
      });
    }
    await customerProfileChanged(tx, customer, Object.keys(changes));
    return customer;
  });
}
