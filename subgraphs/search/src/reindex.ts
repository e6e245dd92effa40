import { z } from 'zod';
import { ConfigError, createLogger, loadConfig, postgresUrl, ServiceUnavailableError } from '@shop/platform';
import { elasticsearchBackend } from './backends/elasticsearch';
import { postgresBackend } from './backends/postgres';
import { createSearchDb } from './db';
import { httpCatalogSource } from './ports/catalog';
import { rebuildSearchIndex } from './services/rebuild';

const httpUrl = z.url({ protocol: /^https?$/ });

/**
 * `npm run search:reindex`: a full rebuild from the command line, the same as the staff mutation
 * rebuildSearchIndex. Reads the catalog and inventory again (unless SEARCH_REINDEX_FROM_CATALOG=false), then
 * swaps a new index in; a running search service keeps answering throughout.
 */
async function main(): Promise<void> {
  const config = loadConfig(z.object({
    SEARCH_DATABASE_URL: postgresUrl,
    ELASTICSEARCH_URL: httpUrl.optional(),
    CATALOG_URL: httpUrl.default('http://localhost:4001/graphql'),
    INVENTORY_URL: httpUrl.default('http://localhost:4003/graphql'),
    SEARCH_REINDEX_FROM_CATALOG: z.enum(['true', 'false']).default('true'),
  }));
  const log = createLogger('search-reindex');
  const db = createSearchDb({ connectionString: config.SEARCH_DATABASE_URL, poolSize: 2 });
  const backend = config.ELASTICSEARCH_URL
    ? elasticsearchBackend({ node: config.ELASTICSEARCH_URL, log, synonyms: () => db.searchSynonym.findMany({ select: { term: true, synonyms: true } }) })
    : postgresBackend({ connectionString: config.SEARCH_DATABASE_URL, poolSize: 2 });
  const catalog = httpCatalogSource({ catalog: config.CATALOG_URL, inventory: config.INVENTORY_URL });
  try {
    const outcome = await rebuildSearchIndex({ db, backend, catalog, log }, { fromCatalog: config.SEARCH_REINDEX_FROM_CATALOG === 'true' });
    console.log(`search index rebuilt on ${backend.name}: ${outcome.indexed} products in ${outcome.index} (${outcome.tookMs} ms)`);
  } finally {
    await catalog.close();
    await backend.close();
    await db.$disconnect();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof ConfigError || error instanceof ServiceUnavailableError ? `search reindex failed: ${error.message}` : error);
    process.exit(1);
  },
);
