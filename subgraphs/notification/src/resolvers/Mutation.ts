import { updatePreferences } from '../services/customer-facing';
import * as staff from '../services/staff';
import type { MutationResolvers } from './types.generated';

export const Mutation: MutationResolvers = {
  updateNotificationPreferences: (_, args, ctx) => updatePreferences(ctx, args.input),
  resendNotification: (_, args, ctx) => staff.resendNotification(ctx, args.id),
  saveNotificationTemplate: (_, args, ctx) => staff.saveTemplate(ctx, args.input),
  sendTestNotification: (_, args, ctx) => staff.sendTestNotification(ctx, args.input),
};
