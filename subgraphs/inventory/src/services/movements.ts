import { Prisma, type Sql } from '../db';
import { movement, type MovementType } from '../domain/stock';
import { raiseAlertsSql } from './alert-sql';
import { stockEventsSql } from './stock-events-sql';

export interface Movement {
  itemId: string;
  type: MovementType;
  /** Units moved (positive); an adjustment's is signed. */
  quantity: number;
  referenceId: string | null;
  referenceType: 'order' | 'adjustment' | null;
  reason: string | null;
}

export interface ChangedItem {
  id: string;
  before: number;
  after: number;
}

/**
 * Applies stock movements in one statement: locks the items in id order (the shop-wide lock order, so
 * concurrent writers never deadlock), changes their quantities, writes one ledger row per movement and raises
 * the alerts a crossing calls for, and records the stock events (services/stock-events-sql.ts) in the outbox.
 * `alongside`, a data-modifying statement, runs in the same statement (e.g. the reservations' new status): the
 * items' locks are then held for no round trip of the caller's. Run it inside the caller's transaction. A change
 * that would make a quantity negative fails the CHECK constraint and so the whole transaction.
 */
export async function applyMovements(sql: Sql, movements: Movement[], actor: string | null, now: Date, alongside?: Prisma.Sql): Promise<ChangedItem[]> {
  if (movements.length === 0) return [];
  const effects = movements.map((m) => movement(m.type, m.quantity));
  return sql.$queryRaw<ChangedItem[]>`
    WITH m AS (
      SELECT * FROM unnest(
        ${movements.map((m) => m.itemId)}::uuid[], ${movements.map((m) => m.type)}::varchar[],
        ${effects.map((e) => e.available)}::int[], ${effects.map((e) => e.reserved)}::int[], ${effects.map((e) => e.committed)}::int[],
        ${movements.map((m) => m.referenceId)}::uuid[], ${movements.map((m) => m.referenceType)}::varchar[], ${movements.map((m) => m.reason)}::varchar[]
      ) AS m(item_id, type, da, dr, dc, ref_id, ref_type, reason)
    ),
    total AS (
      SELECT item_id, sum(da)::int AS da, sum(dr)::int AS dr, sum(dc)::int AS dc, bool_or(type = 'restock') AS restocked
      FROM m GROUP BY item_id
    ),
    locked AS MATERIALIZED (
      SELECT i.id FROM inventory_items i WHERE i.id IN (SELECT item_id FROM total) ORDER BY i.id FOR NO KEY UPDATE
    ),
    changed AS (
      UPDATE inventory_items i
      SET quantity_available = i.quantity_available + t.da,
          quantity_reserved = i.quantity_reserved + t.dr,
          quantity_committed = i.quantity_committed + t.dc,
          last_restocked_at = CASE WHEN t.restocked THEN ${now}::timestamp ELSE i.last_restocked_at END,
          updated_at = ${now}::timestamp,
          version = coalesce(i.version, 1) + 1
      FROM total t JOIN locked l ON l.id = t.item_id
      WHERE i.id = t.item_id
      RETURNING i.id, i.quantity_available - t.da AS before, i.quantity_available AS after, i.low_stock_threshold AS threshold,
                i.quantity_reserved AS reserved, i.quantity_committed AS committed, i.version, i.product_variant_id AS variant_id, i.product_id
    ),
    ledger AS (
      INSERT INTO inventory_transactions
        (inventory_item_id, transaction_type, quantity_change, reserved_change, committed_change, reference_id, reference_type, reason, created_by, created_at)
      SELECT m.item_id, m.type, m.da, m.dr, m.dc, m.ref_id, m.ref_type, m.reason, ${actor}::uuid, ${now}::timestamp
      FROM m WHERE m.item_id IN (SELECT id FROM changed) AND (m.da <> 0 OR m.dr <> 0 OR m.dc <> 0)
    ),
    alerts AS (${raiseAlertsSql('changed')}),
    events AS (${stockEventsSql('changed', now)})${alongside ? Prisma.sql`, alongside AS (${alongside})` : Prisma.empty}
    SELECT id::text AS id, before, after FROM changed`;
}
