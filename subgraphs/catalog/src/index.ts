import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gql } from 'graphql-tag';
import { startSubgraph, type RunningService, type SubgraphBaseOptions } from '@shop/platform';
import type { CatalogContext } from './context';
import { createCatalogDb } from './db';
import { CatalogLoaders } from './loaders';
import { resolvers } from './resolvers';

export const typeDefs = gql(readFileSync(path.join(__dirname, '..', 'schema.graphql'), 'utf8'));
export { createCatalogDb } from './db';
export type { CatalogDb } from './db';

export interface CatalogOptions extends SubgraphBaseOptions {
  currency?: string;
  /** Tests count SQL statements through this. */
  onStatement?: (sql: string) => void;
}

export async function startCatalogSubgraph(options: CatalogOptions): Promise<RunningService> {
  const db = createCatalogDb({ connectionString: options.databaseUrl, onStatement: options.onStatement });
  return startSubgraph<CatalogContext>({
    name: 'catalog',
    typeDefs,
    resolvers,
    port: options.port,
    host: options.host,
    log: options.log,
    production: options.production,
    context: async ({ req, log }) => ({
      db,
      log,
      viewer: await options.identity.viewerFor(req.headers),
      loaders: new CatalogLoaders(db),
      currency: options.currency ?? 'USD',
    }),
    ready: async () => {
      await db.$queryRaw`SELECT 1`;
    },
    onStop: () => db.$disconnect(),
  });
}
