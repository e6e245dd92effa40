import { z } from 'zod';
import { clientCredentials, envPort, postgresUrl, runService } from '@shop/platform';
import { startSearchSubgraph } from './index';

const httpUrl = z.url({ protocol: /^https?$/ });

/** Production entry point: one search process, configured from the environment. */
runService({
  name: 'search',
  config: {
    SEARCH_DATABASE_URL: postgresUrl,
    SEARCH_PORT: envPort(4008),
    /** Set: the index lives in Elasticsearch (the seed's product_index); unset: PostgreSQL full-text search. */
    ELASTICSEARCH_URL: httpUrl.optional(),
    /** Where a full rebuild reads the catalog's products and the inventory's stock. */
    CATALOG_URL: httpUrl.default('http://localhost:4001/graphql'),
    INVENTORY_URL: httpUrl.default('http://localhost:4003/graphql'),
    /** Keycloak's token endpoint and a confidential client with the `service` role (optional: the fields read are public). */
    SERVICE_TOKEN_URL: httpUrl.optional(),
    SERVICE_CLIENT_ID: z.string().min(1).optional(),
    SERVICE_CLIENT_SECRET: z.string().min(1).optional(),
    SEARCH_DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  },
  start: ({ config, ...service }) =>
    startSearchSubgraph({
      ...service,
      databaseUrl: config.SEARCH_DATABASE_URL,
      port: config.SEARCH_PORT,
      elasticsearchUrl: config.ELASTICSEARCH_URL,
      catalogUrl: config.CATALOG_URL,
      inventoryUrl: config.INVENTORY_URL,
      credentials: config.SERVICE_TOKEN_URL && config.SERVICE_CLIENT_ID && config.SERVICE_CLIENT_SECRET
        ? clientCredentials(config.SERVICE_TOKEN_URL, config.SERVICE_CLIENT_ID, config.SERVICE_CLIENT_SECRET)
        : undefined,
      poolSize: config.SEARCH_DB_POOL_SIZE,
    }),
});
