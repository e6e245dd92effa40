import { z } from 'zod';
import { ConfigError, envPort, postgresUrl, runService } from '@shop/platform';
import { DEFAULT_ABANDONMENT, DEFAULT_LIMITS, DEFAULT_PRICE_CACHE_MS, startCartSubgraph } from './index';

const count = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);
const httpUrl = z.url({ protocol: /^https?$/ });

/** Production entry point: one cart process, configured from the environment. */
runService({
  name: 'cart',
  config: {
    CART_DATABASE_URL: postgresUrl,
    CART_PORT: envPort(4004),
    CATALOG_URL: httpUrl.default('http://localhost:4001/graphql'),
    INVENTORY_URL: httpUrl.default('http://localhost:4003/graphql'),
    /** Units one cart line may hold (the database refuses more than 999). */
    CART_MAX_LINE_QUANTITY: count(DEFAULT_LIMITS.maxLineQuantity, 999),
    CART_MAX_LINES: count(DEFAULT_LIMITS.maxLines, 1_000),
    CART_SESSION_TTL_DAYS: count(7, 365),
    CART_CURRENCY: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like USD').default('USD'),
    /** A customer cart untouched this long is recorded as abandoned. */
    CART_ABANDONED_AFTER_MINUTES: count(DEFAULT_ABANDONMENT.idleMs / 60_000, 365 * 24 * 60),
    /** How often this process looks for abandoned carts; 0 turns the job off. */
    CART_ABANDONED_INTERVAL_MS: z.coerce.number().int().min(0).max(86_400_000).default(DEFAULT_ABANDONMENT.intervalMs),
    /** How long a shown cart may use a variant's catalog price and status (0: ask the catalog every time). */
    CART_PRICE_CACHE_MS: z.coerce.number().int().min(0).max(600_000).default(DEFAULT_PRICE_CACHE_MS),
  },
  check: (config) => {
    if (config.NODE_ENV === 'production' && !config.REDIS_URL) throw new ConfigError('REDIS_URL: required in production (guest carts live in Redis)');
  },
  start: ({ config, ...service }) =>
    startCartSubgraph({
      ...service,
      databaseUrl: config.CART_DATABASE_URL,
      port: config.CART_PORT,
      catalogUrl: config.CATALOG_URL,
      inventoryUrl: config.INVENTORY_URL,
      limits: { maxLineQuantity: config.CART_MAX_LINE_QUANTITY, maxLines: config.CART_MAX_LINES },
      currency: config.CART_CURRENCY,
      sessionTtlMs: config.CART_SESSION_TTL_DAYS * 24 * 60 * 60 * 1000,
      abandonment: { idleMs: config.CART_ABANDONED_AFTER_MINUTES * 60_000, intervalMs: config.CART_ABANDONED_INTERVAL_MS },
      priceCacheMs: config.CART_PRICE_CACHE_MS,
    }),
});
