import type { PageArgs } from '@shop/platform';
import type { NotificationContext as Ctx } from '../context';
import type { EmailEvent as EmailEventRow, Notification as NotificationRow, NotificationAttempt as AttemptRow, NotificationTemplate as TemplateRow } from '../generated/prisma/client';
import { notificationsOfCustomer, preferencesOfCustomer } from '../services/customer-facing';

const iso = (d: Date | null) => d?.toISOString() ?? null;
const upper = (v: string | null) => (v ?? 'pending').toUpperCase();

export const Customer = {
  notificationPreferences: (c: { id: string }, _: unknown, ctx: Ctx) => preferencesOfCustomer(ctx, c.id),
  notifications: (c: { id: string }, args: PageArgs, ctx: Ctx) => notificationsOfCustomer(ctx, c.id, args),
};

export const Notification = {
  type: (n: NotificationRow) => n.notificationType,
  channel: (n: NotificationRow) => upper(n.channel),
  status: (n: NotificationRow) => upper(n.status),
  locale: (n: NotificationRow) => (n.metadata as { locale?: string } | null)?.locale ?? null,
  createdAt: (n: NotificationRow) => iso(n.createdAt) ?? new Date(0).toISOString(),
  sentAt: (n: NotificationRow) => iso(n.sentAt),
  deliveredAt: (n: NotificationRow) => iso(n.deliveredAt),
  nextRetryAt: (n: NotificationRow) => iso(n.nextRetryAt),
  retryCount: (n: NotificationRow) => n.retryCount ?? 0,
  maxRetries: (n: NotificationRow) => n.maxRetries ?? 0,
  attempts: (n: NotificationRow, _: unknown, ctx: Ctx) => ctx.db.notificationAttempt.findMany({ where: { notificationId: n.id }, orderBy: { attemptedAt: 'asc' } }),
  emailEvents: (n: NotificationRow, _: unknown, ctx: Ctx) => ctx.db.emailEvent.findMany({ where: { notificationId: n.id }, orderBy: { createdAt: 'asc' } }),
};

export const NotificationAttempt = {
  attemptedAt: (a: AttemptRow) => a.attemptedAt.toISOString(),
};

export const EmailEvent = {
  type: (e: EmailEventRow) => e.eventType,
  createdAt: (e: EmailEventRow) => iso(e.createdAt) ?? new Date(0).toISOString(),
};

export const NotificationTemplate = {
  channel: (t: TemplateRow) => t.templateType.toUpperCase(),
  subject: (t: TemplateRow) => t.subjectTemplate,
  body: (t: TemplateRow) => t.bodyTemplate,
  variables: (t: TemplateRow) => (Array.isArray(t.variables) ? t.variables : []),
  isActive: (t: TemplateRow) => t.isActive ?? true,
  updatedAt: (t: TemplateRow) => iso(t.updatedAt),
};
