import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gql } from 'graphql-tag';
import { startSubgraph, type RunningService, type SubgraphBaseOptions } from '@shop/platform';
import type { InventoryContext } from './context';
import { createInventoryDb, inTransaction, type InventoryTx } from './db';
import { eventHandlers } from './events/handlers';
import { InventoryLoaders } from './loaders';
import { resolvers } from './resolvers';
import { startReservationSweeper } from './services/expiry';

export const typeDefs = gql(readFileSync(path.join(__dirname, '..', 'schema.graphql'), 'utf8'));
export { createInventoryDb } from './db';
export type { InventoryDb } from './db';
export type { InventoryContext } from './context';
export { InventoryLoaders } from './loaders';
// The checkout saga's entry points, callable in-process as well as through the graph.
export { reserveStock, commitReservations, releaseReservations, fulfilReservations } from './services/reservations';
export { releaseExpiredReservations, startReservationSweeper } from './services/expiry';
export { seedDemoInventory } from './seed/demo-inventory';

export interface InventoryOptions extends SubgraphBaseOptions {
  /** How often this process releases expired reservations; 0 turns the sweeper off (tests sweep by hand). */
  sweepIntervalMs?: number;
  sweepBatchSize?: number;
  /** Database connections of this process (default 10). */
  poolSize?: number;
  /** Tests count SQL statements through this. */
  onStatement?: (sql: string) => void;
}

export const DEFAULT_SWEEP_INTERVAL_MS = 30_000;

export async function startInventorySubgraph(options: InventoryOptions): Promise<RunningService> {
  const db = createInventoryDb({ connectionString: options.databaseUrl, onStatement: options.onStatement, poolSize: options.poolSize });
  const intervalMs = options.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS;
  const sweeper = intervalMs > 0 ? startReservationSweeper({ db, log: options.log, intervalMs, batchSize: options.sweepBatchSize }) : null;
  return startSubgraph<InventoryContext, InventoryTx>({
    ...options,
    name: 'inventory',
    typeDefs,
    resolvers,
    db,
    events: { inTransaction: (work) => inTransaction(db, work), handlers: eventHandlers({ db, log: options.log }), publishes: true },
    context: ({ viewer, log }) => ({ db, log, viewer, loaders: new InventoryLoaders(db) }),
    onStop: async () => {
      await sweeper?.stop();
    },
  });
}
