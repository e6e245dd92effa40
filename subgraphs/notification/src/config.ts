import { z } from 'zod';
import { emailAddress, envPort, postgresUrl } from '@shop/platform';

const secret = z.string().min(32, 'must be at least 32 characters');
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/** NOTIFICATION_STAFF_EMAILS: comma-separated addresses; each one checked. */
const addressList = z
  .string()
  .default('')
  .transform((v) => v.split(',').map((a) => a.trim()).filter(Boolean))
  .pipe(z.array(emailAddress));

/** The notification service's own environment variables (main.ts), each checked at start-up. */
export const notificationConfig = {
  NOTIFICATION_DATABASE_URL: postgresUrl,
  NOTIFICATION_PORT: envPort(4007),
  /** Where email goes: smtp://user:pass@host:587 or smtps://…:465 (Mailpit in compose: smtp://mailpit:1025). Unset: logged only. */
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be smtp://… or smtps://…' }).optional(),
  SMTP_FROM: z.string().min(3).max(200).default('"Shop" <no-reply@shop.localhost>'),
  NOTIFICATION_STAFF_EMAILS: addressList,
  /** Verifies the email provider's delivery events (POST /webhooks/email-events). */
  NOTIFICATION_WEBHOOK_SECRET: secret.optional(),
  /** Signs unsubscribe links. */
  NOTIFICATION_UNSUBSCRIBE_SECRET: secret.optional(),
  /** SMS and push providers' webhooks (signed with NOTIFICATION_PROVIDER_SECRET); unset: logged only. */
  SMS_WEBHOOK_URL: httpUrl.optional(),
  PUSH_WEBHOOK_URL: httpUrl.optional(),
  NOTIFICATION_PROVIDER_SECRET: secret.optional(),
  /** The storefront's public address, for links in messages. */
  PUBLIC_SHOP_URL: httpUrl.default('http://localhost:4000'),
  /** This service's public address, for unsubscribe links. */
  NOTIFICATION_PUBLIC_URL: httpUrl.optional(),
  SHOP_NAME: z.string().min(1).max(100).default('Shop'),
  NOTIFICATION_MAX_RETRIES: z.coerce.number().int().min(1).max(20).default(3),
  /** First retry after about this long, doubling per failure. */
  NOTIFICATION_RETRY_BASE_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
};
