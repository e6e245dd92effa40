import type { EventHandler, Logger } from '@shop/platform';
import type { OrderDb, OrderTx } from '../db';

/** What this context's reactions to other contexts' events need; index.ts builds it at start-up. */
export interface OrderEventDeps {
  db: OrderDb;
  log: Logger;
}

/**
 * What the order context reacts to: `on(source, type, contract, (event, tx: OrderTx) => …)` per event. None yet:
 * with no handlers the context only publishes (no consumer, no dead letters).
 */
export function eventHandlers(deps: OrderEventDeps): EventHandler<OrderTx>[] {
  void deps;
  return [];
}
