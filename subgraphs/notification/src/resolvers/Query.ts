import * as staff from '../services/staff';
import type { QueryResolvers } from './types.generated';

export const Query: QueryResolvers = {
  notifications: (_, args, ctx) => staff.searchNotifications(ctx, args),
  notification: (_, args, ctx) => staff.notificationById(ctx, args.id),
  notificationTemplates: (_, args, ctx) => staff.listTemplates(ctx, args),
  notificationTemplate: (_, args, ctx) => staff.templateById(ctx, args.id),
  previewNotificationTemplate: (_, args, ctx) => staff.previewTemplate(ctx, args.input),
};
