import { assertCustomer, notFound, parseInput } from '@shop/platform';
import type { CustomerContext } from '../context';
import { inTransaction } from '../db';
import { preferencesInput } from '../domain/customer';
import { customerProfileChanged } from '../events/publish';
import type { CustomerPreferences } from '../generated/prisma/client';

export async function updatePreferences(ctx: CustomerContext, input: unknown): Promise<CustomerPreferences> {
  const customerId = assertCustomer(ctx.viewer);
  const p = parseInput(preferencesInput, input);
  const set = <T>(value: T | null | undefined) => (value === null || value === undefined ? undefined : value);
  return inTransaction(ctx.db, async (tx) => {
    const before = await tx.customerPreferences.findUnique({ where: { customerId }, select: { preferredLanguage: true } });
    if (!before) throw notFound('Your preferences');
    await tx.customerPreferences.updateMany({
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
    // Other contexts write to the customer in their language (notification): a new language is a profile change.
    if (p.language && p.language !== before.preferredLanguage) {
      const customer = await tx.customer.update({ where: { id: customerId }, data: { version: { increment: 1 }, updatedAt: new Date() } });
      await customerProfileChanged(tx, customer, ['language']);
    }
    return (await tx.customerPreferences.findUnique({ where: { customerId } }))!;
  });
}
