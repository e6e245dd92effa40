import type { PageArgs } from '@shop/platform';
import type { NotificationContext as Ctx } from '../context';
import * as staff from '../services/staff';

export const Query = {
  notifications: (_: unknown, args: PageArgs & { filter?: unknown }, ctx: Ctx) => staff.searchNotifications(ctx, args),
  notification: (_: unknown, args: { id: string }, ctx: Ctx) => staff.notificationById(ctx, args.id),
  notificationTemplates: (_: unknown, args: { name?: string; channel?: string }, ctx: Ctx) => staff.listTemplates(ctx, args),
  notificationTemplate: (_: unknown, args: { id: string }, ctx: Ctx) => staff.templateById(ctx, args.id),
  previewNotificationTemplate: (_: unknown, args: { input: Parameters<typeof staff.previewTemplate>[1] }, ctx: Ctx) => staff.previewTemplate(ctx, args.input),
};
