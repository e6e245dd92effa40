import { z } from 'zod';
import { ConfigError, envPort, postgresUrl, runService } from '@shop/platform';
import { DEFAULT_PROVIDER_TIMEOUT_MS, startPaymentSubgraph, TestCardProvider } from './index';

const HOUR_MS = 60 * 60 * 1000;

/** Production entry point: one payment process, configured from the environment. */
runService({
  name: 'payment',
  config: {
    PAYMENT_DATABASE_URL: postgresUrl,
    PAYMENT_PORT: envPort(4006),
    /** Signs and verifies the provider's webhooks (HMAC-SHA256); at least 32 characters. */
    PAYMENT_WEBHOOK_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    PAYMENT_PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(DEFAULT_PROVIDER_TIMEOUT_MS),
    /** How long the built-in test provider's authorizations hold. */
    PAYMENT_AUTHORIZATION_TTL_HOURS: z.coerce.number().int().min(1).max(31 * 24).default(7 * 24),
    PAYMENT_WEBHOOK_TOLERANCE_SECONDS: z.coerce.number().int().min(30).max(3600).default(300),
  },
  check: (config) => {
    if (config.NODE_ENV === 'production' && !config.PAYMENT_WEBHOOK_SECRET) {
      throw new ConfigError('PAYMENT_WEBHOOK_SECRET: required in production (at least 32 characters)');
    }
  },
  start: ({ config, ...service }) =>
    startPaymentSubgraph({
      ...service,
      databaseUrl: config.PAYMENT_DATABASE_URL,
      port: config.PAYMENT_PORT,
      // The built-in test provider is the only one so far; it keeps its authorizations in this process (one replica).
      provider: new TestCardProvider({ authorizationTtlMs: config.PAYMENT_AUTHORIZATION_TTL_HOURS * HOUR_MS }),
      webhookSecret: config.PAYMENT_WEBHOOK_SECRET,
      providerTimeoutMs: config.PAYMENT_PROVIDER_TIMEOUT_MS,
      webhookToleranceSeconds: config.PAYMENT_WEBHOOK_TOLERANCE_SECONDS,
    }),
});
