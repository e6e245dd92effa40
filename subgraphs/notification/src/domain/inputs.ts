import { dayOrInstant, parseDayOrInstant, uuid } from '@shop/platform';
import { z } from 'zod';

/** GraphQL's enum values (EMAIL, SENT …) as the columns keep them (email, sent …). */
export const lower = (value: string) => value.toLowerCase();

export const notificationFilter = z
  .object({
    recipientId: uuid.optional(),
    recipientEmail: z.string().trim().max(255).optional(),
    type: z.string().regex(/^[a-z][a-z0-9_]{0,49}$/, 'must be a kind like order_confirmation').optional(),
    channel: z.enum(['EMAIL', 'SMS', 'PUSH']).optional(),
    status: z.enum(['PENDING', 'SENT', 'DELIVERED', 'FAILED', 'BOUNCED']).optional(),
    createdFrom: dayOrInstant.optional(),
    createdTo: dayOrInstant.optional(),
  })
  .nullish();

export const createdRange = (from?: string, to?: string) =>
  from || to ? { createdAt: { ...(from && { gte: parseDayOrInstant(from)! }), ...(to && { lt: parseDayOrInstant(to)! }) } } : {};

export const preferencesInput = z
  .object({
    emailEnabled: z.boolean().nullish(),
    smsEnabled: z.boolean().nullish(),
    pushEnabled: z.boolean().nullish(),
    marketingEmails: z.boolean().nullish(),
    orderUpdates: z.boolean().nullish(),
    promotionalOffers: z.boolean().nullish(),
    securityAlerts: z.boolean().nullish(),
  })
  .strict();
