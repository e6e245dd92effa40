import { on, type EventHandler } from '@shop/platform';
import type { NotificationTx } from '../db';
import * as react from '../services/reactions';
import type { QueueDeps } from '../services/queue';
import {
  cartAbandonedV1, customerContactV1, customerStatusV1, orderChangedV1, orderPlacedV1, paymentFailedV1, productFactsV1, stockCrossedV1, variantFactsV1,
} from './contracts';

/**
 * What the notification context reacts to. Each handler writes its messages (pending) in the event's
 * transaction; the sending worker delivers them after commit.
 */
export function eventHandlers(deps: QueueDeps): EventHandler<NotificationTx>[] {
  const handlers: EventHandler<NotificationTx>[] = [];
  const add = <H extends EventHandler<NotificationTx>>(handler: H) => handlers.push(handler as unknown as EventHandler<NotificationTx>);
  for (const type of ['CustomerRegistered', 'CustomerProfileChanged']) {
    add(on('customer', type, customerContactV1, (event, tx: NotificationTx) => react.contactChanged(tx, deps, event)));
  }
  for (const type of ['CustomerSuspended', 'CustomerReactivated']) {
    add(on('customer', type, customerStatusV1, (event, tx: NotificationTx) => react.customerStatusChanged(tx, deps, event)));
  }
  add(on('order', 'OrderPlaced', orderPlacedV1, (event, tx: NotificationTx) => react.orderPlaced(tx, deps, event)));
  for (const type of ['OrderConfirmed', 'OrderShipped', 'OrderDelivered', 'OrderCancelled', 'OrderRefunded']) {
    add(on('order', type, orderChangedV1, (event, tx: NotificationTx) => react.orderChanged(tx, deps, event)));
  }
  add(on('payment', 'PaymentFailed', paymentFailedV1, (event, tx: NotificationTx) => react.paymentFailed(tx, deps, event)));
  add(on('cart', 'CartAbandoned', cartAbandonedV1, (event, tx: NotificationTx) => react.cartAbandoned(tx, deps, event)));
  for (const type of ['StockLow', 'OutOfStock']) {
    add(on('inventory', type, stockCrossedV1, (event, tx: NotificationTx) => react.stockCrossed(tx, deps, event)));
  }
  for (const type of ['ProductCreated', 'ProductUpdated']) {
    add(on('catalog', type, productFactsV1, (event, tx: NotificationTx) => react.productNamed(tx, deps, event)));
  }
  for (const type of ['VariantCreated', 'VariantUpdated']) {
    add(on('catalog', type, variantFactsV1, (event, tx: NotificationTx) => react.variantNamed(tx, deps, event)));
  }
  return handlers;
}
