import type { EventHandler, Logger } from '@shop/platform';
import type { CartDb, CartTx } from '../db';

/** What this context's reactions to other contexts' events need; index.ts builds it at start-up. */
export interface CartEventDeps {
  db: CartDb;
  log: Logger;
}

/**
 * What the cart context reacts to: `on(source, type, contract, (event, tx: CartTx) => …)` per event. None yet:
 * with no handlers the context only publishes (no consumer, no dead letters).
 */
export function eventHandlers(deps: CartEventDeps): EventHandler<CartTx>[] {
  void deps;
  return [];
}
