import { z } from 'zod';
import { envPort, postgresUrl, runService } from '@shop/platform';
import { startCatalogSubgraph } from './index';

/** Production entry point: one catalog process, configured from the environment. */
runService({
  name: 'catalog',
  config: {
    CATALOG_DATABASE_URL: postgresUrl,
    /** A read replica: queries' reads go there, writes and transactions never do. */
    CATALOG_DATABASE_REPLICA_URL: postgresUrl.optional(),
    CATALOG_PORT: envPort(4001),
    SHOP_CURRENCY: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like USD').default('USD'),
  },
  start: ({ config, ...service }) =>
    startCatalogSubgraph({
      ...service,
      databaseUrl: config.CATALOG_DATABASE_URL,
      replicaUrl: config.CATALOG_DATABASE_REPLICA_URL,
      port: config.CATALOG_PORT,
      currency: config.SHOP_CURRENCY,
    }),
});
