import { Prisma } from '../db';
import { ALERT_KIND_SQL } from './alert-sql';

/**
 * The INSERT of the inventory's integration events for a set of changed items, as a CTE inside the statement that
 * changed them (reservations, releases, expiry, restocks, adjustments, returns), so the events commit with the
 * change in the same statement: on the reservation hot path this is the one extra INSERT, no extra round trip.
 *
 * `source` names a CTE with columns id, before, after, threshold (sellable quantity before and after), reserved,
 * committed (after), version (the item's version after the change), variant_id, product_id.
 *
 *   StockLevelChanged   aggregate InventoryItem, version = the item's version column; only when `available`
 *                       changed (a commit or a sale moves reserved → committed → gone: nothing a shopper can buy
 *                       changed, no event)
 *   StockLow / OutOfStock / BackInStock
 *                       the crossings: the same rule as the low-stock alerts (alert-sql.ts / domain alertFor), plus
 *                       back in stock when available leaves 0. Their own aggregate, InventoryItemStock (same id and
 *                       version), because one change may record both a level and a crossing and the outbox keeps one
 *                       event per aggregate version; crossings of one item stay in order among themselves.
 *
 * Payload (schema version 1): itemId, variantId, productId, available, reserved, committed, previousAvailable,
 * lowStockThreshold.
 */
export const STOCK_EVENTS_SCHEMA_VERSION = 1;

export const CROSSING_EVENT_SQL = `CASE WHEN before = 0 AND after > 0 THEN 'BackInStock'
             ELSE CASE ${ALERT_KIND_SQL} WHEN 'out_of_stock' THEN 'OutOfStock' WHEN 'low_stock' THEN 'StockLow' END
        END`;

export function stockEventsSql(source: 'changed', now: Date): Prisma.Sql {
  return Prisma.sql`INSERT INTO domain_events (aggregate_id, aggregate_type, event_type, event_data, version, schema_version, occurred_at)
    SELECT s.id, e.aggregate_type, e.event_type,
           jsonb_build_object('itemId', s.id, 'variantId', s.variant_id, 'productId', s.product_id,
                              'available', s.after, 'reserved', s.reserved, 'committed', s.committed,
                              'previousAvailable', s.before, 'lowStockThreshold', s.threshold),
           coalesce(s.version, 1), ${STOCK_EVENTS_SCHEMA_VERSION}::int, ${now}::timestamp
    FROM (
      SELECT id, before, after, threshold, reserved, committed, version, variant_id, product_id, ${Prisma.raw(CROSSING_EVENT_SQL)} AS crossing
      FROM ${Prisma.raw(source)}
      WHERE after <> before
    ) s
    CROSS JOIN LATERAL (VALUES ('InventoryItem', 'StockLevelChanged'), ('InventoryItemStock', s.crossing)) e(aggregate_type, event_type)
    WHERE e.event_type IS NOT NULL`;
}
