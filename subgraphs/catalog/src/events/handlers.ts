import type { EventHandler, Logger } from '@shop/platform';
import type { CatalogDb, CatalogTx } from '../db';

/** What this context's reactions to other contexts' events need; index.ts builds it at start-up. */
export interface CatalogEventDeps {
  db: CatalogDb;
  log: Logger;
}

/**
 * What the catalog context reacts to: `on(source, type, contract, (event, tx: CatalogTx) => …)` per event. None yet:
 * with no handlers the context only publishes (no consumer, no dead letters).
 */
export function eventHandlers(deps: CatalogEventDeps): EventHandler<CatalogTx>[] {
  void deps;
  return [];
}
