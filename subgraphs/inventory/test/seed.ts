import { randomUUID } from 'node:crypto';
import type { InventoryDb } from '../src/index';

export interface SeedItemOptions {
  available?: number;
  lowStockThreshold?: number | null;
  reorderPoint?: number | null;
  reorderQuantity?: number | null;
  productId?: string;
}

/**
 * An inventory item for a fresh variant, with its opening stock written as a restock ledger row, exactly as
 * restockInventory would, so the books reconcile from the start.
 */
export async function seedItem(db: InventoryDb, options: SeedItemOptions = {}) {
  const variantId = randomUUID();
  const available = options.available ?? 10;
  const item = await db.inventoryItem.create({
    data: {
      productVariantId: variantId,
      productId: options.productId ?? randomUUID(),
      sku: `SKU-${variantId.slice(0, 8)}`,
      quantityAvailable: available,
      lowStockThreshold: options.lowStockThreshold === undefined ? 2 : options.lowStockThreshold,
      reorderPoint: options.reorderPoint === undefined ? 3 : options.reorderPoint,
      reorderQuantity: options.reorderQuantity === undefined ? 50 : options.reorderQuantity,
    },
  });
  if (available > 0) {
    await db.inventoryTransaction.create({
      data: { inventoryItemId: item.id, transactionType: 'restock', quantityChange: available, reason: 'Opening stock (test)' },
    });
  }
  return { ...item, variantId };
}

export async function quantitiesOf(db: InventoryDb, itemId: string) {
  const item = await db.inventoryItem.findUniqueOrThrow({ where: { id: itemId } });
  return { available: item.quantityAvailable, reserved: item.quantityReserved, committed: item.quantityCommitted };
}

export const newOrderId = () => randomUUID();
