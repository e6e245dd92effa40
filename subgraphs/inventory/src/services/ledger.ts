import { assertAdmin, badUserInput, type Connection, type PageArgs } from '@shop/platform';
import type { InventoryContext } from '../context';
import type { InventoryTransaction } from '../generated/prisma/client';
import { idConnection, pageQuery, readIdPage } from './pages';

/** Staff: an item's ledger, newest first. */
export async function ledgerOf(ctx: InventoryContext, itemId: string, args: PageArgs): Promise<Connection<InventoryTransaction>> {
  assertAdmin(ctx.viewer);
  const page = readIdPage(args, ['ledger', itemId]);
  const rows = await ctx.db.inventoryTransaction.findMany({
    where: { inventoryItemId: itemId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    ...pageQuery(page),
  });
  return idConnection(rows, page);
}

export interface Mismatch {
  itemId: string;
  quantityAvailable: number;
  ledgerAvailable: number;
  quantityReserved: number;
  ledgerReserved: number;
  quantityCommitted: number;
  ledgerCommitted: number;
  reservationsActive: number;
  reservationsCommitted: number;
}

/**
 * Staff: items whose books do not add up. Each quantity must equal the sum of its ledger column, reserved
 * must equal the item's active reservations and committed its committed ones. Empty means sound books.
 */
export async function reconciliation(ctx: InventoryContext, first: number | null | undefined): Promise<Mismatch[]> {
  assertAdmin(ctx.viewer);
  const limit = first ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw badUserInput('`first` must be between 1 and 100.', [{ field: 'first', message: 'must be 1..100' }]);
  return ctx.db.$queryRaw<Mismatch[]>`
    SELECT i.id::text AS "itemId",
           i.quantity_available AS "quantityAvailable", coalesce(l.available, 0)::int AS "ledgerAvailable",
           i.quantity_reserved AS "quantityReserved", coalesce(l.reserved, 0)::int AS "ledgerReserved",
           i.quantity_committed AS "quantityCommitted", coalesce(l.committed, 0)::int AS "ledgerCommitted",
           coalesce(r.active, 0)::int AS "reservationsActive", coalesce(r.committed, 0)::int AS "reservationsCommitted"
    FROM inventory_items i
    LEFT JOIN (
      SELECT inventory_item_id, sum(quantity_change) AS available, sum(reserved_change) AS reserved, sum(committed_change) AS committed
      FROM inventory_transactions GROUP BY inventory_item_id
    ) l ON l.inventory_item_id = i.id
    LEFT JOIN (
      SELECT inventory_item_id,
             sum(quantity_reserved) FILTER (WHERE status = 'active') AS active,
             sum(quantity_reserved) FILTER (WHERE status = 'committed') AS committed
      FROM inventory_reservations GROUP BY inventory_item_id
    ) r ON r.inventory_item_id = i.id
    WHERE i.quantity_available <> coalesce(l.available, 0)
       OR i.quantity_reserved <> coalesce(l.reserved, 0)
       OR i.quantity_committed <> coalesce(l.committed, 0)
       OR i.quantity_reserved <> coalesce(r.active, 0)
       OR i.quantity_committed <> coalesce(r.committed, 0)
    ORDER BY i.id
    LIMIT ${limit}`;
}
