import { on, type EventHandler, type Logger } from '@shop/platform';
import type { CartDb, CartTx } from '../db';
import type { VariantCacheSync } from '../ports/variant-cache';
import { productChangedV1, variantChangedV1, variantPriceChangedV1 } from './contracts';

/** What this context's reactions to other contexts' events need; index.ts builds it at start-up. */
export interface CartEventDeps {
  db: CartDb;
  log: Logger;
  /** Makes every replica's variant cache forget changed variants (ports/variant-cache.ts). */
  variantCacheSync: VariantCacheSync;
}

/**
 * What the cart context reacts to: catalog changes that alter how a cart looks. Prices live in the catalog and each
 * line keeps the price it was added at, so nothing in the cart's tables changes; the cache of catalog answers forgets
 * the variant on every replica, and the next view of any cart holding it shows the new price and `priceChanged`.
 * Contracts: ./contracts.ts.
 */
export function eventHandlers(deps: CartEventDeps): EventHandler<CartTx>[] {
  const { variantCacheSync: sync } = deps;
  return [
    on('catalog', 'VariantPriceChanged', variantPriceChangedV1, (event) => sync.announce({ variantIds: [event.data.variantId] })),
    on('catalog', 'VariantUpdated', variantChangedV1, (event) => sync.announce({ variantIds: [event.data.variantId] })),
    on('catalog', 'VariantArchived', variantChangedV1, (event) => sync.announce({ variantIds: [event.data.variantId] })),
    on('catalog', 'ProductUpdated', productChangedV1, (event) => sync.announce({ productIds: [event.data.productId] })),
    on('catalog', 'ProductArchived', productChangedV1, (event) => sync.announce({ productIds: [event.data.productId] })),
  ];
}
