import type { Logger, Viewer } from '@shop/platform';
import type { InventoryDb } from './db';
import type { InventoryLoaders } from './loaders';

/** What every inventory service function receives first: the verified caller, the database and the request's loaders. */
export interface InventoryContext {
  db: InventoryDb;
  viewer: Viewer;
  log: Logger;
  loaders: InventoryLoaders;
}

/** The staff user behind a change, recorded as created_by / approved_by (null for the system, e.g. the sweeper). */
export const actorOf = (ctx: Pick<InventoryContext, 'viewer'>): string | null => ctx.viewer.customerId;
