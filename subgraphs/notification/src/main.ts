import { ConfigError, runService } from '@shop/platform';
import { logChannel, smtpEmailChannel, webhookShortMessageChannel } from './channels';
import { notificationConfig } from './config';
import { startNotificationSubgraph } from './index';

/** Production entry point: one notification process (any number of replicas), configured from the environment. */
runService({
  name: 'notification',
  config: notificationConfig,
  check: (config) => {
    if (config.NODE_ENV === 'production') {
      for (const name of ['SMTP_URL', 'NOTIFICATION_WEBHOOK_SECRET', 'NOTIFICATION_UNSUBSCRIBE_SECRET', 'NOTIFICATION_PUBLIC_URL'] as const) {
        if (!config[name]) throw new ConfigError(`${name}: required in production`);
      }
    }
    if ((config.SMS_WEBHOOK_URL || config.PUSH_WEBHOOK_URL) && !config.NOTIFICATION_PROVIDER_SECRET) {
      throw new ConfigError('NOTIFICATION_PROVIDER_SECRET: required with SMS_WEBHOOK_URL or PUSH_WEBHOOK_URL (at least 32 characters)');
    }
  },
  start: ({ config, ...service }) => {
    const secret = config.NOTIFICATION_PROVIDER_SECRET ?? '';
    return startNotificationSubgraph({
      ...service,
      databaseUrl: config.NOTIFICATION_DATABASE_URL,
      port: config.NOTIFICATION_PORT,
      channels: {
        email: config.SMTP_URL ? smtpEmailChannel({ url: config.SMTP_URL, from: config.SMTP_FROM }) : logChannel(service.log, 'email'),
        sms: config.SMS_WEBHOOK_URL ? webhookShortMessageChannel({ url: config.SMS_WEBHOOK_URL, secret, provider: 'webhook-sms' }) : undefined,
        push: config.PUSH_WEBHOOK_URL ? webhookShortMessageChannel({ url: config.PUSH_WEBHOOK_URL, secret, provider: 'webhook-push' }) : undefined,
      },
      sending: { backoffBaseMs: config.NOTIFICATION_RETRY_BASE_MS },
      shopName: config.SHOP_NAME,
      shopUrl: config.PUBLIC_SHOP_URL,
      publicUrl: config.NOTIFICATION_PUBLIC_URL,
      unsubscribeSecret: config.NOTIFICATION_UNSUBSCRIBE_SECRET,
      webhookSecret: config.NOTIFICATION_WEBHOOK_SECRET,
      staffEmails: config.NOTIFICATION_STAFF_EMAILS,
      maxRetries: config.NOTIFICATION_MAX_RETRIES,
    });
  },
});
