import type { EventHandler, Logger } from '@shop/platform';
import type { CustomerDb, CustomerTx } from '../db';

/** What this context's reactions to other contexts' events need; index.ts builds it at start-up. */
export interface CustomerEventDeps {
  db: CustomerDb;
  log: Logger;
}

/**
 * What the customer context reacts to: `on(source, type, contract, (event, tx: CustomerTx) => …)` per event. None yet:
 * with no handlers the context only publishes (no consumer, no dead letters).
 */
export function eventHandlers(deps: CustomerEventDeps): EventHandler<CustomerTx>[] {
  void deps;
  return [];
}
