import { notificationsOfCustomer, preferencesOfCustomer } from '../services/customer-facing';
import type {
  CustomerResolvers, EmailEventResolvers, NotificationAttemptResolvers, NotificationChannel, NotificationResolvers, NotificationStatus,
  NotificationTemplateResolvers,
} from './types.generated';

const iso = (d: Date | null) => d?.toISOString() ?? null;
/** The columns' CHECKs hold the enums' values in lower case. */
const upper = <E extends string>(v: string | null) => (v ?? 'pending').toUpperCase() as E;

export const Customer: CustomerResolvers = {
  notificationPreferences: (c, _, ctx) => preferencesOfCustomer(ctx, c.id),
  notifications: (c, args, ctx) => notificationsOfCustomer(ctx, c.id, args),
};

export const Notification: NotificationResolvers = {
  type: (n) => n.notificationType,
  channel: (n) => upper<NotificationChannel>(n.channel),
  status: (n) => upper<NotificationStatus>(n.status),
  locale: (n) => (n.metadata as { locale?: string } | null)?.locale ?? null,
  createdAt: (n) => iso(n.createdAt) ?? new Date(0).toISOString(),
  sentAt: (n) => iso(n.sentAt),
  deliveredAt: (n) => iso(n.deliveredAt),
  nextRetryAt: (n) => iso(n.nextRetryAt),
  retryCount: (n) => n.retryCount ?? 0,
  maxRetries: (n) => n.maxRetries ?? 0,
  attempts: (n, _, ctx) => ctx.db.notificationAttempt.findMany({ where: { notificationId: n.id }, orderBy: { attemptedAt: 'asc' } }),
  emailEvents: (n, _, ctx) => ctx.db.emailEvent.findMany({ where: { notificationId: n.id }, orderBy: { createdAt: 'asc' } }),
};

export const NotificationAttempt: NotificationAttemptResolvers = {
  attemptedAt: (a) => a.attemptedAt.toISOString(),
};

export const EmailEvent: EmailEventResolvers = {
  type: (e) => e.eventType,
  createdAt: (e) => iso(e.createdAt) ?? new Date(0).toISOString(),
};

export const NotificationTemplate: NotificationTemplateResolvers = {
  channel: (t) => upper<NotificationChannel>(t.templateType),
  subject: (t) => t.subjectTemplate,
  body: (t) => t.bodyTemplate,
  // A JSON column: only its strings are variable names ([String!]!).
  variables: (t) => (Array.isArray(t.variables) ? t.variables.filter((v) => typeof v === 'string') : []),
  isActive: (t) => t.isActive ?? true,
  updatedAt: (t) => iso(t.updatedAt),
};
