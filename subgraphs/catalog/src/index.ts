import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gql } from 'graphql-tag';
import { startSubgraph, viewerFromHeaders, type Logger, type RunningService } from '@shop/platform';
import type { CatalogContext } from './context';
import { createCatalogDb } from './db';
import { CatalogLoaders } from './loaders';
import { resolvers } from './resolvers';

export const typeDefs = gql(readFileSync(path.join(__dirname, '..', 'schema.graphql'), 'utf8'));
export { createCatalogDb } from './db';
export type { CatalogDb } from './db';

export interface CatalogOptions {
  databaseUrl: string;
  port: number;
  host?: string;
  log: Logger;
  production: boolean;
  /** UNSAFE_DEV_IDENTITY_HEADERS: believe x-dev-* identity headers. Development and tests only. */
  devIdentityHeaders: boolean;
  currency?: string;
  /** Tests count SQL statements through this. */
  onStatement?: (sql: string) => void;
}

export async function startCatalogSubgraph(options: CatalogOptions): Promise<RunningService> {
  const db = createCatalogDb({ connectionString: options.databaseUrl, onStatement: options.onStatement });
  if (options.devIdentityHeaders) {
    options.log.warn('UNSAFE_DEV_IDENTITY_HEADERS is on: x-dev-customer-id / x-dev-roles headers are trusted. Never in production.');
  }
  return startSubgraph<CatalogContext>({
    name: 'catalog',
    typeDefs,
    resolvers,
    port: options.port,
    host: options.host,
    log: options.log,
    production: options.production,
    context: ({ req, log }) => ({
      db,
      log,
      viewer: viewerFromHeaders(req.headers, options.devIdentityHeaders),
      loaders: new CatalogLoaders(db),
      currency: options.currency ?? 'USD',
    }),
    ready: async () => {
      await db.$queryRaw`SELECT 1`;
    },
    onStop: () => db.$disconnect(),
  });
}
