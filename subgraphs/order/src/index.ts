import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gql } from 'graphql-tag';
import { startSubgraph, type RunningService, type SubgraphBaseOptions } from '@shop/platform';
import type { CheckoutDeps, OrderContext, PricingSettings } from './context';
import { createOrderDb, inTransaction, type OrderTx } from './db';
import { eventHandlers } from './events/handlers';
import { newOrderNumber, type OrderNumberGenerator } from './domain/order-number';
import { flatRateShipping, taxByCountry } from './domain/pricing';
import { OrderLoaders } from './loaders';
import { loyaltyUnavailable, type LoyaltyPort } from './ports';
import { resolvers } from './resolvers';
import { startCheckoutRecovery } from './checkout/recovery';
import { OPERATION_STALE_MS, startPaymentOperationRecovery } from './services/order-payments';

export const typeDefs = gql(readFileSync(path.join(__dirname, '..', 'schema.graphql'), 'utf8'));
export { createOrderDb, inTransaction } from './db';
export type { OrderDb, OrderTx } from './db';
export type { OrderContext, PricingSettings } from './context';
export { httpCheckoutPorts, httpLoyalty, type CheckoutPorts, type LoyaltyPort } from './ports';
export { placeOrder } from './services/place-order';
export { confirmOrder, cancelOrderAsService } from './services/fulfilment';
export { claimStalledSagas, finishSaga, recordSagaStep, startSaga } from './saga/sagas';
export { recoverStalledCheckouts } from './checkout/recovery';
export { recoverPaymentOperations } from './services/order-payments';
export { ProcessCrash } from './checkout/saga';
export type { CheckoutDeps, CheckoutSettings } from './context';

export interface OrderOptions extends SubgraphBaseOptions {
  pricing?: PricingSettings;
  /** The customer context's loyalty ledger; without it, redeeming points at checkout is refused. */
  loyalty?: LoyaltyPort;
  /** Takes checkouts through these ports; without it `checkout` is refused. */
  checkout?: CheckoutDeps;
  /** Resume or compensate checkouts stalled this long (default 60 s), checking every intervalMs (0 = off). */
  checkoutRecovery?: { intervalMs: number; stalledForMs: number };
  /** Tests inject a generator to force order-number collisions. */
  orderNumbers?: OrderNumberGenerator;
  /** Tests count SQL statements through this. */
  onStatement?: (sql: string) => void;
}

/** Shipping 5.99, free from 100.00; tax by destination country (a few examples), else none; a point is worth 0.01. */
export const DEFAULT_PRICING: PricingSettings = {
  currency: 'USD',
  shipping: flatRateShipping({ rate: '5.99', freeFrom: '100.00' }),
  tax: taxByCountry({ rates: { US: '8.25', DE: '19', GB: '20', FR: '20' }, fallback: '0' }),
  loyaltyPointValue: '0.01',
};

export async function startOrderSubgraph(options: OrderOptions): Promise<RunningService> {
  const db = createOrderDb({ connectionString: options.databaseUrl, onStatement: options.onStatement });
  const pricing = options.pricing ?? DEFAULT_PRICING;
  const loyalty = options.loyalty ?? loyaltyUnavailable;
  const orderNumbers = options.orderNumbers ?? newOrderNumber;
  const checkout = options.checkout ?? null;
  const recovery = options.checkoutRecovery ?? { intervalMs: 30_000, stalledForMs: 60_000 };
  const recovering =
    checkout && recovery.intervalMs > 0
      ? startCheckoutRecovery({ db, log: options.log, pricing, loyalty, orderNumbers, ports: checkout.ports, checkout, cartSession: null }, checkout, recovery, options.log)
      : null;
  // Money operations (capture, refund, cancellation) whose request died are finished on the same rhythm.
  const settlingMoney =
    checkout && recovery.intervalMs > 0
      ? startPaymentOperationRecovery({ db, log: options.log, ports: checkout.ports }, { intervalMs: recovery.intervalMs, stalledForMs: OPERATION_STALE_MS })
      : null;
  return startSubgraph<OrderContext, OrderTx>({
    ...options,
    name: 'order',
    typeDefs,
    resolvers,
    db,
    events: { inTransaction: (work) => inTransaction(db, work), handlers: eventHandlers({ db, log: options.log }), publishes: true },
    context: ({ req, viewer, log }) => ({
      db,
      log,
      viewer,
      loaders: new OrderLoaders(db),
      pricing,
      loyalty,
      orderNumbers,
      ports: checkout?.ports ?? null,
      checkout,
      cartSession: cartSessionOf(req.headers['x-cart-session']),
    }),
    onStop: async () => {
      await recovering?.stop();
      await settlingMoney?.stop();
    },
  });
}

function cartSessionOf(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  return value && value.length <= 200 ? value : null;
}
