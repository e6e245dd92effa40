import type { NotificationContext as Ctx } from '../context';
import { updatePreferences } from '../services/customer-facing';
import * as staff from '../services/staff';

export const Mutation = {
  updateNotificationPreferences: (_: unknown, args: { input: unknown }, ctx: Ctx) => updatePreferences(ctx, args.input),
  resendNotification: (_: unknown, args: { id: string }, ctx: Ctx) => staff.resendNotification(ctx, args.id),
  saveNotificationTemplate: (_: unknown, args: { input: Parameters<typeof staff.saveTemplate>[1] }, ctx: Ctx) => staff.saveTemplate(ctx, args.input),
  sendTestNotification: (_: unknown, args: { input: unknown }, ctx: Ctx) => staff.sendTestNotification(ctx, args.input),
};
