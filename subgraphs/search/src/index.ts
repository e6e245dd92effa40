import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gql } from 'graphql-tag';
import { startSubgraph, type RunningService, type ServiceCredentials, type SubgraphBaseOptions } from '@shop/platform';
import type { SearchBackend } from './backends/port';
import { elasticsearchBackend } from './backends/elasticsearch';
import { postgresBackend } from './backends/postgres';
import type { SearchContext } from './context';
import { createSearchDb, inTransaction, type SearchTx } from './db';
import { eventHandlers } from './events/handlers';
import { httpCatalogSource } from './ports/catalog';
import { resolvers } from './resolvers';
import { startIndexer, type Indexer } from './services/indexer';
import { rebuildSearchIndex, type RebuildOutcome } from './services/rebuild';

export const typeDefs = gql(readFileSync(path.join(__dirname, '..', 'schema.graphql'), 'utf8'));
export { createSearchDb } from './db';
export type { SearchDb } from './db';
export { postgresBackend } from './backends/postgres';
export type { SearchBackend, ProductDocument } from './backends/port';
export { httpCatalogSource, type CatalogSource } from './ports/catalog';
export { rebuildSearchIndex, readModelDocuments } from './services/rebuild';

export interface SearchOptions extends SubgraphBaseOptions {
  /** The catalog's and inventory's GraphQL URLs: a full rebuild reads what is for sale from them. */
  catalogUrl?: string;
  inventoryUrl?: string;
  /** The token this service presents to them (role `service`); their fields read here are public without one. */
  credentials?: ServiceCredentials;
  /** Elasticsearch (ELASTICSEARCH_URL) as the backend instead of PostgreSQL full-text search in the search database. */
  elasticsearchUrl?: string;
  /** A backend made by the caller (tests); it is closed on stop. */
  backend?: SearchBackend;
  poolSize?: number;
  /** The indexer's safety-net poll (NOTIFY wakes it at once). */
  indexerPollMs?: number;
  /**
   * When the read model is empty at start (a new search database beside an existing catalog, or a demo catalog
   * seeded before the events started), rebuild from the catalog in the background. Default true.
   */
  rebuildIfEmpty?: boolean;
}

export interface RunningSearch extends RunningService {
  backend: SearchBackend;
  /** Sends every queued change to the index now (tests). */
  drainIndexQueue(): Promise<void>;
  rebuild(options?: { fromCatalog?: boolean }): Promise<RebuildOutcome>;
}

export async function startSearchSubgraph(options: SearchOptions): Promise<RunningSearch> {
  const { log } = options;
  const db = createSearchDb({ connectionString: options.databaseUrl, poolSize: options.poolSize });
  const backend = options.backend ?? (options.elasticsearchUrl
    ? elasticsearchBackend({ node: options.elasticsearchUrl, log, synonyms: () => db.searchSynonym.findMany({ select: { term: true, synonyms: true } }) })
    : postgresBackend({ connectionString: options.databaseUrl, poolSize: options.poolSize, log }));
  const catalog = options.catalogUrl && options.inventoryUrl
    ? httpCatalogSource({ catalog: options.catalogUrl, inventory: options.inventoryUrl }, options.credentials)
    : null;
  if (!catalog) log.warn('No CATALOG_URL / INVENTORY_URL: a full rebuild uses the read model as it is.');
  log.info({ backend: backend.name }, 'search backend');
  let firstRebuild: Promise<void> | null = null;
  const indexer: Indexer = startIndexer({ db, databaseUrl: options.databaseUrl, backend, log, pollMs: options.indexerPollMs });
  const service = await startSubgraph<SearchContext, SearchTx>({
    ...options,
    name: 'search',
    typeDefs,
    resolvers,
    db,
    events: { inTransaction: (work) => inTransaction(db, work), handlers: eventHandlers(), publishes: false },
    context: ({ viewer, log: requestLog, requestId }) => ({ db, backend, viewer, log: requestLog, requestId, catalog }),
    onStop: async () => {
      await firstRebuild;
      await indexer.stop();
      await catalog?.close();
      await backend.close();
    },
  }).catch(async (error: unknown) => {
    // Not started (its port taken, a bad setting): nothing of it may keep running.
    await indexer.stop();
    await catalog?.close();
    await backend.close();
    await db.$disconnect();
    throw error;
  });
  if (catalog && options.rebuildIfEmpty !== false) {
    firstRebuild = (async () => {
      if ((await db.searchProduct.count()) > 0) return;
      log.info('The search read model is empty: rebuilding it from the catalog and inventory.');
      await rebuildSearchIndex({ db, backend, catalog, log }, { fromCatalog: true });
    })().catch((err: unknown) => log.warn({ err }, 'search: the first rebuild from the catalog failed; run npm run search:reindex'));
  }
  return {
    ...service,
    backend,
    drainIndexQueue: () => indexer.drain(),
    rebuild: (rebuildOptions = {}) => rebuildSearchIndex({ db, backend, catalog, log }, { fromCatalog: rebuildOptions.fromCatalog ?? true }),
  };
}
