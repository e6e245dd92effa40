import type { InventoryTx } from '@shop/inventory/db';
import type { InventoryItem } from '@shop/inventory/generated/prisma/client';
import { ensureItem } from '@shop/inventory/services/items';
import { applyMovements, type Movement } from '@shop/inventory/services/movements';
import { IMPORT_LOCK } from './catalog-writer';

/**
 * Takes the legacy stock quantities over into the inventory, inside the batch's inventory transaction, through the
 * inventory's own item and movement services: each change is a ledger row and records the stock events
 * (StockLevelChanged …) in the inventory's outbox, so search and alerts follow.
 *
 * Idempotent without a mapping table: the ledger rows this import writes carry IMPORT_REASON, and their sum is what
 * was taken over so far. A re-run moves only the difference (none when the legacy quantity did not change; a
 * catch-up run before the cut-over brings over what the base service sold or received since).
 */
export const IMPORT_REASON = 'Stock taken over from the base service';

export interface StockLine {
  legacyId: string;
  productId: string;
  variantId: string;
  sku: string;
  units: number;
}

export type StockOutcome = { legacyId: string; outcome: 'set' | 'unchanged' } | { legacyId: string; reason: string };

export async function writeStock(tx: InventoryTx, lines: StockLine[], now = new Date()): Promise<StockOutcome[]> {
  if (lines.length === 0) return [];
  // Two imports at once take turns, so neither moves stock on a total the other is changing.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${IMPORT_LOCK})`;
  const existing = await tx.inventoryItem.findMany({ where: { productVariantId: { in: lines.map((l) => l.variantId) } } });
  const byVariant = new Map(existing.map((i) => [i.productVariantId, i]));
  const items: InventoryItem[] = [];
  for (const line of lines) {
    const item = byVariant.get(line.variantId);
    // The inventory's own idempotent ensureItem for new items (and a changed SKU): it may race the inventory's
    // reaction to the catalog's VariantCreated for the same variant, and both win.
    const current = item && item.sku === line.sku && item.productId === line.productId;
    items.push(current ? item : await ensureItem(tx, { variantId: line.variantId, productId: line.productId, sku: line.sku }));
  }
  const taken = await tx.inventoryTransaction.groupBy({
    by: ['inventoryItemId'],
    where: { inventoryItemId: { in: items.map((i) => i.id) }, reason: IMPORT_REASON },
    _sum: { quantityChange: true },
  });
  const takenByItem = new Map(taken.map((t) => [t.inventoryItemId, t._sum.quantityChange ?? 0]));
  const outcomes: StockOutcome[] = [];
  const movements: Movement[] = [];
  lines.forEach((line, i) => {
    const item = items[i];
    const delta = line.units - (takenByItem.get(item.id) ?? 0);
    if (delta === 0) return outcomes.push({ legacyId: line.legacyId, outcome: 'unchanged' });
    if (item.quantityAvailable + delta < 0) {
      return outcomes.push({
        legacyId: line.legacyId,
        reason:
          `Taking ${line.units} units over would leave a negative quantity: ` +
          `${item.quantityAvailable} available in the shop now, ${delta} to move.`,
      });
    }
    // More units than taken over so far arrive as a restock; fewer (a catch-up run) as a signed adjustment.
    movements.push({
      itemId: item.id, type: delta > 0 ? 'restock' : 'adjustment', quantity: delta, referenceId: null, referenceType: null, reason: IMPORT_REASON,
    });
    outcomes.push({ legacyId: line.legacyId, outcome: 'set' });
  });
  await applyMovements(tx, movements, null, now);
  return outcomes;
}
