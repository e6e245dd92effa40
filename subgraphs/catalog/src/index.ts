import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gql } from 'graphql-tag';
import { needsPrimary, startSubgraph, withReadReplica, type RunningService, type SubgraphBaseOptions } from '@shop/platform';
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
  /**
   * A read replica of the catalog database: queries' reads outside a transaction go there; mutations, transactions,
   * the outbox relay and event consumers use the primary only.
   */
  replicaUrl?: string;
  /** Tests count the replica's statements through this. */
  onReplicaStatement?: (sql: string) => void;
}

export async function startCatalogSubgraph(options: CatalogOptions): Promise<RunningService> {
  const db = createCatalogDb({ connectionString: options.databaseUrl, onStatement: options.onStatement });
  const replica = options.replicaUrl ? createCatalogDb({ connectionString: options.replicaUrl, onStatement: options.onReplicaStatement }) : undefined;
  const reads = replica ? withReadReplica(db, replica) : db;
  return startSubgraph<CatalogContext, CatalogTx>({
    ...options,
    name: 'catalog',
    typeDefs,
    resolvers,
    db,
    events: { inTransaction: (work) => inTransaction(db, work), handlers: eventHandlers({ db, log: options.log }), publishes: true },
    context: ({ req, viewer, log }) => {
      const requestDb = needsPrimary(req) ? db : reads;
      return { db: requestDb, log, viewer, loaders: new CatalogLoaders(requestDb), currency: options.currency ?? 'USD' };
    },
    // Queries need the replica: without it the catalog is not ready.
    ready: async () => {
      if (replica) await replica.$queryRaw`SELECT 1`;
    },
    onStop: async () => replica?.$disconnect(),
  });
}
