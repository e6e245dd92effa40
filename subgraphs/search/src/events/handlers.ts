import { on, type EventHandler } from '@shop/platform';
import type { SearchTx } from '../db';
import * as readModel from '../services/read-model';
import {
  brandUpdatedV1, categoryUpdatedV1, productArchivedV1, productFactsV1, reviewApprovedV1, stockLevelChangedV1, variantArchivedV1, variantFactsV1, variantPriceChangedV1,
} from './contracts';

/**
 * What the search context reacts to: the catalog's products, variants, prices, reviews, categories and brands and
 * the inventory's stock levels. Each updates the read model and queues the product for the indexer. Contracts: ./contracts.ts.
 */
export function eventHandlers(): EventHandler<SearchTx>[] {
  return [
    on('catalog', 'ProductCreated', productFactsV1, (event, tx: SearchTx) => readModel.productFactsChanged(tx, event.data)),
    on('catalog', 'ProductUpdated', productFactsV1, (event, tx: SearchTx) => readModel.productFactsChanged(tx, event.data)),
    on('catalog', 'ProductArchived', productArchivedV1, (event, tx: SearchTx) => readModel.productArchived(tx, event.data)),
    on('catalog', 'VariantCreated', variantFactsV1, (event, tx: SearchTx) => readModel.variantFactsChanged(tx, event.data)),
    on('catalog', 'VariantUpdated', variantFactsV1, (event, tx: SearchTx) => readModel.variantFactsChanged(tx, event.data)),
    on('catalog', 'VariantArchived', variantArchivedV1, (event, tx: SearchTx) => readModel.variantArchived(tx, event.data)),
    on('catalog', 'VariantPriceChanged', variantPriceChangedV1, (event, tx: SearchTx) => readModel.variantPriceChanged(tx, event.data)),
    on('catalog', 'ReviewApproved', reviewApprovedV1, (event, tx: SearchTx) => readModel.reviewApproved(tx, event.data)),
    on('catalog', 'CategoryUpdated', categoryUpdatedV1, (event, tx: SearchTx) => readModel.categoryUpdated(tx, event.data)),
    on('catalog', 'BrandUpdated', brandUpdatedV1, (event, tx: SearchTx) => readModel.brandUpdated(tx, event.data)),
    on('inventory', 'StockLevelChanged', stockLevelChangedV1, (event, tx: SearchTx) => readModel.stockLevelChanged(tx, event.data, event.version)),
  ];
}
