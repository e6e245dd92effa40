import type { InventoryTx } from '../db';
import type { ProductArchived, ProductUpdated, VariantArchived, VariantCreated, VariantUpdated } from '../events/contracts';
import { ensureItem } from './items';

/**
 * What the inventory does when the catalog changes (events/handlers.ts wires them). Each runs in the consumer's
 * transaction together with the processed_events row, so a redelivered event changes nothing; each is also
 * idempotent on its own (ensureItem, flag updates), and a product's events arrive in order.
 */

/** A new variant gets its stock kept: an item with nothing available until restocked (the default settings). */
export async function keepStockFor(tx: InventoryTx, event: VariantCreated | VariantUpdated): Promise<void> {
  const item = await ensureItem(tx, { variantId: event.variantId, productId: event.productId, sku: event.sku });
  const variantArchived = !event.isActive;
  const productArchived = event.productStatus === 'archived';
  if (item.variantArchived !== variantArchived || item.productArchived !== productArchived) {
    await tx.inventoryItem.update({ where: { id: item.id }, data: { variantArchived, productArchived, updatedAt: new Date() } });
  }
}

/** An archived variant is no longer sellable: reservations refuse it, the storefront shows it out of stock. */
export async function stopSelling(tx: InventoryTx, event: VariantArchived): Promise<void> {
  await tx.inventoryItem.updateMany({ where: { productVariantId: event.variantId.toLowerCase(), variantArchived: false }, data: { variantArchived: true, updatedAt: new Date() } });
}

/** An archived product takes all its variants off sale; restoring it brings back those not archived on their own. */
export async function productSellable(tx: InventoryTx, event: ProductArchived | ProductUpdated, archived: boolean): Promise<void> {
  await tx.inventoryItem.updateMany({ where: { productId: event.productId.toLowerCase(), productArchived: !archived }, data: { productArchived: archived, updatedAt: new Date() } });
}
