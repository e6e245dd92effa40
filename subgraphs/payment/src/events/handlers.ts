import type { EventHandler, Logger } from '@shop/platform';
import type { PaymentDb, PaymentTx } from '../db';

/** What this context's reactions to other contexts' events need; index.ts builds it at start-up. */
export interface PaymentEventDeps {
  db: PaymentDb;
  log: Logger;
}

/**
 * What the payment context reacts to: `on(source, type, contract, (event, tx: PaymentTx) => …)` per event. None yet:
 * with no handlers the context only publishes (no consumer, no dead letters).
 */
export function eventHandlers(deps: PaymentEventDeps): EventHandler<PaymentTx>[] {
  void deps;
  return [];
}
