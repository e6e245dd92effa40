import { Prisma } from '../db';

/**
 * The INSERT of the low-stock alerts raised by a set of changed items, for use as a CTE inside the statement
 * that changed them, so an alert is written in the same transaction as the change that crossed the threshold.
 * `source` names a CTE with columns id, before, after, threshold (sellable quantity before and after).
 * The rule is domain/stock.ts's alertFor, in SQL; a test checks the two agree. The partial unique index
 * uq_low_stock_alerts_open keeps one open alert per item and kind (ON CONFLICT ... DO NOTHING).
 */
/** The alert kind for columns before, after, threshold; null for no alert. */
export const ALERT_KIND_SQL = `CASE WHEN after >= before THEN NULL
                  WHEN after = 0 THEN 'out_of_stock'
                  WHEN threshold IS NOT NULL AND before > threshold AND after <= threshold THEN 'low_stock'
             END`;

export function raiseAlertsSql(source: 'changed'): Prisma.Sql {
  return Prisma.raw(`INSERT INTO low_stock_alerts (inventory_item_id, alert_type, current_quantity, threshold_quantity)
    SELECT id, kind, after, CASE WHEN kind = 'out_of_stock' THEN 0 ELSE threshold END
    FROM (
      SELECT id, after, threshold, ${ALERT_KIND_SQL} AS kind
      FROM ${source}
    ) crossing
    WHERE kind IS NOT NULL
    ON CONFLICT (inventory_item_id, alert_type) WHERE is_acknowledged IS NOT TRUE DO NOTHING`);
}
