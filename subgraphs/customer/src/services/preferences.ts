import { assertCustomer, notFound, parseInput } from '@shop/platform';
import type { CustomerContext } from '../context';
import { preferencesInput } from '../domain/customer';
import type { CustomerPreferences } from '../generated/prisma/client';

export async function updatePreferences(ctx: CustomerContext, input: unknown): Promise<CustomerPreferences> {
  const customerId = assertCustomer(ctx.viewer);
  const p = parseInput(preferencesInput, input);
  const set = <T>(value: T | null | undefined) => (value === null || value === undefined ? undefined : value);
  const { count } = await ctx.db.customerPreferences.updateMany({
    where: { customerId },
    data: {
      emailNotifications: set(p.emailNotifications),
      smsNotifications: set(p.smsNotifications),
      pushNotifications: set(p.pushNotifications),
      marketingEmails: set(p.marketingEmails),
      preferredLanguage: set(p.language),
      preferredCurrency: set(p.currency),
      themePreference: set(p.theme?.toLowerCase()),
      updatedAt: new Date(),
    },
  });
  if (count === 0) throw notFound('Your preferences');
  return (await ctx.db.customerPreferences.findUnique({ where: { customerId } }))!;
}
