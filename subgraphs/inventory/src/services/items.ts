import { assertAdmin, conflict, notFound, parseId, parseInput } from '@shop/platform';
import { actorOf, type InventoryContext } from '../context';
import { inTransaction, type Sql } from '../db';
import type { InventoryItem } from '../generated/prisma/client';
import { withRetries } from './db-errors';
import { ensureItemInput, restockInput, settingsInput, type EnsureItemInput } from './inputs';
import { applyMovements } from './movements';

export async function getInventoryItem(ctx: InventoryContext, variantId: string): Promise<InventoryItem | null> {
  assertAdmin(ctx.viewer);
  return ctx.loaders.itemByVariant.load(parseId(variantId, 'variantId'));
}

/**
 * Keeps stock for a catalog variant. Idempotent, so the catalog's VariantCreated (events/handlers.ts) and an admin
 * repairing by hand can both call it safely: the same variant returns its existing item. A variant cannot move to
 * another product.
 */
export async function ensureInventoryItem(ctx: InventoryContext, raw: unknown): Promise<InventoryItem> {
  assertAdmin(ctx.viewer);
  return ensureItem(ctx.db, parseInput(ensureItemInput, raw));
}

export async function ensureItem(db: Sql, input: EnsureItemInput): Promise<InventoryItem> {
  const variantId = input.variantId.toLowerCase();
  const productId = input.productId.toLowerCase();
  // ON CONFLICT DO NOTHING: two concurrent calls for one variant both succeed and return the same item.
  await db.$executeRaw`
    INSERT INTO inventory_items (product_variant_id, product_id, sku, low_stock_threshold, reorder_point, reorder_quantity)
    VALUES (${variantId}::uuid, ${productId}::uuid, ${input.sku},
            coalesce(${input.lowStockThreshold ?? null}::int, 10), coalesce(${input.reorderPoint ?? null}::int, 20),
            coalesce(${input.reorderQuantity ?? null}::int, 100))
    ON CONFLICT (product_variant_id) DO NOTHING`;
  const item = await db.inventoryItem.findUniqueOrThrow({ where: { productVariantId: variantId } });
  if (item.productId !== productId) {
    throw conflict(`Variant ${variantId} already has stock under product ${item.productId}.`, { productId: item.productId });
  }
  if (item.sku === input.sku) return item;
  return db.inventoryItem.update({ where: { id: item.id }, data: { sku: input.sku, updatedAt: new Date() } });
}

export async function updateInventorySettings(ctx: InventoryContext, variantId: string, raw: unknown): Promise<InventoryItem> {
  assertAdmin(ctx.viewer);
  const id = parseId(variantId, 'variantId');
  const input = parseInput(settingsInput, raw);
  const item = await ctx.db.inventoryItem.findUnique({ where: { productVariantId: id } });
  if (!item) throw notFound(`An inventory item for variant ${id}`);
  return ctx.db.inventoryItem.update({
    where: { id: item.id },
    data: {
      // Omitted leaves a setting as it is; null clears it (no low-stock alerts, no reorder suggestion).
      lowStockThreshold: input.lowStockThreshold,
      reorderPoint: input.reorderPoint,
      reorderQuantity: input.reorderQuantity,
      updatedAt: new Date(),
      version: { increment: 1 },
    },
  });
}

/** Goods arrived: more to sell, one restock ledger row. */
export async function restockInventory(ctx: InventoryContext, raw: unknown): Promise<InventoryItem> {
  assertAdmin(ctx.viewer);
  const input = parseInput(restockInput, raw);
  const variantId = input.variantId.toLowerCase();
  return withRetries(() =>
    inTransaction(ctx.db, async (tx) => {
      const item = await tx.inventoryItem.findUnique({ where: { productVariantId: variantId }, select: { id: true } });
      if (!item) throw notFound(`An inventory item for variant ${variantId}`);
      await applyMovements(
        tx,
        [{ itemId: item.id, type: 'restock', quantity: input.quantity, referenceId: null, referenceType: null, reason: input.reason ?? 'Restock' }],
        actorOf(ctx),
        new Date(),
      );
      return tx.inventoryItem.findUniqueOrThrow({ where: { id: item.id } });
    }),
  );
}
