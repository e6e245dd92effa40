import { assertCustomer, forbidden, isAdmin, newestFirstPage, parseId, parseInput, type PageArgs } from '@shop/platform';
import type { NotificationContext } from '../context';
import { inTransaction } from '../db';
import type { Preferences } from '../domain/categories';
import { preferencesInput } from '../domain/inputs';
import { preferencesOf } from './queue';

/** The customer themself or staff; anyone else is FORBIDDEN. */
function assertOwnerOrStaff(ctx: NotificationContext, customerId: string): string {
  const id = parseId(customerId, 'customerId');
  assertCustomer(ctx.viewer);
  if (ctx.viewer.customerId !== id && !isAdmin(ctx.viewer)) throw forbidden('You can only see your own notifications.');
  return id;
}

export function preferencesOfCustomer(ctx: NotificationContext, customerId: string): Promise<Preferences> {
  return preferencesOf(ctx.db, assertOwnerOrStaff(ctx, customerId));
}

/** The messages sent to a customer (email, SMS, push), newest first. */
export function notificationsOfCustomer(ctx: NotificationContext, customerId: string, args: PageArgs) {
  return newestFirstPage(ctx.db.notification, 'customer-notifications', { recipientId: assertOwnerOrStaff(ctx, customerId) }, args);
}

/** Changes only the switches given; the row is made with the seed's defaults on the first change. */
export async function updatePreferences(ctx: NotificationContext, input: unknown): Promise<Preferences> {
  const customerId = assertCustomer(ctx.viewer);
  const given = Object.fromEntries(Object.entries(parseInput(preferencesInput, input)).filter(([, v]) => v !== null && v !== undefined));
  return inTransaction(ctx.db, async (tx) => {
    await tx.notificationPreference.upsert({
      where: { customerId },
      create: { customerId, ...given },
      update: { ...given, updatedAt: ctx.settings.now() },
    });
    return preferencesOf(tx, customerId);
  });
}

/** The unsubscribe link's effect: marketing email off for that customer (idempotent). */
export async function unsubscribeMarketing(ctx: Pick<NotificationContext, 'db' | 'settings'>, customerId: string): Promise<void> {
  await ctx.db.notificationPreference.upsert({
    where: { customerId },
    create: { customerId, marketingEmails: false },
    update: { marketingEmails: false, updatedAt: ctx.settings.now() },
  });
}
