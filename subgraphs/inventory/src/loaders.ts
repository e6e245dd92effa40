import { byKeys, groupByKeys, RequestLoaders, uuid } from '@shop/platform';
import type { InventoryDb } from './db';
import type { InventoryItem, StockAdjustmentItem } from './generated/prisma/client';

export interface StockRow {
  quantityAvailable: number;
  lowStockThreshold: number | null;
  variantArchived: boolean;
  productArchived: boolean;
}

const isUuid = (id: string) => uuid.safeParse(id).success;

/**
 * Everything the graph can reach in a list goes through one of these, so availability for a page of 50
 * products costs the same one statement as for one product.
 */
export class InventoryLoaders {
  private readonly loaders = new RequestLoaders();

  constructor(private readonly db: InventoryDb) {}

  /** Stock of each variant; null when no item is kept for it (or the id is not a UUID: nothing is kept for it). */
  get stockByVariant() {
    return this.loaders.get<string, StockRow | null>('stockByVariant', async (ids) => {
      const rows = await this.db.inventoryItem.findMany({
        where: { productVariantId: { in: ids.filter(isUuid).map((id) => id.toLowerCase()) } },
        select: { productVariantId: true, quantityAvailable: true, lowStockThreshold: true, variantArchived: true, productArchived: true },
      });
      return byKeys(ids.map((id) => id.toLowerCase()), rows, (r) => r.productVariantId);
    });
  }

  /** Sellable stock summed over each product's items (archived ones left out), grouped by PostgreSQL. */
  get totalByProduct() {
    return this.loaders.get<string, number>('totalByProduct', async (ids) => {
      const rows = await this.db.inventoryItem.groupBy({
        by: ['productId'],
        where: { productId: { in: ids.filter(isUuid).map((id) => id.toLowerCase()) }, variantArchived: false, productArchived: false },
        _sum: { quantityAvailable: true },
      });
      return byKeys(ids.map((id) => id.toLowerCase()), rows, (r) => r.productId).map((row) => row?._sum.quantityAvailable ?? 0);
    });
  }

  get item() {
    return this.loaders.get<string, InventoryItem | null>('item', async (ids) =>
      byKeys(ids, await this.db.inventoryItem.findMany({ where: { id: { in: [...ids] } } }), (i) => i.id),
    );
  }

  get itemByVariant() {
    return this.loaders.get<string, InventoryItem | null>('itemByVariant', async (ids) =>
      byKeys(ids, await this.db.inventoryItem.findMany({ where: { productVariantId: { in: [...ids] } } }), (i) => i.productVariantId),
    );
  }

  /** The lines of each adjustment, by SKU, like a count sheet. */
  get adjustmentLines() {
    return this.loaders.get<string, StockAdjustmentItem[]>('adjustmentLines', async (ids) =>
      groupByKeys(ids, await this.db.stockAdjustmentItem.findMany({ where: { adjustmentId: { in: [...ids] } }, orderBy: [{ item: { sku: 'asc' } }, { id: 'asc' }] }), (l) => l.adjustmentId),
    );
  }
}
