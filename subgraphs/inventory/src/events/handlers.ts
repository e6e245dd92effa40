import { on, type EventHandler, type Logger } from '@shop/platform';
import type { InventoryDb, InventoryTx } from '../db';
import { keepStockFor, productSellable, stopSelling } from '../services/catalog-reactions';
import { productArchivedV1, productUpdatedV1, variantArchivedV1, variantCreatedV1, variantUpdatedV1 } from './contracts';

/** What this context's reactions to other contexts' events need; index.ts builds it at start-up. */
export interface InventoryEventDeps {
  db: InventoryDb;
  log: Logger;
}

/**
 * What the inventory context reacts to: the catalog's variants and products (a new variant gets stock kept, an
 * archived one is no longer sellable). Contracts: ./contracts.ts.
 */
export function eventHandlers(deps: InventoryEventDeps): EventHandler<InventoryTx>[] {
  void deps;
  return [
    on('catalog', 'VariantCreated', variantCreatedV1, (event, tx: InventoryTx) => keepStockFor(tx, event.data)),
    on('catalog', 'VariantUpdated', variantUpdatedV1, (event, tx: InventoryTx) => keepStockFor(tx, event.data)),
    on('catalog', 'VariantArchived', variantArchivedV1, (event, tx: InventoryTx) => stopSelling(tx, event.data)),
    on('catalog', 'ProductArchived', productArchivedV1, (event, tx: InventoryTx) => productSellable(tx, event.data, true)),
    on('catalog', 'ProductUpdated', productUpdatedV1, (event, tx: InventoryTx) => productSellable(tx, event.data, event.data.status === 'archived')),
  ];
}
