import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gql } from 'graphql-tag';
import { startSubgraph, type RunningService, type SubgraphBaseOptions } from '@shop/platform';
import type { CatalogContext } from './context';
import { createCatalogDb, inTransaction, type CatalogTx } from './db';
import { eventHandlers } from './events/handlers';
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
  return startSubgraph<CatalogContext, CatalogTx>({
    ...options,
    name: 'catalog',
    typeDefs,
    resolvers,
    db,
    events: { inTransaction: (work) => inTransaction(db, work), handlers: eventHandlers({ db, log: options.log }), publishes: true },
    context: ({ viewer, log }) => ({ db, log, viewer, loaders: new CatalogLoaders(db), currency: options.currency ?? 'USD' }),
  });
}
