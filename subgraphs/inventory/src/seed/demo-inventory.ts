import { createHash } from 'node:crypto';
import type { Logger } from '@shop/platform';
import type { InventoryDb } from '../db';

/** Advisory lock key (any constant the shop uses for nothing else). */
const SEED_LOCK = 0x5eed_1274;

export interface DemoVariant {
  id: string;
  productId: string;
  sku: string;
}

/**
 * Demo stock per variant, the same on every run: most variants well stocked, about one in twelve sold out and
 * about one in seven running low, so the storefront shows every availability state.
 */
export function demoQuantity(sku: string): number {
  const n = createHash('sha256').update(sku).digest().readUInt32BE(0);
  if (n % 12 === 0) return 0;
  if (n % 7 === 0) return 1 + (n % 9);
  return 15 + (n % 186);
}

/**
 * Keeps stock for every demo variant (fed by the embedded starter from the catalog's own database: inventory
 * never reads catalog tables). Does nothing when any item exists, so it is safe on every start; each opening
 * quantity is a restock row in the ledger, so the books reconcile from the first minute.
 */
export async function seedDemoInventory(db: InventoryDb, variants: DemoVariant[], log: Logger): Promise<{ seeded: boolean; items: number }> {
  const result = await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK})`;
      const items = await tx.inventoryItem.count();
      if (items > 0 || variants.length === 0) return { seeded: false, items };
      await tx.$executeRaw`
        WITH v AS (
          SELECT * FROM unnest(${variants.map((v) => v.id)}::uuid[], ${variants.map((v) => v.productId)}::uuid[],
                               ${variants.map((v) => v.sku)}::varchar[], ${variants.map((v) => demoQuantity(v.sku))}::int[]) AS v(variant_id, product_id, sku, qty)
        ),
        items AS (
          INSERT INTO inventory_items (product_variant_id, product_id, sku, quantity_available, last_restocked_at)
          SELECT variant_id, product_id, sku, qty, CASE WHEN qty > 0 THEN now() AT TIME ZONE 'utc' END FROM v
          RETURNING id, quantity_available
        )
        INSERT INTO inventory_transactions (inventory_item_id, transaction_type, quantity_change, reason)
        SELECT id, 'restock', quantity_available, 'Demo opening stock' FROM items WHERE quantity_available > 0`;
      return { seeded: true, items: variants.length };
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
  if (result.seeded) log.info({ items: result.items }, 'seeded demo stock');
  return result;
}
