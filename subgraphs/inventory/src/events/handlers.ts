import type { EventHandler, Logger } from '@shop/platform';
import type { InventoryDb, InventoryTx } from '../db';

/** What this context's reactions to other contexts' events need; index.ts builds it at start-up. */
export interface InventoryEventDeps {
  db: InventoryDb;
  log: Logger;
}

/**
 * What the inventory context reacts to: `on(source, type, contract, (event, tx: InventoryTx) => …)` per event. None yet:
 * with no handlers the context only publishes (no consumer, no dead letters).
 */
export function eventHandlers(deps: InventoryEventDeps): EventHandler<InventoryTx>[] {
  void deps;
  return [];
}
