import { z } from 'zod';
import { baseConfigSchema, createLogger, envPort, identityConfigSchema, identityFromConfig, loadConfig, postgresUrl, stopOnSignals } from '@shop/platform';
import { startCatalogSubgraph } from './index';

/** Production entry point: one catalog process, configured from the environment. */
async function main() {
  const config = loadConfig(
    baseConfigSchema.extend(identityConfigSchema.shape).extend({
      CATALOG_DATABASE_URL: postgresUrl,
      CATALOG_PORT: envPort(4001),
      SHOP_CURRENCY: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like USD').default('USD'),
    }),
  );
  const log = createLogger('catalog', config.LOG_LEVEL);
  const production = config.NODE_ENV === 'production';
  const auth = identityFromConfig(config, log, { production });
  const service = await startCatalogSubgraph({
    databaseUrl: config.CATALOG_DATABASE_URL,
    port: config.CATALOG_PORT,
    log,
    production,
    identity: auth.identity,
    currency: config.SHOP_CURRENCY,
  });
  stopOnSignals([service], log, auth.close);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
